package io.minyi.org.web;

import io.minyi.org.OrgDirectory;
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
@RequestMapping("/admin/staff")
@PreAuthorize(Access.READ)
class StaffController {

    private static final String SECTION = "/admin/staff";

    private final StaffAdmin staff;
    private final OrgDirectory directory;
    private final Clock clock;

    StaffController(StaffAdmin staff, OrgDirectory directory, Clock clock) {
        this.staff = staff;
        this.directory = directory;
        this.clock = clock;
    }

    @GetMapping
    String list(@AuthenticationPrincipal StaffUser me, StaffAdmin.Filter filter,
                @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
                Model model) {
        model.addAttribute("page", staff.page(me, filter, PageResult.Request.of(page, size)));
        model.addAttribute("links", ListLinks.of(SECTION, "q", filter.q(), "role", filter.role(),
                "unit", filter.unit(), "status", filter.status()));
        model.addAttribute("roles", Role.values());
        model.addAttribute("units", directory.unitsWithin(me.jurisdictionPath()));
        model.addAttribute("now", staff.now());
        return "org/staff";
    }

    @GetMapping("/export")
    ResponseEntity<byte[]> export(@AuthenticationPrincipal StaffUser me, StaffAdmin.Filter filter) {
        var now = staff.now();
        List<List<?>> rows = staff.all(me, filter).stream()
                .<List<?>>map(r -> List.of(r.username(), r.displayName(), r.roleLabels(), r.unitName(),
                        r.jurisdictionCode(), r.jurisdictionName(), Exports.text(r.officerBadge()),
                        Exports.text(r.phone()), Exports.text(r.email()),
                        !r.active() ? "已停用" : r.lockedAt(now) ? "已锁定" : "在用"))
                .toList();
        return Exports.xlsx("工作人员账号", clock, List.of("用户名", "姓名", "角色", "单位", "管辖区划编码", "管辖区划",
                "关联干警警号", "手机", "邮箱", "状态"), rows);
    }

    @GetMapping("/new")
    @PreAuthorize(Access.WRITE)
    String newForm(@AuthenticationPrincipal StaffUser me, Model model) {
        return form(me, model, new StaffAdmin.Form(null, null, List.of(), null, null, null, null, null, null), null,
                List.of());
    }

    @PostMapping
    @PreAuthorize(Access.WRITE)
    String create(@AuthenticationPrincipal StaffUser me, StaffAdmin.Form form, Model model,
                  HttpServletResponse response, RedirectAttributes redirect) {
        return FormPost.submit(SECTION, () -> staff.create(me, form), "org.notice.created", redirect, response,
                problems -> form(me, model, withoutPassword(form), null, problems));
    }

    @GetMapping("/{id:\\d+}")
    String show(@AuthenticationPrincipal StaffUser me, @PathVariable long id, Model model) {
        StaffAdmin.Row row = staff.get(me, id);
        return form(me, model, StaffAdmin.Form.of(row), row, List.of());
    }

    @PostMapping("/{id:\\d+}")
    @PreAuthorize(Access.WRITE)
    String update(@AuthenticationPrincipal StaffUser me, @PathVariable long id, StaffAdmin.Form form, Model model,
                  HttpServletResponse response, RedirectAttributes redirect) {
        StaffAdmin.Row row = staff.get(me, id);
        return FormPost.submit(SECTION, id, () -> staff.update(me, id, form), "org.notice.saved", redirect, response,
                problems -> form(me, model, withoutPassword(form), row, problems));
    }

    @PostMapping("/{id:\\d+}/active")
    @PreAuthorize(Access.WRITE)
    String setActive(@AuthenticationPrincipal StaffUser me, @PathVariable long id, @RequestParam boolean active,
                     RedirectAttributes redirect) {
        staff.setActive(me, id, active);
        return FormPost.done(SECTION, id, FormPost.activeNotice(active), redirect);
    }

    @PostMapping("/{id:\\d+}/unlock")
    @PreAuthorize(Access.WRITE)
    String unlock(@AuthenticationPrincipal StaffUser me, @PathVariable long id, RedirectAttributes redirect) {
        staff.unlock(me, id);
        return FormPost.done(SECTION, id, "org.notice.unlocked", redirect);
    }

    @PostMapping("/{id:\\d+}/password")
    @PreAuthorize(Access.WRITE)
    String resetPassword(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                         @RequestParam(required = false) String password, Model model, HttpServletResponse response,
                         RedirectAttributes redirect) {
        StaffAdmin.Row row = staff.get(me, id);
        return FormPost.submit(SECTION, id, () -> staff.resetPassword(me, id, password), "org.notice.passwordReset",
                redirect, response, problems -> form(me, model, StaffAdmin.Form.of(row), row, problems));
    }

    private static StaffAdmin.Form withoutPassword(StaffAdmin.Form f) {
        return new StaffAdmin.Form(f.username(), f.displayName(), f.roles(), f.unitId(), f.jurisdictionCode(),
                f.officerBadge(), f.phone(), f.email(), null);
    }

    private String form(StaffUser me, Model model, StaffAdmin.Form form, StaffAdmin.Row row, List<String> problems) {
        model.addAttribute("form", form);
        model.addAttribute("row", row);
        model.addAttribute("locked", row != null && row.lockedAt(staff.now()));
        model.addAttribute("problems", problems);
        model.addAttribute("roles", Role.values());
        model.addAttribute("units", directory.unitsWithin(me.jurisdictionPath()));
        model.addAttribute("canEdit", me.has(Role.ADMIN));
        return "org/staff-form";
    }
}
