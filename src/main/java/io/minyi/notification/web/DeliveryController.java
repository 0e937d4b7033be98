package io.minyi.notification.web;

import io.minyi.notification.internal.NotificationQueries;
import io.minyi.org.StaffUser;
import io.minyi.platform.PageResult;
import lombok.RequiredArgsConstructor;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The admin's log of deliveries on every channel, and a retry of one that failed. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
@RequiredArgsConstructor
class DeliveryController {

    private final NotificationQueries queries;

    /** The log's filter, bound from the query string; the page shows it again in its form and its links. */
    record DeliveryFilter(String status, String channel, Integer page) {
    }

    @GetMapping("/admin/notifications")
    String deliveries(@AuthenticationPrincipal StaffUser me, @ModelAttribute("filter") DeliveryFilter f, Model model) {
        model.addAttribute("result", queries.deliveries(me, f.status(), f.channel(), PageResult.Request.of(f.page(), 50)));
        return "notification/deliveries";
    }

    @PostMapping("/admin/notifications/{id}/retry")
    String retry(@AuthenticationPrincipal StaffUser me, @PathVariable long id) {
        queries.retryNow(me, id);
        return "redirect:/admin/notifications";
    }
}
