package io.minyi.lists.web;

import io.minyi.platform.AfterPost;
import io.minyi.lists.internal.LeaderWork;
import io.minyi.lists.internal.LeaderWork.FindingForm;
import io.minyi.lists.internal.LeaderWork.ProjectForm;
import io.minyi.lists.internal.LeaderWork.VisitForm;
import io.minyi.org.OrgDirectory;
import io.minyi.org.StaffUser;
import io.minyi.platform.PageResult;
import lombok.RequiredArgsConstructor;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.LocalDate;

/** Leader-led work: key projects with measures, visits and their findings, answers to suggestions. */
@Controller
@PreAuthorize("hasAnyRole('LEADER','SUPERVISOR','DISPATCHER','ADMIN')")
@RequiredArgsConstructor
class LeaderWorkController {

    private final LeaderWork work;
    private final OrgDirectory org;

    @GetMapping("/leadership")
    String home(@AuthenticationPrincipal StaffUser me, @RequestParam(required = false) Integer page,
                @RequestParam(required = false) Integer vpage, Model model) {
        model.addAttribute("projects", work.projects(me, PageResult.Request.of(page, 10)));
        model.addAttribute("visits", work.visits(me, PageResult.Request.of(vpage, 10)));
        LocalDate today = LocalDate.now();
        model.addAttribute("figures", work.leader(me.jurisdictionPath(), today.withDayOfYear(1), today));
        model.addAttribute("units", org.unitsWithin(me.jurisdictionPath()));
        model.addAttribute("places", org.placesDown(me.jurisdictionId(), 1));
        model.addAttribute("today", today);
        model.addAttribute("me", me);
        return "lists/leadership";
    }

    @PostMapping("/leadership/projects")
    @PreAuthorize("hasAnyRole('LEADER','SUPERVISOR')")
    String createProject(@AuthenticationPrincipal StaffUser me, ProjectForm form) {
        return "redirect:/leadership/projects/" + work.createProject(me, form);
    }

    @GetMapping("/leadership/projects/{id}")
    String project(@AuthenticationPrincipal StaffUser me, @PathVariable long id, Model model) {
        model.addAttribute("p", work.project(me, id));
        return "lists/project";
    }

    @PostMapping("/leadership/projects/{id}/measures")
    @PreAuthorize("hasAnyRole('LEADER','SUPERVISOR')")
    String addMeasure(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                      @RequestParam(required = false) String text,
                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dueOn,
                      RedirectAttributes flash) {
        work.addMeasure(me, id, text, dueOn);
        return AfterPost.done(flash, "lists.done.measure", "/leadership/projects/" + id);
    }

    @PostMapping("/leadership/projects/{id}/measures/{measure}/done")
    @PreAuthorize("hasAnyRole('LEADER','SUPERVISOR')")
    String measureDone(@AuthenticationPrincipal StaffUser me, @PathVariable long id, @PathVariable long measure,
                       RedirectAttributes flash) {
        work.completeMeasure(me, id, measure);
        return AfterPost.done(flash, "lists.done.measureDone", "/leadership/projects/" + id);
    }

    @PostMapping("/leadership/projects/{id}/progress")
    @PreAuthorize("hasAnyRole('LEADER','SUPERVISOR')")
    String projectProgress(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                           @RequestParam(required = false) String progress,
                           @RequestParam(required = false) Boolean completed, RedirectAttributes flash) {
        work.reportProjectProgress(me, id, progress, Boolean.TRUE.equals(completed));
        return AfterPost.done(flash, "lists.done.progress", "/leadership/projects/" + id);
    }

    @PostMapping("/leadership/visits")
    @PreAuthorize("hasAnyRole('LEADER','SUPERVISOR')")
    String recordVisit(@AuthenticationPrincipal StaffUser me, VisitForm form) {
        return "redirect:/leadership/visits/" + work.recordVisit(me, form);
    }

    @GetMapping("/leadership/visits/{id}")
    String visit(@AuthenticationPrincipal StaffUser me, @PathVariable long id, Model model) {
        model.addAttribute("v", work.visit(me, id));
        model.addAttribute("units", org.unitsWithin(me.jurisdictionPath()));
        return "lists/visit";
    }

    @PostMapping("/leadership/visits/{id}/findings")
    @PreAuthorize("hasAnyRole('LEADER','SUPERVISOR')")
    String addFinding(@AuthenticationPrincipal StaffUser me, @PathVariable long id, FindingForm form,
                      RedirectAttributes flash) {
        work.addFinding(me, id, form);
        return AfterPost.done(flash, "lists.done.finding", "/leadership/visits/" + id);
    }

    @PostMapping("/leadership/findings/{id}/answer")
    @PreAuthorize("hasAnyRole('LEADER','SUPERVISOR')")
    String answer(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                  @RequestParam(required = false) String answer, @RequestParam(required = false) Boolean publish,
                  @RequestParam long visit, RedirectAttributes flash) {
        work.answer(me, id, answer, Boolean.TRUE.equals(publish));
        return AfterPost.done(flash, "lists.done.answered", "/leadership/visits/" + visit);
    }

    /** Answers to residents' suggestions that were published (开门纳谏), for everyone to read. */
    @GetMapping("/public/suggestions")
    @PreAuthorize("permitAll()")
    String published(Model model) {
        model.addAttribute("answers", work.publishedAnswers(50));
        return "lists/public-answers";
    }
}
