package io.minyi.survey.web;

import io.minyi.platform.AfterPost;
import io.minyi.org.StaffUser;
import io.minyi.platform.PageResult;
import io.minyi.survey.internal.Campaign;
import io.minyi.survey.internal.Campaigns;
import io.minyi.survey.internal.Invitation;
import io.minyi.survey.internal.Invitations;
import jakarta.servlet.http.HttpServletRequest;
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
 * The call-centre form for staff who telephone residents (often elderly) who cannot or will not use the link: outcome
 * codes 未接通 / 拒访 / 完成, a limited number of attempts, the answers read out and recorded by the caller.
 */
@Controller
@PreAuthorize("hasAnyRole('SUPERVISOR','DISPATCHER','ADMIN')")
@RequiredArgsConstructor
class SurveyCallController {

    private final Campaigns campaigns;
    private final Invitations invitations;

    @GetMapping("/surveys/{id}/calls")
    String calls(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                 @RequestParam(required = false) Integer page, Model model) {
        model.addAttribute("c", campaigns.get(me, id));
        model.addAttribute("result", invitations.callList(me, id, PageResult.Request.of(page, 20)));
        return "survey/calls";
    }

    @GetMapping("/surveys/invitations/{id}/call")
    String callForm(@AuthenticationPrincipal StaffUser me, @PathVariable long id, Model model) {
        Invitation inv = invitations.get(me, id);
        Campaign c = campaigns.get(me, inv.campaignId());
        model.addAttribute("inv", inv);
        model.addAttribute("c", c);
        model.addAttribute("questions", c.questions().stream().filter(q -> q.askedFor(inv.unitId())).toList());
        model.addAttribute("phone", invitations.phoneForCall(me, id));
        return "survey/call";
    }

    @PostMapping("/surveys/invitations/{id}/call")
    String record(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                  @RequestParam(required = false) String outcome, @RequestParam(required = false) String note,
                  HttpServletRequest request, RedirectAttributes flash) {
        Invitation inv = invitations.get(me, id);
        invitations.recordCall(me, id, outcome, note, request.getParameterMap());
        return AfterPost.done(flash, "survey.done.call", "/surveys/" + inv.campaignId() + "/calls");
    }
}
