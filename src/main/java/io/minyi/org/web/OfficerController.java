package io.minyi.org.web;

import io.minyi.org.OrgDirectory;
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
@RequestMapping("/admin/officers")
@PreAuthorize(Access.READ)
class OfficerController {

    private static final String SECTION = "/admin/officers";

    private final OfficerAdmin officers;
    private final OrgDirectory directory;
    private final Clock clock;

    OfficerController(OfficerAdmin officers, OrgDirectory directory, Clock clock) {
        this.officers = officers;
        this.directory = directory;
        this.clock = clock;
    }

    @GetMapping
    String list(@AuthenticationPrincipal StaffUser me, OfficerAdmin.Filter filter,
                @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
                Model model) {
        model.addAttribute("page", officers.page(me, filter, PageResult.Request.of(page, size)));
        model.addAttribute("links", ListLinks.of(SECTION, "q", filter.q(), "unit", filter.unit(),
                "status", filter.status()));
        model.addAttribute("units", directory.unitsWithin(me.jurisdictionPath()));
        return "org/officers";
    }

    @GetMapping("/export")
    ResponseEntity<byte[]> export(@AuthenticationPrincipal StaffUser me, OfficerAdmin.Filter filter) {
        List<List<?>> rows = officers.all(me, filter).stream()
                .<List<?>>map(r -> List.of(r.badgeNo(), r.name(), Exports.text(r.position()), r.unitName(),
                        r.jurisdictionName(), r.active() ? "在用" : "已停用"))
                .toList();
        return Exports.xlsx("政法干警", clock, List.of("警号", "姓名", "职务", "单位", "所在区划", "状态"), rows);
    }

    @GetMapping("/new")
    @PreAuthorize(Access.WRITE)
    String newForm(@AuthenticationPrincipal StaffUser me, Model model) {
        return form(me, model, new OfficerAdmin.Form(null, null, null, null), null, List.of());
    }

    @PostMapping
    @PreAuthorize(Access.WRITE)
    String create(@AuthenticationPrincipal StaffUser me, OfficerAdmin.Form form, Model model,
                  HttpServletResponse response, RedirectAttributes redirect) {
        return FormPost.submit(SECTION, () -> officers.create(me, form), "org.notice.created", redirect, response,
                problems -> form(me, model, form, null, problems));
    }

    @GetMapping("/{id:\\d+}")
    String show(@AuthenticationPrincipal StaffUser me, @PathVariable long id, Model model) {
        OfficerAdmin.Row row = officers.get(me, id);
        return form(me, model, OfficerAdmin.Form.of(row), row, List.of());
    }

    @PostMapping("/{id:\\d+}")
    @PreAuthorize(Access.WRITE)
    String update(@AuthenticationPrincipal StaffUser me, @PathVariable long id, OfficerAdmin.Form form, Model model,
                  HttpServletResponse response, RedirectAttributes redirect) {
        OfficerAdmin.Row row = officers.get(me, id);
        return FormPost.submit(SECTION, id, () -> officers.update(me, id, form), "org.notice.saved", redirect, response,
                problems -> form(me, model, form, row, problems));
    }

    @PostMapping("/{id:\\d+}/active")
    @PreAuthorize(Access.WRITE)
    String setActive(@AuthenticationPrincipal StaffUser me, @PathVariable long id, @RequestParam boolean active,
                     RedirectAttributes redirect) {
        officers.setActive(me, id, active);
        return FormPost.done(SECTION, id, FormPost.activeNotice(active), redirect);
    }

    private String form(StaffUser me, Model model, OfficerAdmin.Form form, OfficerAdmin.Row row,
                        List<String> problems) {
        model.addAttribute("form", form);
        model.addAttribute("row", row);
        model.addAttribute("problems", problems);
        model.addAttribute("units", directory.unitsWithin(me.jurisdictionPath()));
        model.addAttribute("canEdit", me.has(io.minyi.org.Role.ADMIN));
        return "org/officer-form";
    }
}
