package io.minyi.org.web;

import io.minyi.org.OrgDirectory;
import io.minyi.org.Role;
import io.minyi.org.StaffUser;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;

@Controller
@RequestMapping("/admin/staff")
class StaffController extends OrgController<Staff.Row, Staff.Filter> {

    private final Staff staff;

    StaffController(Staff staff, OrgDirectory directory, Clock clock) {
        super(staff, directory, clock);
        this.staff = staff;
    }

    @Override
    void listPage(StaffUser me, Staff.Filter filter, Model model) {
        model.addAttribute("roles", Role.values());
        model.addAttribute("units", units(me));
        model.addAttribute("now", staff.now());
    }

    @PostMapping("/{id:\\d+}/unlock")
    @PreAuthorize(Access.WRITE)
    String unlock(@AuthenticationPrincipal StaffUser me, @PathVariable long id, RedirectAttributes redirect) {
        staff.unlock(me, id);
        return done(id, "org.notice.unlocked", redirect);
    }

    @PostMapping("/{id:\\d+}/password")
    @PreAuthorize(Access.WRITE)
    String resetPassword(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                         @RequestParam(required = false) String password, Model model, HttpServletResponse response,
                         RedirectAttributes redirect) {
        Staff.Row row = staff.get(me, id);
        return submit(() -> {
            staff.resetPassword(me, id, password);
            return id;
        }, "org.notice.passwordReset", redirect, response,
                refused -> form(me, model, staff.spec().form(staff.values(row)), row, refused));
    }

    @Override
    String formPage(StaffUser me, Model model, Staff.Row row) {
        model.addAttribute("locked", row != null && row.lockedAt(staff.now()));
        model.addAttribute("units", units(me));
        // a reset password is held to the initial password's rule
        model.addAttribute("password", Staff.PASSWORD.input());
        return "org/staff-form";
    }
}
