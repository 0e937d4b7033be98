package io.minyi.integration.internal;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.casework.CaseType;
import io.minyi.integration.internal.Open311Catalogue.Service;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.UnitRef;
import io.minyi.org.StaffUser;
import io.minyi.platform.CityLanguage;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.NotFoundException;
import lombok.RequiredArgsConstructor;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * ADMIN's side of the Open311 service catalogue: which service code becomes which kind of case (type and category),
 * which unit usually answers for it, and whether clients may post to it. Read by {@link Open311Catalogue} on every
 * call, so a change applies to the next request. A service is switched off, never deleted: requests posted to it
 * stay readable.
 */
@Component
@RequiredArgsConstructor
public class Open311Services {

    private final JdbcClient jdbc;
    private final Open311Catalogue catalogue;
    private final OrgDirectory org;
    private final AuditTrail audit;
    private final MessageSource messages;
    private final Open311Cache cache;

    public record ServiceForm(String code, String name, String description, String group, String keywords,
                              String caseType, String category, Long unitId, Integer sortOrder, Boolean active) {
    }

    public List<Service> all() {
        return catalogue.all();
    }

    public Service get(String code) {
        return catalogue.all().stream().filter(s -> s.code().equals(code)).findFirst()
                .orElseThrow(() -> new NotFoundException("open311_service " + code));
    }

    @Transactional
    public String create(StaffUser me, ServiceForm form) {
        List<String> problems = new ArrayList<>();
        String code = form.code() == null ? "" : form.code().strip();
        if (!code.matches("[A-Za-z0-9_-]{1,40}")) {
            problems.add("integration.service.invalid.code");
        } else if (catalogue.all().stream().anyMatch(s -> s.code().equals(code))) {
            problems.add("integration.service.invalid.duplicate");
        }
        Checked c = check(me, form, code, problems);
        cache.changing();
        jdbc.sql("""
                        INSERT INTO open311_service (code, name, description, group_name, keywords, case_type, category,
                                                     unit_id, sort_order, active) VALUES (?,?,?,?,?,?,?,?,?,?)""")
                .params(code, c.name(), c.description(), c.group(), c.keywords(), c.type().name(), c.category(),
                        c.unitId(), c.sortOrder(), c.active())
                .update();
        audit.record(AuditEntry.of("integration.open311_service.create", "open311_service", code)
                .withChange(null, c.describe(messages)));
        return code;
    }

    @Transactional
    public void update(StaffUser me, String code, ServiceForm form) {
        Service before = get(code);
        Checked c = check(me, form, code, new ArrayList<>());
        cache.changing();
        jdbc.sql("""
                        UPDATE open311_service SET name = ?, description = ?, group_name = ?, keywords = ?, case_type = ?,
                               category = ?, unit_id = ?, sort_order = ?, active = ? WHERE code = ?""")
                .params(c.name(), c.description(), c.group(), c.keywords(), c.type().name(), c.category(), c.unitId(),
                        c.sortOrder(), c.active(), code)
                .update();
        audit.record(AuditEntry.of("integration.open311_service.update", "open311_service", code)
                .withChange(Checked.of(before).describe(messages), c.describe(messages)));
    }

    /** A form after its checks: every problem is collected and reported at once. */
    record Checked(String name, String description, String group, String keywords, CaseType type, String category,
                   Long unitId, int sortOrder, boolean active) {
        static Checked of(Service s) {
            return new Checked(s.name(), s.description(), s.group(), s.keywords(), s.caseType(), s.category(),
                    s.unitId(), s.sortOrder(), s.active());
        }

        /** For the audit trail, stored once for every later reader: in the city's language (decision 0039). */
        String describe(MessageSource messages) {
            return name + " → " + type + (category == null ? "" : "/" + category)
                    + (unitId == null ? "" : " unit=" + unitId) + " "
                    + CityLanguage.text(messages, active ? "integration.audit.enabled" : "integration.audit.disabled");
        }
    }

    private Checked check(StaffUser me, ServiceForm f, String code, List<String> problems) {
        String name = text(f.name(), 60, true, "integration.service.invalid.name", problems);
        String description = text(f.description(), 500, false, "integration.service.invalid.description", problems);
        String group = text(f.group(), 40, false, "integration.service.invalid.group", problems);
        String keywords = text(f.keywords(), 200, false, "integration.service.invalid.keywords", problems);
        String category = text(f.category(), 40, false, "integration.service.invalid.category", problems);
        CaseType type = parseType(f.caseType());
        if (type == null) {
            problems.add("integration.service.invalid.caseType");
        }
        if (f.unitId() != null && org.unit(f.unitId()).filter(u -> me.covers(u.jurisdictionPath())).isEmpty()) {
            problems.add("integration.service.invalid.unit");
        }
        int sort = f.sortOrder() == null ? 0 : f.sortOrder();
        if (sort < 0 || sort > 9999) {
            problems.add("integration.service.invalid.sortOrder");
        }
        boolean active = Boolean.TRUE.equals(f.active());
        // two active services for one kind of case would make the service a case is shown under a matter of chance
        if (active && type != null && catalogue.all().stream().anyMatch(s -> s.active() && !s.code().equals(code)
                && s.caseType() == type && Objects.equals(s.category(), category))) {
            problems.add("integration.service.invalid.sameKind");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Checked(name, description, group, keywords, type, category, f.unitId(), sort, active);
    }

    /** The units ADMIN may name as responsible: those within their jurisdiction. */
    public List<UnitRef> units(StaffUser me) {
        return org.unitsWithin(me.jurisdictionPath());
    }

    private static CaseType parseType(String s) {
        return Optional.ofNullable(s).flatMap(v -> java.util.Arrays.stream(CaseType.values())
                .filter(t -> t.name().equals(v)).findFirst()).orElse(null);
    }

    private static String text(String value, int max, boolean required, String problem, List<String> problems) {
        String v = value == null ? "" : value.strip();
        if (required && v.isEmpty() || v.length() > max) {
            problems.add(problem);
        }
        return v.isEmpty() ? null : v;
    }
}
