package io.minyi.org.web;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.org.UnitKind;
import io.minyi.org.UnitKinds;
import io.minyi.org.UnitSystem;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.NotFoundException;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * 单位类型: administrators add the kinds of unit the city dispatches to (a department, an arbitration body, a
 * mediation committee), relabel them, order them and retire the ones no longer used. A kind's code is its stable key
 * and never changes; a built-in kind (one some behaviour depends on) is never retired.
 */
@Controller
@RequestMapping("/admin/unit-kinds")
@PreAuthorize("hasRole('ADMIN')")
@RequiredArgsConstructor
class UnitKindController {

    static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,39}");

    /** The form: every field a text, checked in {@link #check}. */
    record KindForm(String code, String label, String system, String sort, String active) {
    }

    private final JdbcClient jdbc;
    private final UnitKinds kinds;
    private final AuditTrail audit;

    @GetMapping
    String list(Model model) {
        model.addAttribute("kinds", kinds.all());
        model.addAttribute("systems", UnitSystem.values());
        Map<String, Long> units = new java.util.HashMap<>();
        jdbc.sql("SELECT type, count(*) FROM unit GROUP BY type")
                .query((rs, i) -> units.put(rs.getString(1), rs.getLong(2))).list();
        model.addAttribute("units", units);
        return "org/unit-kinds";
    }

    @PostMapping
    @Transactional
    String add(KindForm form, RedirectAttributes flash) {
        String code = form.code() == null ? "" : form.code().strip().toUpperCase(java.util.Locale.ROOT);
        List<String> problems = new ArrayList<>(check(form));
        if (!CODE.matcher(code).matches()) {
            problems.add("org.kinds.invalid.code");
        } else if (kinds.byCode(code).isPresent()) {
            problems.add("org.kinds.invalid.codeTaken");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        jdbc.sql("INSERT INTO unit_kind (code, label, system, sort) VALUES (?,?,?,?)")
                .params(code, form.label().strip(), form.system(), sort(form)).update();
        audit.record(AuditEntry.of("org.unit_kind.create", "unit_kind", code)
                .withChange(null, code + " " + form.label().strip() + " " + form.system()));
        kinds.changed();
        flash.addFlashAttribute("notice", "org.kinds.saved");
        return "redirect:/admin/unit-kinds";
    }

    @PostMapping("/{code}")
    @Transactional
    String update(@PathVariable String code, KindForm form, RedirectAttributes flash) {
        UnitKind before = kinds.byCode(code).orElseThrow(() -> new NotFoundException("unit kind"));
        List<String> problems = new ArrayList<>(check(form));
        boolean active = form.active() != null;
        if (before.builtIn() && !active) {
            problems.add("org.kinds.invalid.builtInActive");
        }
        UnitSystem system = UnitSystem.valueOf(form.system() == null || problems.contains("org.kinds.invalid.system")
                ? before.system().name() : form.system());
        if (system != before.system() && withOfficers().getOrDefault(code, 0L) > 0) {
            // badge numbers are unique per system: units with officers cannot change numbering under them
            problems.add("org.kinds.invalid.systemInUse");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        jdbc.sql("UPDATE unit_kind SET label = ?, system = ?, sort = ?, active = ?, updated_at = now() WHERE code = ?")
                .params(form.label().strip(), system.name(), sort(form), active, code).update();
        audit.record(AuditEntry.of("org.unit_kind.update", "unit_kind", code)
                .withChange(before.code() + " " + before.label() + " " + before.system() + " " + before.active(),
                        code + " " + form.label().strip() + " " + system + " " + active));
        kinds.changed();
        flash.addFlashAttribute("notice", "org.kinds.saved");
        return "redirect:/admin/unit-kinds";
    }

    private List<String> check(KindForm form) {
        List<String> problems = new ArrayList<>();
        String label = form.label() == null ? "" : form.label().strip();
        if (label.isEmpty() || label.length() > 30) {
            problems.add("org.kinds.invalid.label");
        } else if (kinds.all().stream().anyMatch(k -> k.label().equals(label) && !k.code().equals(form.code()))) {
            problems.add("org.kinds.invalid.labelTaken");
        }
        if (form.system() == null || java.util.Arrays.stream(UnitSystem.values())
                .noneMatch(s -> s.name().equals(form.system()))) {
            problems.add("org.kinds.invalid.system");
        }
        if (form.sort() != null && !form.sort().isBlank() && !form.sort().strip().matches("\\d{1,4}")) {
            problems.add("org.kinds.invalid.sort");
        }
        return problems;
    }

    private static int sort(KindForm form) {
        return form.sort() == null || form.sort().isBlank() ? 100 : Integer.parseInt(form.sort().strip());
    }

    /** Units of each kind with officers (a kind's badge system may change only while none has any). */
    private Map<String, Long> withOfficers() {
        Map<String, Long> out = new java.util.HashMap<>();
        jdbc.sql("""
                        SELECT u.type, count(*) FROM unit u WHERE EXISTS (SELECT 1 FROM officer o WHERE o.unit_id = u.id)
                        GROUP BY u.type""")
                .query((rs, i) -> out.put(rs.getString(1), rs.getLong(2))).list();
        return out;
    }
}
