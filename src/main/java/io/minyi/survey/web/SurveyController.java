package io.minyi.survey.web;

import io.minyi.platform.AfterPost;
import io.minyi.org.OrgDirectory;
import io.minyi.org.StaffUser;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.PageResult;
import io.minyi.platform.Search;
import io.minyi.survey.internal.Campaign;
import io.minyi.survey.internal.Campaigns;
import io.minyi.survey.internal.Campaigns.CampaignForm;
import io.minyi.survey.internal.Campaigns.QuestionForm;
import io.minyi.survey.internal.Invitations;
import io.minyi.survey.internal.SurveyResults;
import lombok.RequiredArgsConstructor;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The survey office's pages: campaigns, their questionnaires and results on screen, campaigns side by side. */
@Controller
@PreAuthorize("hasAnyRole('SUPERVISOR','LEADER','ADMIN','DISPATCHER')")
@RequiredArgsConstructor
class SurveyController {

    private final Campaigns campaigns;
    private final Invitations invitations;
    private final SurveyResults results;
    private final OrgDirectory org;
    private final Clock clock;

    @GetMapping("/surveys")
    String list(@AuthenticationPrincipal StaffUser me, @ModelAttribute("search") Search search, Model model) {
        if (search.q() != null && search.q().length() > 100) {
            throw new InvalidInputException("survey.error.query");
        }
        model.addAttribute("result", campaigns.list(me, search.q(), search.request(20)));
        model.addAttribute("jurisdictions", org.placesDown(me.jurisdictionId(), 1));
        model.addAttribute("units", org.unitsWithin(me.jurisdictionPath()));
        model.addAttribute("today", LocalDate.now(clock));
        return "survey/list";
    }

    @PostMapping("/surveys")
    @PreAuthorize("hasAnyRole('SUPERVISOR','ADMIN')")
    String create(@AuthenticationPrincipal StaffUser me, CampaignForm form) {
        return "redirect:/surveys/" + campaigns.create(me, form);
    }

    @GetMapping("/surveys/{id}")
    String detail(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                  @RequestParam(required = false) String status, @RequestParam(required = false) Integer page,
                  Model model) {
        Campaign c = campaigns.get(me, id);
        model.addAttribute("c", c);
        SurveyResults.CampaignResult result = results.result(c);
        List<SurveyResults.Line> lines = new ArrayList<>();
        lines.add(result.total());
        lines.addAll(result.counties());
        lines.addAll(result.units());
        model.addAttribute("lines", lines);
        model.addAttribute("invitations", invitations.list(me, id, status, PageResult.Request.of(page, 20)));
        model.addAttribute("status", status);
        model.addAttribute("units", c.unitIds().stream().map(org::unit).flatMap(java.util.Optional::stream).toList());
        return "survey/detail";
    }

    @PostMapping("/surveys/{id}/questions")
    @PreAuthorize("hasAnyRole('SUPERVISOR','ADMIN')")
    String addQuestion(@AuthenticationPrincipal StaffUser me, @PathVariable long id, QuestionForm form,
                       RedirectAttributes flash) {
        campaigns.addQuestion(me, id, form);
        return AfterPost.done(flash, "survey.done.question", "/surveys/" + id);
    }

    @PostMapping("/surveys/{id}/open")
    @PreAuthorize("hasAnyRole('SUPERVISOR','ADMIN')")
    String open(@AuthenticationPrincipal StaffUser me, @PathVariable long id, RedirectAttributes flash) {
        campaigns.open(me, id);
        return AfterPost.done(flash, "survey.done.opened", "/surveys/" + id);
    }

    @PostMapping("/surveys/{id}/close")
    @PreAuthorize("hasAnyRole('SUPERVISOR','ADMIN')")
    String close(@AuthenticationPrincipal StaffUser me, @PathVariable long id, RedirectAttributes flash) {
        campaigns.close(me, id);
        return AfterPost.done(flash, "survey.done.closed", "/surveys/" + id);
    }

    /** Campaigns side by side (the seeds compare two rounds: 98.7 % and 97.25 %). */
    @GetMapping("/surveys/compare")
    String compare(@AuthenticationPrincipal StaffUser me, @RequestParam(required = false) List<Long> ids, Model model) {
        // "ids=1,,2": an empty item binds as null, and is no campaign
        List<Long> chosen = ids == null ? List.of()
                : ids.stream().filter(java.util.Objects::nonNull).distinct().limit(4).toList();
        List<Object[]> rows = new ArrayList<>();
        for (long id : chosen) {
            Campaign c = campaigns.get(me, id);
            rows.add(new Object[]{c, results.result(c).total()});
        }
        model.addAttribute("rows", rows);
        model.addAttribute("all", campaigns.list(me, null, PageResult.Request.of(1, 50)).items());
        model.addAttribute("ids", chosen);
        return "survey/compare";
    }
}
