package io.minyi.notification.web;

import io.minyi.notification.Notifications;
import io.minyi.org.StaffUser;
import lombok.RequiredArgsConstructor;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The unread count beside 消息 in the top bar of every staff page (one indexed count per page view). */
@ControllerAdvice
@RequiredArgsConstructor
class UnreadCountAdvice {

    private final Notifications notifications;

    @ModelAttribute("navUnread")
    Long navUnread(@AuthenticationPrincipal StaffUser me) {
        return me == null ? null : notifications.unreadCount(me.id());
    }
}
