package io.minyi.org.web;

import io.minyi.org.OrgDirectory;
import io.minyi.org.Role;
import io.minyi.org.StaffUser;
import io.minyi.org.UnitType;
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
@RequestMapping("/admin/units")
@PreAuthorize(Access.READ)
class UnitController {

    private static final String SECTION = "/admin/units";

    private final UnitAdmin units;
    private final OrgDirectory directory;
    private final Clock clock;

    UnitController(UnitAdmin units, OrgDirectory directory, Clock clock) {
        this.units = units;
        this.directory = directory;
        this.clock = clock;
    }

    @GetMapping
    String list(@AuthenticationPrincipal StaffUser me, UnitAdmin.Filter filter,
                @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
                Model model) {
        model.addAttribute("page", units.page(me, filter, PageResult.Request.of(page, size)));
        model.addAttribute("links", ListLinks.of(SECTION, "q", filter.q(), "type", filter.type(),
                "jurisdiction", filter.jurisdiction(), "status", filter.status()));
        model.addAttribute("types", UnitType.values());
        model.addAttribute("places", places(me));
        return "org/units";
    }

    private List<io.minyi.org.OrgRefs.JurisdictionRef> places(StaffUser me) {
        List<io.minyi.org.OrgRefs.JurisdictionRef> list = new java.util.ArrayList<>();
        directory.jurisdiction(me.jurisdictionId()).ifPresent(list::add);
        list.addAll(directory.children(me.jurisdictionId()));
        return list;
    }

    @GetMapping("/export")
    ResponseEntity<byte[]> export(@AuthenticationPrincipal StaffUser me, UnitAdmin.Filter filter) {
        List<List<?>> rows = units.all(me, filter).stream()
                .<List<?>>map(r -> List.of(r.code(), r.name(), r.type().label(), r.jurisdictionCode(),
                        r.jurisdictionName(), Exports.text(r.parentName()), Exports.text(r.phone()),
                        Exports.text(r.address()), r.officers(), r.active() ? "在用" : "已停用"))
                .toList();
        return Exports.xlsx("政法单位", clock, List.of("单位编码", "单位名称", "单位类型", "所在区划编码", "所在区划",
                "上级单位", "电话", "地址", "在用干警数", "状态"), rows);
    }

    @GetMapping("/new")
    @PreAuthorize(Access.WRITE)
    String newForm(@AuthenticationPrincipal StaffUser me, Model model) {
        return form(me, model, new UnitAdmin.Form(null, null, null, null, null, null, null), null, List.of());
    }

    @PostMapping
    @PreAuthorize(Access.WRITE)
    String create(@AuthenticationPrincipal StaffUser me, UnitAdmin.Form form, Model model,
                  HttpServletResponse response, RedirectAttributes redirect) {
        return FormPost.submit(SECTION, () -> units.create(me, form), "org.notice.created", redirect, response,
                problems -> form(me, model, form, null, problems));
    }

    @GetMapping("/{id:\\d+}")
    String show(@AuthenticationPrincipal StaffUser me, @PathVariable long id, Model model) {
        UnitAdmin.Row row = units.get(me, id);
        return form(me, model, UnitAdmin.Form.of(row), row, List.of());
    }

    @PostMapping("/{id:\\d+}")
    @PreAuthorize(Access.WRITE)
    String update(@AuthenticationPrincipal StaffUser me, @PathVariable long id, UnitAdmin.Form form, Model model,
                  HttpServletResponse response, RedirectAttributes redirect) {
        UnitAdmin.Row row = units.get(me, id);
        return FormPost.submit(SECTION, id, () -> units.update(me, id, form), "org.notice.saved", redirect, response,
                problems -> form(me, model, form, row, problems));
    }

    @PostMapping("/{id:\\d+}/active")
    @PreAuthorize(Access.WRITE)
    String setActive(@AuthenticationPrincipal StaffUser me, @PathVariable long id, @RequestParam boolean active,
                     RedirectAttributes redirect) {
        units.setActive(me, id, active);
        return FormPost.done(SECTION, id, FormPost.activeNotice(active), redirect);
    }

    private String form(StaffUser me, Model model, UnitAdmin.Form form, UnitAdmin.Row row, List<String> problems) {
        model.addAttribute("form", form);
        model.addAttribute("row", row);
        model.addAttribute("problems", problems);
        model.addAttribute("types", UnitType.values());
        model.addAttribute("units", directory.unitsWithin(me.jurisdictionPath()));
        model.addAttribute("canEdit", me.has(Role.ADMIN));
        return "org/unit-form";
    }
}
