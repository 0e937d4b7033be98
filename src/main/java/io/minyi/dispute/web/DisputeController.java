package io.minyi.dispute.web;

import io.minyi.dispute.internal.ConfirmationStatus;
import io.minyi.dispute.internal.DisputeAccess;
import io.minyi.dispute.internal.DisputeProperties;
import io.minyi.dispute.internal.DisputeViews;
import io.minyi.dispute.internal.Guidance;
import io.minyi.dispute.internal.MediationDesk;
import io.minyi.dispute.internal.Performance;
import io.minyi.dispute.internal.RiskFactor;
import io.minyi.org.StaffUser;
import io.minyi.platform.Download;
import io.minyi.platform.SubmittedForms;
import jakarta.servlet.http.HttpServletRequest;
import lombok.RequiredArgsConstructor;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** A dispute's own page with every mediation move up to its outcome, and the files recorded with its sessions. */
@Controller
@RequiredArgsConstructor
class DisputeController {

    private final MediationDesk desk;
    private final SubmittedForms forms;
    private final DisputeAccess access;
    private final DisputeViews views;
    private final DisputeProperties props;

    @GetMapping("/disputes/{id}")
    String page(@AuthenticationPrincipal StaffUser me, @PathVariable long id, Model model) {
        model.addAttribute("p", views.page(id, access.viewer(me), props));
        model.addAttribute("factors", RiskFactor.values());
        model.addAttribute("guidances", Guidance.values());
        model.addAttribute("performances", Performance.values());
        model.addAttribute("rulings", EnumSet.of(ConfirmationStatus.CONFIRMED, ConfirmationStatus.REJECTED));
        return "dispute/detail";
    }

    @PostMapping("/disputes/{id}/risk")
    String reassess(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                    @RequestParam(required = false) Set<RiskFactor> factors,
                    @RequestParam(required = false) String note, RedirectAttributes flash) {
        desk.reassess(id, access.viewer(me), factors, note);
        return done(id, flash, "dispute.done.assessed");
    }

    @PostMapping("/disputes/{id}/assign")
    String assign(@AuthenticationPrincipal StaffUser me, @PathVariable long id, @RequestParam long mediatorId,
                  @RequestParam(required = false) Long replacing, @RequestParam(required = false) String note,
                  RedirectAttributes flash) {
        desk.assign(id, access.viewer(me), mediatorId, replacing, note);
        return done(id, flash, "dispute.done.assigned");
    }

    @PostMapping("/disputes/{id}/conflict")
    String conflict(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                    @RequestParam(required = false) String reason, RedirectAttributes flash) {
        desk.declareConflict(id, access.viewer(me), reason);
        flash.addFlashAttribute("done", "dispute.done.conflict");
        return "redirect:/mediation";
    }

    record SessionForm(@DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime start,
                       @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime end, String place,
                       Boolean online, String attendees, String record) {
    }

    @PostMapping("/disputes/{id}/sessions")
    String session(@AuthenticationPrincipal StaffUser me, @PathVariable long id, SessionForm f,
                   @RequestParam(required = false) List<MultipartFile> files, HttpServletRequest request,
                   RedirectAttributes flash) throws IOException {
        List<MediationDesk.Upload> uploads = new ArrayList<>();
        for (MultipartFile file : files == null ? List.<MultipartFile>of() : files) {
            if (!file.isEmpty()) {
                uploads.add(new MediationDesk.Upload(file.getOriginalFilename(), file.getContentType(), file.getBytes()));
            }
        }
        var overlaps = forms.once(me.id(), request, "dispute.session", () -> desk.addSession(id, access.viewer(me),
                f.start(), f.end(), f.place(), Boolean.TRUE.equals(f.online()), f.attendees(), f.record(), uploads));
        if (overlaps.isEmpty()) {
            return done(id, flash, SubmittedForms.AGAIN);
        }
        if (overlaps.get() > 0) {
            flash.addFlashAttribute("warning", "dispute.warn.overlap");
        }
        return done(id, flash, "dispute.done.session");
    }

    record AgreementForm(String facts, String terms, String performanceManner,
                         @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate performanceDeadline,
                         Boolean withoutViolence) {
    }

    @PostMapping("/disputes/{id}/agree")
    String agree(@AuthenticationPrincipal StaffUser me, @PathVariable long id, AgreementForm f,
                 RedirectAttributes flash) {
        desk.agree(id, access.viewer(me), new MediationDesk.AgreementInput(f.facts(), f.terms(), f.performanceManner(),
                f.performanceDeadline(), Boolean.TRUE.equals(f.withoutViolence())));
        return done(id, flash, "dispute.done.agreed");
    }

    @PostMapping("/disputes/{id}/not-reached")
    String notReached(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                      @RequestParam(required = false) Guidance guidance, @RequestParam(required = false) String note,
                      @RequestParam(required = false) Boolean withoutViolence, RedirectAttributes flash) {
        desk.notReached(id, access.viewer(me), guidance, note, Boolean.TRUE.equals(withoutViolence));
        return done(id, flash, "dispute.done.notReached");
    }

    @PostMapping("/disputes/{id}/withdraw")
    String withdraw(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                    @RequestParam(required = false) String note,
                    @RequestParam(required = false) Boolean withoutViolence, RedirectAttributes flash) {
        desk.withdraw(id, access.viewer(me), note, Boolean.TRUE.equals(withoutViolence));
        return done(id, flash, "dispute.done.withdrawn");
    }

    @PostMapping("/disputes/{id}/extend")
    String extend(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate due,
                  @RequestParam(required = false) String reason, RedirectAttributes flash) {
        desk.extend(id, access.viewer(me), due, reason);
        return done(id, flash, "dispute.done.extended");
    }

    @GetMapping("/disputes/{id}/attachments/{attachmentId}")
    ResponseEntity<byte[]> attachment(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                                      @PathVariable long attachmentId) {
        var a = views.attachment(id, attachmentId, access.viewer(me));
        // served as a download, never rendered inline: an uploaded HTML file must not run in our origin
        return Download.of(views.attachmentContent(id, attachmentId), a.fileName(), "application/octet-stream");
    }

    /** Back to the dispute's page with the notice of what was done. */
    static String done(long id, RedirectAttributes flash, String key) {
        flash.addFlashAttribute("done", key);
        return "redirect:/disputes/" + id;
    }
}
