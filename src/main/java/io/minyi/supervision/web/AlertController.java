package io.minyi.supervision.web;

import io.minyi.platform.AfterPost;
import io.minyi.org.StaffUser;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.PageResult;
import io.minyi.supervision.internal.Alerts;
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

import java.util.Set;

@Controller
@RequiredArgsConstructor
class AlertController {

    private static final Set<String> STATUSES = Set.of("OPEN", "LETTER_ISSUED", "DISMISSED");
    private static final Set<String> KINDS = Set.of("MANY_RAISERS", "REPEAT_RAISER");

    private final Alerts alerts;

    @GetMapping("/supervision/alerts")
    @PreAuthorize("hasAnyRole('SUPERVISOR','LEADER','DISCIPLINE','ADMIN')")
    String list(@AuthenticationPrincipal StaffUser me, @RequestParam(required = false) String status,
                @RequestParam(required = false) String kind, @RequestParam(required = false) Integer page, Model model) {
        String s = status == null ? "OPEN" : status;
        if ((!s.isBlank() && !STATUSES.contains(s)) || (kind != null && !kind.isBlank() && !KINDS.contains(kind))) {
            throw new InvalidInputException("supervision.alert.badFilter");
        }
        model.addAttribute("result", alerts.search(me, s, kind, PageResult.Request.of(page, 20)));
        model.addAttribute("status", s);
        model.addAttribute("kind", kind);
        return "supervision/alerts";
    }

    @PostMapping("/supervision/alerts/{id}/letter")
    @PreAuthorize("hasRole('SUPERVISOR')")
    String toLetter(@AuthenticationPrincipal StaffUser me, @PathVariable long id) {
        long letter = alerts.toLetter(me, id);
        return "redirect:/supervision/letters/" + letter;
    }

    @PostMapping("/supervision/alerts/{id}/dismiss")
    @PreAuthorize("hasRole('SUPERVISOR')")
    String dismiss(@AuthenticationPrincipal StaffUser me, @PathVariable long id, RedirectAttributes flash) {
        alerts.dismiss(me, id);
        return AfterPost.done(flash, "supervision.alert.dismissed", "/supervision/alerts");
    }
}
