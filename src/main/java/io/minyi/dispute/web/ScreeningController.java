package io.minyi.dispute.web;

import io.minyi.platform.AfterPost;
import io.minyi.dispute.internal.ScreeningRounds;
import io.minyi.org.OrgDirectory;
import io.minyi.org.StaffUser;
import io.minyi.platform.SubmittedForms;
import jakarta.servlet.http.HttpServletRequest;
import lombok.RequiredArgsConstructor;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.LocalDate;

/** Screening rounds (排查): recorded by grid workers, townships and dispatchers; the figures count them. */
@Controller
@PreAuthorize("hasAnyRole('GRID_WORKER','DISPATCHER','ADMIN','SUPERVISOR','LEADER')")
@RequiredArgsConstructor
class ScreeningController {

    private final SubmittedForms forms;
    private final ScreeningRounds rounds;
    private final OrgDirectory org;

    record RoundForm(Long jurisdictionId, @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate heldOn,
                     String scope, String team, Integer households, Integer sites) {
    }

    @GetMapping("/disputes/rounds")
    String list(@AuthenticationPrincipal StaffUser me, Model model) {
        model.addAttribute("rounds", rounds.recent(me, 100));
        model.addAttribute("places", org.placesDown(me.jurisdictionId(), 2));
        model.addAttribute("mayRecord", me.hasAny(io.minyi.org.Role.GRID_WORKER, io.minyi.org.Role.DISPATCHER,
                io.minyi.org.Role.ADMIN));
        return "dispute/rounds";
    }

    @PostMapping("/disputes/rounds")
    @PreAuthorize("hasAnyRole('GRID_WORKER','DISPATCHER','ADMIN')")
    String record(@AuthenticationPrincipal StaffUser me, RoundForm f, HttpServletRequest request,
                  RedirectAttributes flash) {
        // a grid worker's phone sends again after a timeout; the rounds figure counts rows (decision 0075)
        boolean recorded = forms.ran(me.id(), request, "dispute.round", () -> rounds.record(me,
                new ScreeningRounds.RoundInput(f.jurisdictionId(), f.heldOn(), f.scope(), f.team(), f.households(),
                        f.sites())));
        return AfterPost.done(flash, recorded ? "dispute.done.round" : SubmittedForms.AGAIN, "/disputes/rounds");
    }
}
