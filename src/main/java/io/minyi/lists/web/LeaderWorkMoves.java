package io.minyi.lists.web;

import io.minyi.platform.AfterPost;
import io.minyi.lists.internal.LeaderWork;
import io.minyi.lists.internal.LeaderWork.FindingForm;
import io.minyi.lists.internal.LeaderWork.ProjectForm;
import io.minyi.lists.internal.LeaderWork.VisitForm;
import io.minyi.org.StaffUser;
import lombok.RequiredArgsConstructor;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.LocalDate;

/**
 * The moves on leader-led work — key projects and their measures and progress, visits, their findings and the answers
 * to suggestions — made by leaders and supervisors; the pages that show them ({@link LeaderWorkController}) are read
 * more widely.
 */
@Controller
@PreAuthorize("hasAnyRole('LEADER','SUPERVISOR')")
@RequiredArgsConstructor
class LeaderWorkMoves {

    private final LeaderWork work;

    @PostMapping("/leadership/projects")
    String createProject(@AuthenticationPrincipal StaffUser me, ProjectForm form) {
        return "redirect:/leadership/projects/" + work.createProject(me, form);
    }

    @PostMapping("/leadership/projects/{id}/measures")
    String addMeasure(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                      @RequestParam(required = false) String text,
                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dueOn,
                      RedirectAttributes flash) {
        work.addMeasure(me, id, text, dueOn);
        return AfterPost.done(flash, "lists.done.measure", "/leadership/projects/" + id);
    }

    @PostMapping("/leadership/projects/{id}/measures/{measure}/done")
    String measureDone(@AuthenticationPrincipal StaffUser me, @PathVariable long id, @PathVariable long measure,
                       RedirectAttributes flash) {
        work.completeMeasure(me, id, measure);
        return AfterPost.done(flash, "lists.done.measureDone", "/leadership/projects/" + id);
    }

    @PostMapping("/leadership/projects/{id}/progress")
    String projectProgress(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                           @RequestParam(required = false) String progress,
                           @RequestParam(required = false) Boolean completed, RedirectAttributes flash) {
        work.reportProjectProgress(me, id, progress, Boolean.TRUE.equals(completed));
        return AfterPost.done(flash, "lists.done.progress", "/leadership/projects/" + id);
    }

    @PostMapping("/leadership/visits")
    String recordVisit(@AuthenticationPrincipal StaffUser me, VisitForm form) {
        return "redirect:/leadership/visits/" + work.recordVisit(me, form);
    }

    @PostMapping("/leadership/visits/{id}/findings")
    String addFinding(@AuthenticationPrincipal StaffUser me, @PathVariable long id, FindingForm form,
                      RedirectAttributes flash) {
        work.addFinding(me, id, form);
        return AfterPost.done(flash, "lists.done.finding", "/leadership/visits/" + id);
    }

    @PostMapping("/leadership/findings/{id}/answer")
    String answer(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                  @RequestParam(required = false) String answer, @RequestParam(required = false) Boolean publish,
                  @RequestParam long visit, RedirectAttributes flash) {
        work.answer(me, id, answer, Boolean.TRUE.equals(publish));
        return AfterPost.done(flash, "lists.done.answered", "/leadership/visits/" + visit);
    }
}
