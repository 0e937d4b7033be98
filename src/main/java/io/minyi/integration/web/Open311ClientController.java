package io.minyi.integration.web;

import io.minyi.integration.internal.Open311Clients;
import io.minyi.org.StaffUser;
import lombok.RequiredArgsConstructor;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** ADMIN issues and revokes Open311 API keys; a new key is shown exactly once. */
@Controller
@RequestMapping("/admin/open311")
@PreAuthorize("hasRole('ADMIN')")
@RequiredArgsConstructor
class Open311ClientController {

    private final Open311Clients clients;

    record ClientForm(String name, Integer perMinute) {
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("clients", clients.list());
        return "integration/open311-clients";
    }

    @PostMapping
    String create(@AuthenticationPrincipal StaffUser me, ClientForm form, RedirectAttributes flash) {
        var issued = clients.create(form.name(), me.jurisdictionId(), form.perMinute() == null ? 600 : form.perMinute(),
                me.getUsername());
        flash.addFlashAttribute("issuedKey", issued.apiKey());
        flash.addFlashAttribute("issuedName", form.name().strip());
        return "redirect:/admin/open311";
    }

    @PostMapping("/{id}/revoke")
    String revoke(@PathVariable long id) {
        clients.revoke(id);
        return "redirect:/admin/open311";
    }
}
