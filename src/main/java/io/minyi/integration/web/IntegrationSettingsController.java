package io.minyi.integration.web;

import io.minyi.casework.CaseType;
import io.minyi.integration.internal.HotlineChannel;
import io.minyi.integration.internal.HotlineSettings;
import io.minyi.integration.internal.HotlineSettings.EndpointForm;
import io.minyi.integration.internal.Open311Services;
import io.minyi.integration.internal.Open311Services.ServiceForm;
import io.minyi.org.OrgDirectory;
import io.minyi.org.StaffUser;
import io.minyi.platform.NotFoundException;
import lombok.RequiredArgsConstructor;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * ADMIN's settings of the outside connections, stored in the database and in force from the next call: the Open311
 * service catalogue (service code → case type, category and responsible unit) and the 12345 endpoint (address,
 * timeouts, circuit breaker, secret rotation). Both are the city's, one for all counties: only an ADMIN of the city
 * itself changes them; a county's ADMIN reads them, and a page or change beyond that is "not found".
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
@RequiredArgsConstructor
class IntegrationSettingsController {

    private final Open311Services services;
    private final HotlineSettings hotline;
    private final HotlineChannel channel;
    private final OrgDirectory org;

    @GetMapping("/admin/open311/services")
    String services(@AuthenticationPrincipal StaffUser me, Model model) {
        model.addAttribute("canEdit", cityWide(me));
        model.addAttribute("services", services.all());
        model.addAttribute("units", services.units(me));
        model.addAttribute("caseTypes", CaseType.values());
        return "integration/open311-services";
    }

    @PostMapping("/admin/open311/services")
    String create(@AuthenticationPrincipal StaffUser me, ServiceForm form, RedirectAttributes flash) {
        requireCity(me);
        String code = services.create(me, form);
        flash.addFlashAttribute("saved", code);
        return "redirect:/admin/open311/services";
    }

    @GetMapping("/admin/open311/services/{code}")
    String service(@AuthenticationPrincipal StaffUser me, @PathVariable String code, Model model) {
        requireCity(me);
        model.addAttribute("s", services.get(code));
        model.addAttribute("units", services.units(me));
        model.addAttribute("caseTypes", CaseType.values());
        return "integration/open311-service";
    }

    @PostMapping("/admin/open311/services/{code}")
    String update(@AuthenticationPrincipal StaffUser me, @PathVariable String code, ServiceForm form,
                  RedirectAttributes flash) {
        requireCity(me);
        services.update(me, code, form);
        flash.addFlashAttribute("saved", code);
        return "redirect:/admin/open311/services";
    }

    @GetMapping("/admin/hotline")
    String hotline(@AuthenticationPrincipal StaffUser me, Model model) {
        model.addAttribute("canEdit", cityWide(me));
        model.addAttribute("h", hotline.current());
        model.addAttribute("breaker", channel.breakerState().name());
        return "integration/hotline-settings";
    }

    @PostMapping("/admin/hotline")
    String saveHotline(@AuthenticationPrincipal StaffUser me, EndpointForm form, RedirectAttributes flash) {
        requireCity(me);
        hotline.update(form, me.getUsername());
        flash.addFlashAttribute("saved", true);
        return "redirect:/admin/hotline";
    }

    @PostMapping("/admin/hotline/secret")
    String rotate(@AuthenticationPrincipal StaffUser me, @RequestParam(required = false) String secret,
                  @RequestParam(required = false) Integer graceHours, RedirectAttributes flash) {
        requireCity(me);
        flash.addFlashAttribute("newSecret", hotline.rotateSecret(secret, graceHours, me.getUsername()));
        return "redirect:/admin/hotline";
    }

    private boolean cityWide(StaffUser me) {
        return me.jurisdictionId() == org.root().id();
    }

    private void requireCity(StaffUser me) {
        if (!cityWide(me)) {
            throw new NotFoundException("integration settings for a county");
        }
    }
}
