package io.minyi.dispute.web;

import io.minyi.dispute.internal.AgreementDesk;
import io.minyi.dispute.internal.AgreementFiles;
import io.minyi.dispute.internal.ConfirmationStatus;
import io.minyi.dispute.internal.CourtConfirmations;
import io.minyi.dispute.internal.DisputeAccess;
import io.minyi.dispute.internal.MediationRecords;
import io.minyi.dispute.internal.Performance;
import io.minyi.dispute.internal.Signature;
import io.minyi.org.StaffUser;
import io.minyi.platform.Download;
import lombok.RequiredArgsConstructor;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
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

/**
 * An agreement's pages after it is drawn up: its signatures, its papers, the follow-up visits, and judicial
 * confirmation — the mediator's application and the court's inbox and ruling.
 */
@Controller
@RequiredArgsConstructor
class AgreementController {

    private final DisputeAccess access;
    private final AgreementDesk agreements;
    private final CourtConfirmations courts;
    private final AgreementFiles files;
    private final MediationRecords records;

    /** A court's inbox of applications for judicial confirmation. */
    @GetMapping("/disputes/confirmations")
    @PreAuthorize("hasAnyRole('UNIT_HANDLER','UNIT_LEADER')")
    String confirmations(@AuthenticationPrincipal StaffUser me, @RequestParam(required = false) Integer page,
                         Model model) {
        model.addAttribute("result", records.confirmationsForCourt(me.unitId(),
                io.minyi.platform.PageResult.Request.of(page, 20)));
        return "dispute/confirmations";
    }

    @PostMapping("/disputes/{id}/sign")
    String sign(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                @RequestParam(required = false) Signature how,
                @RequestParam(required = false) MultipartFile scan, RedirectAttributes flash) throws IOException {
        byte[] bytes = scan == null || scan.isEmpty() ? null : scan.getBytes();
        agreements.sign(id, access.viewer(me), how, scan == null ? null : scan.getOriginalFilename(), bytes);
        return DisputeController.done(id, flash, "dispute.done.signed");
    }

    @PostMapping("/disputes/{id}/confirmation")
    String apply(@AuthenticationPrincipal StaffUser me, @PathVariable long id, @RequestParam long courtUnitId,
                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate appliedOn,
                 RedirectAttributes flash) {
        courts.applyForConfirmation(id, access.viewer(me), courtUnitId, appliedOn);
        return DisputeController.done(id, flash, "dispute.done.applied");
    }

    @PostMapping("/disputes/{id}/ruling")
    String ruling(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                  @RequestParam(required = false) ConfirmationStatus status,
                  @RequestParam(required = false) String rulingNo,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate ruledOn,
                  RedirectAttributes flash) {
        courts.recordRuling(id, access.viewer(me), status, rulingNo, ruledOn);
        return DisputeController.done(id, flash, "dispute.done.ruled");
    }

    record FollowUpForm(Performance performance, Boolean satisfied, Boolean lawsuit, String remainingRisk,
                        String note, Boolean reopen) {
    }

    @PostMapping("/disputes/{id}/follow-ups/{followUpId}")
    String followUp(@AuthenticationPrincipal StaffUser me, @PathVariable long id, @PathVariable long followUpId,
                    FollowUpForm f, RedirectAttributes flash) {
        agreements.recordFollowUp(id, access.viewer(me), new AgreementDesk.FollowUpInput(followUpId, f.performance(),
                f.satisfied(), f.lawsuit(), f.remainingRisk(), f.note(), Boolean.TRUE.equals(f.reopen())));
        return DisputeController.done(id, flash, "dispute.done.followUp");
    }

    @GetMapping("/disputes/{id}/agreement.docx")
    ResponseEntity<byte[]> docx(@AuthenticationPrincipal StaffUser me, @PathVariable long id) {
        var f = files.agreement(id, access.viewer(me), false, LocaleContextHolder.getLocale());
        return Download.of(f.content(), f.name(),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    }

    @GetMapping("/disputes/{id}/agreement.pdf")
    ResponseEntity<byte[]> pdf(@AuthenticationPrincipal StaffUser me, @PathVariable long id) {
        var f = files.agreement(id, access.viewer(me), true, LocaleContextHolder.getLocale());
        return Download.of(f.content(), f.name(), MediaType.APPLICATION_PDF);
    }
}
