package io.minyi.lists.web;

import io.minyi.lists.internal.LeaderWork;
import io.minyi.org.OrgDirectory;
import io.minyi.org.StaffUser;
import io.minyi.platform.PageResult;
import lombok.RequiredArgsConstructor;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Clock;
import java.time.LocalDate;

/** Leader-led work's pages: key projects with measures, visits and their findings, answers to suggestions. */
@Controller
@PreAuthorize("hasAnyRole('LEADER','SUPERVISOR','DISPATCHER','ADMIN')")
@RequiredArgsConstructor
class LeaderWorkController {

    private final LeaderWork work;
    private final OrgDirectory org;
    private final Clock clock;

    @GetMapping("/leadership")
    String home(@AuthenticationPrincipal StaffUser me, @RequestParam(required = false) Integer page,
                @RequestParam(required = false) Integer vpage, @RequestParam(required = false) Integer spage,
                Model model) {
        model.addAttribute("projects", work.projects(me, PageResult.Request.of(page, 10)));
        model.addAttribute("suggestions", work.unansweredSuggestions(me, PageResult.Request.of(spage, 10)));
        model.addAttribute("visits", work.visits(me, PageResult.Request.of(vpage, 10)));
        LocalDate today = LocalDate.now(clock);
        model.addAttribute("figures", work.leader(me.jurisdictionPath(), today.withDayOfYear(1), today));
        model.addAttribute("units", org.unitsWithin(me.jurisdictionPath()));
        model.addAttribute("places", org.placesDown(me.jurisdictionId(), 1));
        model.addAttribute("today", today);
        model.addAttribute("me", me);
        return "lists/leadership";
    }

    @GetMapping("/leadership/projects/{id}")
    String project(@AuthenticationPrincipal StaffUser me, @PathVariable long id, Model model) {
        model.addAttribute("p", work.project(me, id));
        return "lists/project";
    }

    @GetMapping("/leadership/visits/{id}")
    String visit(@AuthenticationPrincipal StaffUser me, @PathVariable long id, Model model) {
        model.addAttribute("v", work.visit(me, id));
        model.addAttribute("units", org.unitsWithin(me.jurisdictionPath()));
        return "lists/visit";
    }

    /** Answers to residents' suggestions that were published (开门纳谏), for everyone to read. */
    @GetMapping("/public/suggestions")
    @PreAuthorize("permitAll()")
    String published(Model model) {
        model.addAttribute("answers", work.publishedAnswers(50));
        return "lists/public-answers";
    }
}
