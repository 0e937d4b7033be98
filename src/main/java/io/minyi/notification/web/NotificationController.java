package io.minyi.notification.web;

import io.minyi.notification.internal.NotificationQueries;
import io.minyi.org.StaffUser;
import io.minyi.platform.PageResult;
import lombok.RequiredArgsConstructor;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** A person's own inbox of notices: read one, read all. */
@Controller
@RequiredArgsConstructor
class NotificationController {

    private final NotificationQueries queries;

    @GetMapping("/notifications")
    String inbox(@AuthenticationPrincipal StaffUser me, @RequestParam(required = false) Boolean unread,
                 @RequestParam(required = false) Integer page, Model model) {
        boolean unreadOnly = Boolean.TRUE.equals(unread);
        model.addAttribute("result", queries.inbox(me, unreadOnly, PageResult.Request.of(page, 20)));
        model.addAttribute("unreadCount", queries.inbox(me, true, PageResult.Request.of(1, 1)).total());
        model.addAttribute("unreadOnly", unreadOnly);
        return "notification/inbox";
    }

    @PostMapping("/notifications/{id}/read")
    String read(@AuthenticationPrincipal StaffUser me, @PathVariable long id) {
        queries.markRead(me, id);
        return "redirect:/notifications";
    }

    @PostMapping("/notifications/read-all")
    String readAll(@AuthenticationPrincipal StaffUser me) {
        queries.markAllRead(me);
        return "redirect:/notifications";
    }
}
