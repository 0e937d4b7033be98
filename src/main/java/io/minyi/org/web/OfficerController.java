package io.minyi.org.web;

import io.minyi.org.OrgDirectory;
import io.minyi.org.StaffUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

import java.time.Clock;

@Controller
@RequestMapping("/admin/officers")
class OfficerController extends OrgController<Officers.Row, Officers.Filter> {

    OfficerController(Officers officers, OrgDirectory directory, Clock clock) {
        super(officers, directory, clock);
    }

    @Override
    void listPage(StaffUser me, Officers.Filter filter, Model model) {
        model.addAttribute("units", units(me));
    }

    @Override
    String formPage(StaffUser me, Model model, Officers.Row row) {
        model.addAttribute("units", units(me));
        return "org/officer-form";
    }
}
