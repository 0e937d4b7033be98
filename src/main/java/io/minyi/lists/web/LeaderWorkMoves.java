package io.minyi.lists.web;

import io.minyi.platform.AfterPost;
import io.minyi.lists.internal.LeaderWork;
import io.minyi.lists.internal.LeaderWork.FindingForm;
import io.minyi.lists.internal.LeaderWork.ProjectForm;
import io.minyi.lists.internal.LeaderWork.VisitForm;
import io.minyi.org.StaffUser;
import io.minyi.platform.SubmittedForms;
import jakarta.servlet.http.HttpServletRequest;
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
    private final SubmittedForms forms;

    @PostMapping("/leadership/projects")
    String createProject(@AuthenticationPrincipal StaffUser me, ProjectForm form, HttpServletRequest request,
                         RedirectAttributes flash) {
        // the figures count projects, visits, households and findings by their rows: each form is taken once (0075)
        return forms.once(me.id(), request, "lists.project", () -> work.createProject(me, form))
                .map(id -> "redirect:/leadership/projects/" + id)
                .orElseGet(() -> AfterPost.done(flash, SubmittedForms.AGAIN, "/leadership"));
    }

    @PostMapping("/leadership/projects/{id}/measures")
    String addMeasure(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                      @RequestParam(required = false) String text,
                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dueOn,
                      HttpServletRequest request, RedirectAttributes flash) {
        boolean added = forms.ran(me.id(), request, "lists.measure", () -> work.addMeasure(me, id, text, dueOn));
        return AfterPost.done(flash, added ? "lists.done.measure" : SubmittedForms.AGAIN, "/leadership/projects/" + id);
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
    String recordVisit(@AuthenticationPrincipal StaffUser me, VisitForm form, HttpServletRequest request,
                       RedirectAttributes flash) {
        return forms.once(me.id(), request, "lists.visit", () -> work.recordVisit(me, form))
                .map(id -> "redirect:/leadership/visits/" + id)
                .orElseGet(() -> AfterPost.done(flash, SubmittedForms.AGAIN, "/leadership"));
    }

    @PostMapping("/leadership/visits/{id}/findings")
    String addFinding(@AuthenticationPrincipal StaffUser me, @PathVariable long id, FindingForm form,
                      HttpServletRequest request, RedirectAttributes flash) {
        boolean added = forms.ran(me.id(), request, "lists.finding", () -> work.addFinding(me, id, form));
        return AfterPost.done(flash, added ? "lists.done.finding" : SubmittedForms.AGAIN, "/leadership/visits/" + id);
    }

    @PostMapping("/leadership/findings/{id}/answer")
    String answer(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                  @RequestParam(required = false) String answer, @RequestParam(required = false) Boolean publish,
                  @RequestParam long visit, RedirectAttributes flash) {
        work.answer(me, id, answer, Boolean.TRUE.equals(publish));
        return AfterPost.done(flash, "lists.done.answered", "/leadership/visits/" + visit);
    }
}
