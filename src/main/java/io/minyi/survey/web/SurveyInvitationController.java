package io.minyi.survey.web;

import io.minyi.platform.AfterPost;
import io.minyi.org.StaffUser;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.SubmittedForms;
import jakarta.servlet.http.HttpServletRequest;
import io.minyi.survey.internal.Invitations;
import io.minyi.survey.internal.SmsInvitations;
import lombok.RequiredArgsConstructor;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;

/**
 * A campaign's invitations: the sample drawn from raisers, people imported from a sheet, the SMS, exclusions — the
 * survey office's own moves, made by supervisors and admins (leaders and dispatchers read the results).
 */
@Controller
@PreAuthorize("hasAnyRole('SUPERVISOR','ADMIN')")
@RequiredArgsConstructor
class SurveyInvitationController {

    private final Invitations invitations;
    private final SubmittedForms forms;
    private final SmsInvitations sms;

    @PostMapping("/surveys/{id}/sample")
    String sample(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                  @RequestParam(required = false) Integer limit, @RequestParam(required = false) String channel,
                  RedirectAttributes flash) {
        int added = invitations.sampleRaisers(me, id, from, to, limit, channel);
        flash.addFlashAttribute("added", added);
        return "redirect:/surveys/" + id;
    }

    @PostMapping("/surveys/{id}/import")
    String importPeople(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                        @RequestParam(required = false) MultipartFile file, HttpServletRequest request,
                        RedirectAttributes flash) {
        if (file == null || file.isEmpty()) {
            throw new InvalidInputException("survey.error.importFile");
        }
        // the same upload sent twice would invite (and text) everyone on the list twice (decision 0075)
        forms.once(me.id(), request, "survey.import", () -> {
            try (InputStream in = file.getInputStream()) {
                return invitations.importPeople(me, id, in);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).ifPresentOrElse(added -> flash.addFlashAttribute("added", added),
                () -> flash.addFlashAttribute("done", SubmittedForms.AGAIN));
        return "redirect:/surveys/" + id;
    }

    @PostMapping("/surveys/{id}/sms")
    String sendSms(@AuthenticationPrincipal StaffUser me, @PathVariable long id, RedirectAttributes flash) {
        flash.addFlashAttribute("queued", sms.send(me, id));
        return "redirect:/surveys/" + id;
    }

    @PostMapping("/surveys/invitations/{id}/exclude")
    String exclude(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                   @RequestParam(required = false) String reason, RedirectAttributes flash) {
        long campaign = invitations.get(me, id).campaignId();
        invitations.exclude(me, id, reason);
        return AfterPost.done(flash, "survey.done.excluded", "/surveys/" + campaign);
    }
}
