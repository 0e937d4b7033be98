package io.minyi.dispute.web;

import io.minyi.dispute.internal.MediatorKind;
import io.minyi.dispute.internal.MediatorPool;
import io.minyi.dispute.internal.OrgKind;
import io.minyi.dispute.internal.PoolAdmin;
import io.minyi.org.StaffUser;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.PageResult;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.util.List;

/** The mediator pool and organisations (read for mediators, kept by dispatchers and admins), with the duty rota. */
@Controller
@PreAuthorize("hasAnyRole('DISPATCHER','ADMIN','MEDIATOR')")
class MediatorController {

    private final MediatorPool pool;
    private final PoolAdmin admin;
    private final JdbcClient jdbc;

    MediatorController(MediatorPool pool, PoolAdmin admin, JdbcClient jdbc) {
        this.pool = pool;
        this.admin = admin;
        this.jdbc = jdbc;
    }

    record DutyToday(String centre, String lawyer, String phone) {
    }

    @GetMapping("/mediators")
    String list(@AuthenticationPrincipal StaffUser me, @RequestParam(required = false) Integer page, Model model) {
        var req = PageResult.Request.of(page, 50);
        String scope = me.scopePathPattern();
        model.addAttribute("orgs", pool.orgsWithin(scope));
        model.addAttribute("result", new PageResult<>(pool.mediatorsWithin(scope, req.size(), req.offset()),
                req.page(), req.size(), pool.countWithin(scope)));
        model.addAttribute("orgKinds", OrgKind.values());
        model.addAttribute("mediatorKinds", MediatorKind.values());
        model.addAttribute("mayEdit", me.hasAny(io.minyi.org.Role.DISPATCHER, io.minyi.org.Role.ADMIN));
        model.addAttribute("duty", jdbc.sql("""
                        SELECT u.name AS centre, m.name AS lawyer, m.phone FROM duty_rota r
                        JOIN unit u ON u.id = r.centre_unit_id JOIN mediator m ON m.id = r.mediator_id
                        JOIN jurisdiction j ON j.id = u.jurisdiction_id
                        WHERE r.on_date = (now() AT TIME ZONE 'Asia/Shanghai')::date AND j.path LIKE ? ORDER BY u.name""")
                .param(scope).query((rs, n) -> new DutyToday(rs.getString(1), rs.getString(2), rs.getString(3))).list());
        return "dispute/mediators";
    }

    @PostMapping("/mediators/orgs")
    @PreAuthorize("hasAnyRole('DISPATCHER','ADMIN')")
    String saveOrg(@AuthenticationPrincipal StaffUser me, PoolAdmin.OrgInput in, RedirectAttributes flash) {
        admin.saveOrg(in, me.scopePathPattern());
        flash.addFlashAttribute("done", "dispute.done.orgSaved");
        return "redirect:/mediators";
    }

    record MediatorForm(String code, String name, MediatorKind kind, String orgCode, String phone,
                        List<String> specialties, String servedCodes) {
    }

    @PostMapping("/mediators")
    @PreAuthorize("hasAnyRole('DISPATCHER','ADMIN')")
    String saveMediator(@AuthenticationPrincipal StaffUser me, MediatorForm f, RedirectAttributes flash) {
        admin.saveMediator(new PoolAdmin.MediatorInput(f.code(), f.name(), f.kind(), f.orgCode(), f.phone(),
                f.specialties(), f.servedCodes() == null ? List.of() : List.of(f.servedCodes().split("[、,，\\s]+")),
                true, null), me.scopePathPattern());
        flash.addFlashAttribute("done", "dispute.done.mediatorSaved");
        return "redirect:/mediators";
    }

    @GetMapping("/mediators.xlsx")
    org.springframework.http.ResponseEntity<byte[]> export(@AuthenticationPrincipal StaffUser me) {
        return DisputeController.file(admin.export(me.scopePathPattern()), "调解员库.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }

    @PostMapping("/mediators/import")
    @PreAuthorize("hasAnyRole('DISPATCHER','ADMIN')")
    String importSheet(@AuthenticationPrincipal StaffUser me, @RequestParam(required = false) MultipartFile file,
                       RedirectAttributes flash) throws IOException {
        if (file == null || file.isEmpty()) {
            throw new InvalidInputException("dispute.invalid.sheet");
        }
        int n = admin.importSheet(file.getBytes(), me.scopePathPattern());
        flash.addFlashAttribute("done", "dispute.done.imported");
        flash.addFlashAttribute("count", n);
        return "redirect:/mediators";
    }
}
