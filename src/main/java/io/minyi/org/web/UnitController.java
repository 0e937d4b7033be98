package io.minyi.org.web;

import io.minyi.org.OrgDirectory;
import io.minyi.org.StaffUser;
import io.minyi.org.UnitKinds;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

import java.time.Clock;

@Controller
@RequestMapping("/admin/units")
class UnitController extends OrgController<Units.Row, OrgKind.TypeAndPlace> {

    private final UnitKinds kinds;

    UnitController(Units units, OrgDirectory directory, UnitKinds kinds, Clock clock) {
        super(units, directory, clock);
        this.kinds = kinds;
    }

    @Override
    void listPage(StaffUser me, OrgKind.TypeAndPlace filter, Model model) {
        model.addAttribute("types", kinds.all());
        model.addAttribute("places", places(me));
    }

    @Override
    String formPage(StaffUser me, Model model, Units.Row row) {
        model.addAttribute("units", units(me));
        return "org/unit-form";
    }
}
