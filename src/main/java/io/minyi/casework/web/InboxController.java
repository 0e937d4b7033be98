package io.minyi.casework.web;

import io.minyi.casework.internal.Actor;
import io.minyi.casework.internal.Cases;
import io.minyi.org.Role;
import io.minyi.org.StaffUser;
import io.minyi.platform.PageResult;
import lombok.RequiredArgsConstructor;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Clock;
import java.time.LocalDate;

/** The unit's inbox (本单位待办) and the superior review queue (上级审核). */
@Controller
@RequiredArgsConstructor
class InboxController {

    private final Cases cases;
    private final Clock clock;

    @GetMapping("/inbox")
    @PreAuthorize("hasAnyRole('UNIT_HANDLER','UNIT_LEADER')")
    String inbox(@AuthenticationPrincipal StaffUser me, @RequestParam(required = false) Boolean overdue,
                 @RequestParam(required = false) Boolean approve, @RequestParam(required = false) Integer page,
                 Model model) {
        Actor actor = Actor.staff(me);
        LocalDate today = LocalDate.now(clock);
        PageResult.Request request = PageResult.Request.of(page, null);
        // the reports to approve are a unit leader's alone; a handler asking for them sees the whole inbox
        boolean approving = Boolean.TRUE.equals(approve) && me.has(Role.UNIT_LEADER);
        model.addAttribute("result", approving ? cases.awaitingUnitApproval(actor, today, request)
                : cases.inbox(actor, today, Boolean.TRUE.equals(overdue), request));
        model.addAttribute("overdue", Boolean.TRUE.equals(overdue));
        return "casework/inbox";
    }

    @GetMapping("/review")
    @PreAuthorize("hasAnyRole('UNIT_LEADER','DISPATCHER','SUPERVISOR')")
    String review(@AuthenticationPrincipal StaffUser me, @RequestParam(required = false) Integer page, Model model) {
        model.addAttribute("result", cases.reviewQueue(Actor.staff(me), LocalDate.now(clock),
                PageResult.Request.of(page, null)));
        return "casework/review";
    }
}
