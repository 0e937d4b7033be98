package io.minyi.dispute.web;

import io.minyi.dispute.internal.AgreementFiles;
import io.minyi.dispute.internal.ConfirmationStatus;
import io.minyi.dispute.internal.DisputeIntake;
import io.minyi.dispute.internal.DisputeProperties;
import io.minyi.dispute.internal.DisputeSource;
import io.minyi.dispute.internal.DisputeStatus;
import io.minyi.dispute.internal.DisputeViews;
import io.minyi.dispute.internal.Disputes;
import io.minyi.dispute.internal.Guidance;
import io.minyi.dispute.internal.MediationDesk;
import io.minyi.dispute.internal.PartyKind;
import io.minyi.dispute.internal.PartyRole;
import io.minyi.dispute.internal.Performance;
import io.minyi.dispute.internal.RiskFactor;
import io.minyi.casework.RiskLevel;
import io.minyi.dispute.internal.Signature;
import io.minyi.dispute.internal.Viewer;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.org.StaffUser;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.PageResult;
import lombok.RequiredArgsConstructor;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
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
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The dispute ledger, registration and a dispute's own page with every mediation move. */
@Controller
@RequiredArgsConstructor
class DisputeController {

    private final DisputeIntake intake;
    private final MediationDesk desk;
    private final DisputeViews views;
    private final AgreementFiles files;
    private final Disputes disputes;
    private final OrgDirectory org;
    private final DisputeProperties props;
    private final io.minyi.dispute.internal.LedgerSheet ledgerSheet;
    private final io.minyi.dispute.internal.MediationRecords records;
    private final io.minyi.dispute.internal.ScreeningRounds rounds;

    // ---- ledger -------------------------------------------------------------------------------------------------

    record LedgerQuery(DisputeStatus status, String category, RiskLevel risk,
                       @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                       @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Boolean prevented,
                       Integer page) {
        DisputeViews.Filter filter() {
            if (category != null && category.length() > 50) {
                throw new InvalidInputException("dispute.invalid.category");
            }
            if (from != null && to != null && to.isBefore(from)) {
                throw new InvalidInputException("dispute.invalid.range");
            }
            return new DisputeViews.Filter(status, category, risk, from, to, prevented);
        }
    }

    @GetMapping("/disputes")
    @PreAuthorize("hasAnyRole('DISPATCHER','SUPERVISOR','LEADER','ADMIN','MEDIATOR')")
    String ledger(@AuthenticationPrincipal StaffUser me, LedgerQuery q, Model model) {
        Viewer v = desk.viewer(me);
        model.addAttribute("result", views.ledger(v, q.filter(), PageResult.Request.of(q.page(), 20)));
        model.addAttribute("q", q);
        model.addAttribute("statuses", DisputeStatus.values());
        model.addAttribute("risks", RiskLevel.values());
        model.addAttribute("categories", disputes.categories());
        // exactly the roles the registration form admits
        model.addAttribute("mayRegister", me.hasAny(io.minyi.org.Role.DISPATCHER, io.minyi.org.Role.SUPERVISOR,
                io.minyi.org.Role.ADMIN, io.minyi.org.Role.GRID_WORKER));
        return "dispute/ledger";
    }

    @GetMapping("/disputes/ledger.xlsx")
    @PreAuthorize("hasAnyRole('DISPATCHER','SUPERVISOR','LEADER','ADMIN','MEDIATOR')")
    ResponseEntity<StreamingResponseBody> ledgerXlsx(@AuthenticationPrincipal StaffUser me, LedgerQuery q) {
        Viewer v = desk.viewer(me);
        DisputeViews.Filter filter = q.filter();
        java.util.Locale locale = LocaleContextHolder.getLocale();
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(ledgerSheet.fileName(locale), StandardCharsets.UTF_8).build().toString())
                .contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .body(out -> ledgerSheet.write(v, filter, out, locale));
    }

    /** A court's inbox of applications for judicial confirmation. */
    @GetMapping("/disputes/confirmations")
    @PreAuthorize("hasAnyRole('UNIT_HANDLER','UNIT_LEADER')")
    String confirmations(@AuthenticationPrincipal StaffUser me, Model model) {
        model.addAttribute("items", records.confirmationsForCourt(me.unitId()));
        return "dispute/confirmations";
    }

    // ---- registration -------------------------------------------------------------------------------------------

    record RegistrationForm(Long jurisdictionId, String categoryCode, DisputeSource source, String summary,
                            Integer peopleInvolved, BigDecimal amountInvolved, List<PartyRole> partyRole,
                            List<PartyKind> partyKind, List<String> partyName, List<String> partyIdNumber,
                            List<String> partyPhone, List<String> partyAddress, Set<RiskFactor> factors,
                            String riskNote, Long screeningRoundId, String formToken) {
        List<DisputeIntake.PartyInput> parties() {
            int n = partyName == null ? 0 : partyName.size();
            List<DisputeIntake.PartyInput> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(new DisputeIntake.PartyInput(at(partyRole, i), at(partyKind, i), at(partyName, i),
                        at(partyIdNumber, i), at(partyPhone, i), at(partyAddress, i)));
            }
            return out;
        }

        private static <T> T at(List<T> list, int i) {
            return list == null || i >= list.size() ? null : list.get(i);
        }
    }

    @GetMapping("/disputes/new")
    @PreAuthorize("hasAnyRole('DISPATCHER','SUPERVISOR','ADMIN','GRID_WORKER')")
    String registrationForm(@AuthenticationPrincipal StaffUser me, Model model) {
        model.addAttribute("places", places(me));
        model.addAttribute("categories", disputes.categories());
        model.addAttribute("sources", DisputeSource.values());
        model.addAttribute("roles", PartyRole.values());
        model.addAttribute("kinds", PartyKind.values());
        model.addAttribute("factors", RiskFactor.values());
        model.addAttribute("formToken", UUID.randomUUID().toString());
        model.addAttribute("rounds", rounds.recent(me, 30));
        return "dispute/new";
    }

    @PostMapping("/disputes/new")
    @PreAuthorize("hasAnyRole('DISPATCHER','SUPERVISOR','ADMIN','GRID_WORKER')")
    String register(@AuthenticationPrincipal StaffUser me, RegistrationForm form, RedirectAttributes flash) {
        if (form.jurisdictionId() == null || org.jurisdiction(form.jurisdictionId()).map(JurisdictionRef::path)
                .filter(me::covers).isEmpty()) {
            throw new InvalidInputException("dispute.invalid.jurisdiction");
        }
        if (form.screeningRoundId() != null && !rounds.visible(me, form.screeningRoundId())) {
            throw new InvalidInputException("dispute.invalid.round");
        }
        String key = form.formToken() == null || form.formToken().isBlank() || form.formToken().length() > 64 ? null
                : "dispute:" + me.id() + ":" + form.formToken();
        var r = intake.register(new DisputeIntake.Registration(form.jurisdictionId(), form.categoryCode(),
                form.screeningRoundId() != null ? DisputeSource.SCREENING : form.source(), form.summary(),
                form.peopleInvolved(), form.amountInvolved(), form.screeningRoundId(), form.parties(),
                form.factors(), form.riskNote(), key), me.getUsername());
        flash.addFlashAttribute("done", r.risk() == RiskLevel.HIGH ? "dispute.done.registeredHigh" : "dispute.done.registered");
        return "redirect:/disputes/" + r.disputeId();
    }

    private List<JurisdictionRef> places(StaffUser me) {
        return org.placesDown(me.jurisdictionId(), 2);
    }

    // ---- the dispute's page -------------------------------------------------------------------------------------

    @GetMapping("/disputes/{id}")
    String page(@AuthenticationPrincipal StaffUser me, @PathVariable long id, Model model) {
        model.addAttribute("p", views.page(id, desk.viewer(me), props));
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
        desk.reassess(id, desk.viewer(me), factors, note);
        return done(id, flash, "dispute.done.assessed");
    }

    @PostMapping("/disputes/{id}/assign")
    String assign(@AuthenticationPrincipal StaffUser me, @PathVariable long id, @RequestParam long mediatorId,
                  @RequestParam(required = false) Long replacing, @RequestParam(required = false) String note,
                  RedirectAttributes flash) {
        desk.assign(id, desk.viewer(me), mediatorId, replacing, note);
        return done(id, flash, "dispute.done.assigned");
    }

    @PostMapping("/disputes/{id}/conflict")
    String conflict(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                    @RequestParam(required = false) String reason, RedirectAttributes flash) {
        desk.declareConflict(id, desk.viewer(me), reason);
        flash.addFlashAttribute("done", "dispute.done.conflict");
        return "redirect:/mediation";
    }

    record SessionForm(@DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime start,
                       @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime end, String place,
                       Boolean online, String attendees, String record) {
    }

    @PostMapping("/disputes/{id}/sessions")
    String session(@AuthenticationPrincipal StaffUser me, @PathVariable long id, SessionForm f,
                   @RequestParam(required = false) List<MultipartFile> files, RedirectAttributes flash)
            throws IOException {
        List<MediationDesk.Upload> uploads = new ArrayList<>();
        for (MultipartFile file : files == null ? List.<MultipartFile>of() : files) {
            if (!file.isEmpty()) {
                uploads.add(new MediationDesk.Upload(file.getOriginalFilename(), file.getContentType(), file.getBytes()));
            }
        }
        long overlaps = desk.addSession(id, desk.viewer(me), f.start(), f.end(), f.place(),
                Boolean.TRUE.equals(f.online()), f.attendees(), f.record(), uploads);
        if (overlaps > 0) {
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
        desk.agree(id, desk.viewer(me), new MediationDesk.AgreementInput(f.facts(), f.terms(), f.performanceManner(),
                f.performanceDeadline(), Boolean.TRUE.equals(f.withoutViolence())));
        return done(id, flash, "dispute.done.agreed");
    }

    @PostMapping("/disputes/{id}/not-reached")
    String notReached(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                      @RequestParam(required = false) Guidance guidance, @RequestParam(required = false) String note,
                      @RequestParam(required = false) Boolean withoutViolence, RedirectAttributes flash) {
        desk.notReached(id, desk.viewer(me), guidance, note, Boolean.TRUE.equals(withoutViolence));
        return done(id, flash, "dispute.done.notReached");
    }

    @PostMapping("/disputes/{id}/withdraw")
    String withdraw(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                    @RequestParam(required = false) String note,
                    @RequestParam(required = false) Boolean withoutViolence, RedirectAttributes flash) {
        desk.withdraw(id, desk.viewer(me), note, Boolean.TRUE.equals(withoutViolence));
        return done(id, flash, "dispute.done.withdrawn");
    }

    @PostMapping("/disputes/{id}/extend")
    String extend(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate due,
                  @RequestParam(required = false) String reason, RedirectAttributes flash) {
        desk.extend(id, desk.viewer(me), due, reason);
        return done(id, flash, "dispute.done.extended");
    }

    @PostMapping("/disputes/{id}/sign")
    String sign(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                @RequestParam(required = false) Signature how,
                @RequestParam(required = false) MultipartFile scan, RedirectAttributes flash) throws IOException {
        byte[] bytes = scan == null || scan.isEmpty() ? null : scan.getBytes();
        desk.sign(id, desk.viewer(me), how, scan == null ? null : scan.getOriginalFilename(), bytes);
        return done(id, flash, "dispute.done.signed");
    }

    @PostMapping("/disputes/{id}/confirmation")
    String apply(@AuthenticationPrincipal StaffUser me, @PathVariable long id, @RequestParam long courtUnitId,
                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate appliedOn,
                 RedirectAttributes flash) {
        desk.applyForConfirmation(id, desk.viewer(me), courtUnitId, appliedOn);
        return done(id, flash, "dispute.done.applied");
    }

    @PostMapping("/disputes/{id}/ruling")
    String ruling(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                  @RequestParam(required = false) ConfirmationStatus status,
                  @RequestParam(required = false) String rulingNo,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate ruledOn,
                  RedirectAttributes flash) {
        desk.recordRuling(id, desk.viewer(me), status, rulingNo, ruledOn);
        return done(id, flash, "dispute.done.ruled");
    }

    record FollowUpForm(Performance performance, Boolean satisfied, Boolean lawsuit, String remainingRisk,
                        String note, Boolean reopen) {
    }

    @PostMapping("/disputes/{id}/follow-ups/{followUpId}")
    String followUp(@AuthenticationPrincipal StaffUser me, @PathVariable long id, @PathVariable long followUpId,
                    FollowUpForm f, RedirectAttributes flash) {
        desk.recordFollowUp(id, desk.viewer(me), new MediationDesk.FollowUpInput(followUpId, f.performance(),
                f.satisfied(), f.lawsuit(), f.remainingRisk(), f.note(), Boolean.TRUE.equals(f.reopen())));
        return done(id, flash, "dispute.done.followUp");
    }

    @GetMapping("/disputes/{id}/attachments/{attachmentId}")
    ResponseEntity<byte[]> attachment(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                                      @PathVariable long attachmentId) {
        var a = views.attachment(id, attachmentId, desk.viewer(me));
        // served as a download, never rendered inline: an uploaded HTML file must not run in our origin
        return file(views.attachmentContent(id, attachmentId), a.fileName(), "application/octet-stream");
    }

    @GetMapping("/disputes/{id}/agreement.docx")
    ResponseEntity<byte[]> docx(@AuthenticationPrincipal StaffUser me, @PathVariable long id) {
        var f = files.agreement(id, desk.viewer(me), false, LocaleContextHolder.getLocale());
        return file(f.content(), f.name(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    }

    @GetMapping("/disputes/{id}/agreement.pdf")
    ResponseEntity<byte[]> pdf(@AuthenticationPrincipal StaffUser me, @PathVariable long id) {
        var f = files.agreement(id, desk.viewer(me), true, LocaleContextHolder.getLocale());
        return file(f.content(), f.name(), MediaType.APPLICATION_PDF_VALUE);
    }

    static ResponseEntity<byte[]> file(byte[] bytes, String name, String type) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(name, StandardCharsets.UTF_8).build().toString())
                .contentType(MediaType.parseMediaType(type))
                .body(bytes);
    }

    private static String done(long id, RedirectAttributes flash, String key) {
        flash.addFlashAttribute("done", key);
        return "redirect:/disputes/" + id;
    }
}
