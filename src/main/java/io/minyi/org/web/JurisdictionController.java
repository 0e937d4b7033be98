package io.minyi.org.web;

import io.minyi.org.JurisdictionLevel;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.org.Role;
import io.minyi.org.StaffUser;
import io.minyi.platform.PageResult;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.util.List;

@Controller
@RequestMapping("/admin/jurisdictions")
@PreAuthorize(Access.READ)
class JurisdictionController {

    private static final String SECTION = "/admin/jurisdictions";

    private final JurisdictionAdmin jurisdictions;
    private final OrgDirectory directory;
    private final Clock clock;

    JurisdictionController(JurisdictionAdmin jurisdictions, OrgDirectory directory, Clock clock) {
        this.jurisdictions = jurisdictions;
        this.directory = directory;
        this.clock = clock;
    }

    @GetMapping
    String list(@AuthenticationPrincipal StaffUser me, JurisdictionAdmin.Filter filter,
                @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
                Model model) {
        JurisdictionAdmin.Row parent = filter.parent() == null ? null : jurisdictions.get(me, filter.parent());
        model.addAttribute("parent", parent);
        model.addAttribute("crumbs", parent == null ? List.of() : crumbs(me, parent.id()));
        model.addAttribute("page", jurisdictions.page(me, filter, PageResult.Request.of(page, size)));
        model.addAttribute("links", ListLinks.of(SECTION, "parent", filter.parent(),
                "level", filter.level(), "q", filter.q(), "status", filter.status()));
        model.addAttribute("levels", JurisdictionLevel.values());
        return "org/jurisdictions";
    }

    /** Breadcrumbs from the top of the caller's own scope down to the node: what lies above is not theirs to see. */
    private List<JurisdictionRef> crumbs(StaffUser me, long id) {
        return directory.lineage(id).stream().filter(j -> me.covers(j.path())).toList();
    }

    @GetMapping("/export")
    ResponseEntity<byte[]> export(@AuthenticationPrincipal StaffUser me, JurisdictionAdmin.Filter filter) {
        List<List<?>> rows = jurisdictions.all(me, filter).stream()
                .<List<?>>map(r -> List.of(r.code(), r.name(), r.level().label(), Exports.text(r.parentCode()),
                        r.children(), r.active() ? "在用" : "已停用"))
                .toList();
        return Exports.xlsx("行政区划", clock, List.of("区划编码", "名称", "级别", "上级区划编码", "下级数", "状态"), rows);
    }

    @GetMapping("/new")
    @PreAuthorize(Access.WRITE)
    String newForm(@AuthenticationPrincipal StaffUser me, @RequestParam(required = false) Long parent, Model model) {
        String parentCode = parent == null ? null : jurisdictions.get(me, parent).code();
        return form(me, model, new JurisdictionAdmin.Form(parentCode, null, null), null, List.of());
    }

    @PostMapping
    @PreAuthorize(Access.WRITE)
    String create(@AuthenticationPrincipal StaffUser me, JurisdictionAdmin.Form form, Model model,
                  HttpServletResponse response, RedirectAttributes redirect) {
        return FormPost.submit(SECTION, () -> jurisdictions.create(me, form), "org.notice.created", redirect, response,
                problems -> form(me, model, form, null, problems));
    }

    @GetMapping("/{id:\\d+}")
    String show(@AuthenticationPrincipal StaffUser me, @PathVariable long id, Model model) {
        JurisdictionAdmin.Row row = jurisdictions.get(me, id);
        return form(me, model, JurisdictionAdmin.Form.of(row), row, List.of());
    }

    @PostMapping("/{id:\\d+}")
    @PreAuthorize(Access.WRITE)
    String update(@AuthenticationPrincipal StaffUser me, @PathVariable long id, JurisdictionAdmin.Form form,
                  Model model, HttpServletResponse response, RedirectAttributes redirect) {
        JurisdictionAdmin.Row row = jurisdictions.get(me, id);
        return FormPost.submit(SECTION, id, () -> jurisdictions.update(me, id, form), "org.notice.saved", redirect,
                response, problems -> form(me, model, form, row, problems));
    }

    @PostMapping("/{id:\\d+}/active")
    @PreAuthorize(Access.WRITE)
    String setActive(@AuthenticationPrincipal StaffUser me, @PathVariable long id, @RequestParam boolean active,
                     RedirectAttributes redirect) {
        jurisdictions.setActive(me, id, active);
        return FormPost.done(SECTION, id, FormPost.activeNotice(active), redirect);
    }

    private String form(StaffUser me, Model model, JurisdictionAdmin.Form form, JurisdictionAdmin.Row row,
                        List<String> problems) {
        model.addAttribute("form", form);
        model.addAttribute("row", row);
        model.addAttribute("crumbs", row == null ? List.of() : crumbs(me, row.id()));
        model.addAttribute("problems", problems);
        model.addAttribute("canEdit", me.has(Role.ADMIN));
        return "org/jurisdiction-form";
    }
}
