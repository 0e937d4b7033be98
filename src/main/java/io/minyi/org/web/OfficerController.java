package io.minyi.org.web;

import io.minyi.org.OrgDirectory;
import io.minyi.org.StaffUser;
import io.minyi.platform.PageResult;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Clock;

@Controller
@RequestMapping("/admin/officers")
class OfficerController extends OrgController<Officers.Row> {

    private final Officers officers;
    private final OrgDirectory directory;

    OfficerController(Officers officers, OrgDirectory directory, Clock clock) {
        super(officers, clock);
        this.officers = officers;
        this.directory = directory;
    }

    @GetMapping
    String list(@AuthenticationPrincipal StaffUser me, Officers.Filter filter,
                @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
                Model model) {
        model.addAttribute("page", officers.page(me, filter, PageResult.Request.of(page, size)));
        model.addAttribute("links", ListLinks.of("/admin/officers", "q", filter.q(), "unit", filter.unit(),
                "status", filter.status()));
        model.addAttribute("units", directory.unitsWithin(me.jurisdictionPath()));
        return "org/officers";
    }

    @GetMapping("/export")
    ResponseEntity<byte[]> export(@AuthenticationPrincipal StaffUser me, Officers.Filter filter) {
        return export(officers.all(me, filter));
    }

    @Override
    String formPage(StaffUser me, Model model, Officers.Row row) {
        model.addAttribute("units", directory.unitsWithin(me.jurisdictionPath()));
        return "org/officer-form";
    }
}
