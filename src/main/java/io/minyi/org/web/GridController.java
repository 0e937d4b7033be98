package io.minyi.org.web;

import io.minyi.org.GridType;
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
import java.util.ArrayList;
import java.util.List;

@Controller
@RequestMapping("/admin/grids")
@PreAuthorize(Access.READ)
class GridController {

    private static final String SECTION = "/admin/grids";

    private final GridAdmin grids;
    private final OrgDirectory directory;
    private final Clock clock;

    GridController(GridAdmin grids, OrgDirectory directory, Clock clock) {
        this.grids = grids;
        this.directory = directory;
        this.clock = clock;
    }

    @GetMapping
    String list(@AuthenticationPrincipal StaffUser me, GridAdmin.Filter filter,
                @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
                Model model) {
        model.addAttribute("page", grids.page(me, filter, PageResult.Request.of(page, size)));
        model.addAttribute("links", ListLinks.of(SECTION, "q", filter.q(), "type", filter.type(),
                "jurisdiction", filter.jurisdiction(), "status", filter.status()));
        model.addAttribute("types", GridType.values());
        List<io.minyi.org.OrgRefs.JurisdictionRef> places = new ArrayList<>();
        directory.jurisdiction(me.jurisdictionId()).ifPresent(places::add);
        places.addAll(directory.children(me.jurisdictionId()));
        model.addAttribute("places", places);
        return "org/grids";
    }

    @GetMapping("/export")
    ResponseEntity<byte[]> export(@AuthenticationPrincipal StaffUser me, GridAdmin.Filter filter) {
        List<List<?>> rows = grids.all(me, filter).stream()
                .<List<?>>map(r -> List.of(r.code(), r.name(), r.type().label(), r.villageCode(), r.villageName(),
                        r.households() == null ? "" : r.households(), Exports.text(r.workers()),
                        r.active() ? "在用" : "已停用"))
                .toList();
        return Exports.xlsx("网格", clock, List.of("网格编码", "网格名称", "网格类型", "所在村（社区）编码",
                "所在村（社区）", "户数", "网格员", "状态"), rows);
    }

    @GetMapping("/new")
    @PreAuthorize(Access.WRITE)
    String newForm(@AuthenticationPrincipal StaffUser me, Model model) {
        return form(me, model, new GridAdmin.Form(null, null, null, null, null), null, List.of());
    }

    @PostMapping
    @PreAuthorize(Access.WRITE)
    String create(@AuthenticationPrincipal StaffUser me, GridAdmin.Form form, Model model,
                  HttpServletResponse response, RedirectAttributes redirect) {
        return FormPost.submit(SECTION, () -> grids.create(me, form), "org.notice.created", redirect, response,
                problems -> form(me, model, form, null, problems));
    }

    @GetMapping("/{id:\\d+}")
    String show(@AuthenticationPrincipal StaffUser me, @PathVariable long id, Model model) {
        GridAdmin.Row row = grids.get(me, id);
        return form(me, model, GridAdmin.Form.of(row), row, List.of());
    }

    @PostMapping("/{id:\\d+}")
    @PreAuthorize(Access.WRITE)
    String update(@AuthenticationPrincipal StaffUser me, @PathVariable long id, GridAdmin.Form form, Model model,
                  HttpServletResponse response, RedirectAttributes redirect) {
        GridAdmin.Row row = grids.get(me, id);
        return FormPost.submit(SECTION, id, () -> grids.update(me, id, form), "org.notice.saved", redirect, response,
                problems -> form(me, model, form, row, problems));
    }

    @PostMapping("/{id:\\d+}/active")
    @PreAuthorize(Access.WRITE)
    String setActive(@AuthenticationPrincipal StaffUser me, @PathVariable long id, @RequestParam boolean active,
                     RedirectAttributes redirect) {
        grids.setActive(me, id, active);
        return FormPost.done(SECTION, id, FormPost.activeNotice(active), redirect);
    }

    @PostMapping("/{id:\\d+}/workers")
    @PreAuthorize(Access.WRITE)
    String addWorker(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                     @RequestParam(required = false) String username, Model model, HttpServletResponse response,
                     RedirectAttributes redirect) {
        GridAdmin.Row row = grids.get(me, id);
        return FormPost.submit(SECTION, id, () -> grids.addWorker(me, id, username), "org.notice.workerAdded", redirect,
                response, problems -> form(me, model, GridAdmin.Form.of(row), row, problems));
    }

    @PostMapping("/{id:\\d+}/workers/{staffId}/remove")
    @PreAuthorize(Access.WRITE)
    String removeWorker(@AuthenticationPrincipal StaffUser me, @PathVariable long id, @PathVariable long staffId,
                        RedirectAttributes redirect) {
        grids.removeWorker(me, id, staffId);
        return FormPost.done(SECTION, id, "org.notice.workerRemoved", redirect);
    }

    private String form(StaffUser me, Model model, GridAdmin.Form form, GridAdmin.Row row, List<String> problems) {
        model.addAttribute("form", form);
        model.addAttribute("row", row);
        model.addAttribute("problems", problems);
        model.addAttribute("types", GridType.values());
        model.addAttribute("workers", row == null ? List.of() : grids.workers(me, row.id()));
        model.addAttribute("canEdit", me.has(Role.ADMIN));
        return "org/grid-form";
    }
}
