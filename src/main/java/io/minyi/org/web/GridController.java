package io.minyi.org.web;

import io.minyi.org.GridType;
import io.minyi.org.OrgDirectory;
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
import java.util.List;

@Controller
@RequestMapping("/admin/grids")
class GridController extends OrgController<Grids.Row, OrgKind.TypeAndPlace> {

    private final Grids grids;

    GridController(Grids grids, OrgDirectory directory, Clock clock) {
        super(grids, directory, clock);
        this.grids = grids;
    }

    @Override
    void listPage(StaffUser me, OrgKind.TypeAndPlace filter, Model model) {
        model.addAttribute("types", GridType.values());
        model.addAttribute("places", places(me));
    }

    @PostMapping("/{id:\\d+}/workers")
    @PreAuthorize(Access.WRITE)
    String addWorker(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                     @RequestParam(required = false) String username, Model model, HttpServletResponse response,
                     RedirectAttributes redirect) {
        Grids.Row row = grids.get(me, id);
        return submit(() -> {
            grids.addWorker(me, id, username);
            return id;
        }, "org.notice.workerAdded", redirect, response,
                refused -> form(me, model, grids.spec().form(grids.values(row)), row, refused));
    }

    @PostMapping("/{id:\\d+}/workers/{staffId}/remove")
    @PreAuthorize(Access.WRITE)
    String removeWorker(@AuthenticationPrincipal StaffUser me, @PathVariable long id, @PathVariable long staffId,
                        RedirectAttributes redirect) {
        grids.removeWorker(me, id, staffId);
        return done(id, "org.notice.workerRemoved", redirect);
    }

    @Override
    String formPage(StaffUser me, Model model, Grids.Row row) {
        model.addAttribute("workers", row == null ? List.of() : grids.workers(me, row.id()));
        return "org/grid-form";
    }
}
