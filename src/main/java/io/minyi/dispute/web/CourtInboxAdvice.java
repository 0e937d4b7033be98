package io.minyi.dispute.web;

import io.minyi.org.StaffUser;
import lombok.RequiredArgsConstructor;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Whether the console's menu offers the judicial-confirmation inbox: to a court's or a tribunal's staff only. */
@ControllerAdvice
@RequiredArgsConstructor
class CourtInboxAdvice {

    private final CourtDesk courts;

    @ModelAttribute("courtInbox")
    Boolean courtInbox(@AuthenticationPrincipal StaffUser me) {
        return me == null ? null : courts.receivesConfirmations(me);
    }
}
