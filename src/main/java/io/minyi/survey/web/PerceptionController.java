package io.minyi.survey.web;

import io.minyi.platform.AfterPost;
import io.minyi.org.OrgDirectory;
import io.minyi.org.StaffUser;
import io.minyi.survey.Indicator;
import io.minyi.survey.internal.ExternalRanks;
import io.minyi.survey.internal.ExternalRanks.RankForm;
import io.minyi.survey.internal.SurveyResults;
import lombok.RequiredArgsConstructor;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.LocalDate;

/** The perception survey's county rankings (four indicators and their weighted composite) and published ranks. */
@Controller
@PreAuthorize("hasAnyRole('SUPERVISOR','LEADER','ADMIN')")
@RequiredArgsConstructor
class PerceptionController {

    private final SurveyResults results;
    private final ExternalRanks ranks;
    private final OrgDirectory org;
    private final Clock clock;

    @GetMapping("/surveys/perception")
    String view(@AuthenticationPrincipal StaffUser me,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                Model model) {
        LocalDate end = to == null ? LocalDate.now(clock) : to;
        LocalDate start = from == null ? end.withDayOfYear(1) : from;
        if (end.isBefore(start)) {
            throw new io.minyi.platform.InvalidInputException("survey.error.period");
        }
        model.addAttribute("from", start);
        model.addAttribute("to", end);
        model.addAttribute("ranking", results.perceptionRanking(start, end));
        model.addAttribute("composite", results.compositeRanking(start, end));
        model.addAttribute("weights", Indicator.PERCEPTION.stream().map(results::weight).toList());
        model.addAttribute("indicators", Indicator.PERCEPTION);
        model.addAttribute("external", results.externalRanks(me.jurisdictionPath()));
        model.addAttribute("places", org.placesDown(me.jurisdictionId(), 1));
        return "survey/perception";
    }

    @PostMapping("/surveys/ranks")
    @PreAuthorize("hasAnyRole('SUPERVISOR','ADMIN')")
    String record(@AuthenticationPrincipal StaffUser me, RankForm form, RedirectAttributes flash) {
        ranks.record(me, form);
        return AfterPost.done(flash, "survey.done.rank", "/surveys/perception");
    }
}
