package io.minyi.web;

import io.minyi.org.StaffUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class HomeController {

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String home(@AuthenticationPrincipal StaffUser me, Model model) {
        if (me.roles().equals(java.util.EnumSet.of(io.minyi.org.Role.MEDIATOR))) {
            return "redirect:/mediation"; // a mediator's home is the mediation workbench
        }
        model.addAttribute("me", me);
        return "home";
    }
}
