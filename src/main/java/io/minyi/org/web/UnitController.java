package io.minyi.org.web;

import io.minyi.org.OrgDirectory;
import io.minyi.org.StaffUser;
import io.minyi.org.UnitKinds;
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
@RequestMapping("/admin/units")
class UnitController extends OrgController<Units.Row> {

    private final Units units;
    private final OrgDirectory directory;
    private final UnitKinds kinds;

    UnitController(Units units, OrgDirectory directory, UnitKinds kinds, Clock clock) {
        super(units, clock);
        this.units = units;
        this.directory = directory;
        this.kinds = kinds;
    }

    @GetMapping
    String list(@AuthenticationPrincipal StaffUser me, Units.Filter filter,
                @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
                Model model) {
        model.addAttribute("page", units.page(me, filter, PageResult.Request.of(page, size)));
        model.addAttribute("links", ListLinks.of("/admin/units", "q", filter.q(), "type", filter.type(),
                "jurisdiction", filter.jurisdiction(), "status", filter.status()));
        model.addAttribute("types", kinds.all());
        model.addAttribute("places", ListLinks.places(directory, me));
        return "org/units";
    }

    @GetMapping("/export")
    ResponseEntity<byte[]> export(@AuthenticationPrincipal StaffUser me, Units.Filter filter) {
        return export(units.all(me, filter));
    }

    @Override
    String formPage(StaffUser me, Model model, Units.Row row) {
        model.addAttribute("types", kinds.active());
        model.addAttribute("units", directory.unitsWithin(me.jurisdictionPath()));
        return "org/unit-form";
    }
}
