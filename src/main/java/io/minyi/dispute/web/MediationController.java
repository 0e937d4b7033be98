package io.minyi.dispute.web;

import io.minyi.dispute.internal.DisputeProperties;
import io.minyi.dispute.internal.DisputeViews;
import io.minyi.dispute.internal.DisputeAccess;
import io.minyi.org.StaffUser;
import lombok.RequiredArgsConstructor;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The mediator's workbench: my disputes, today's sessions, follow-ups and confirmation deadlines due. */
@Controller
@PreAuthorize("hasRole('MEDIATOR')")
@RequiredArgsConstructor
class MediationController {

    private final DisputeAccess access;
    private final DisputeViews views;
    private final DisputeProperties props;

    @GetMapping("/mediation")
    String workbench(@AuthenticationPrincipal StaffUser me, Model model) {
        model.addAttribute("w", views.workbench(access.viewer(me), props));
        return "dispute/workbench";
    }
}
