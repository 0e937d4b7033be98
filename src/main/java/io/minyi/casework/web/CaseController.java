package io.minyi.casework.web;

import io.minyi.casework.internal.Actor;
import io.minyi.casework.internal.Attachments;
import io.minyi.casework.internal.CaseCategories;
import io.minyi.casework.internal.CaseViews;
import io.minyi.casework.internal.CaseLimits;
import io.minyi.casework.internal.CaseWorkflow;
import io.minyi.casework.internal.DeadlineChoice;
import io.minyi.platform.Decision;
import jakarta.servlet.http.HttpServletResponse;
import io.minyi.casework.internal.Satisfaction;
import io.minyi.casework.internal.LedgerExport;
import io.minyi.casework.Outcome;
import io.minyi.casework.RiskLevel;
import io.minyi.casework.TransferTarget;
import io.minyi.org.StaffUser;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.NotFoundException;
import lombok.RequiredArgsConstructor;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.Locale;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One case: its detail page and every move as a POST that redirects back. Who may do what is decided by the aggregate
 * (403/409 when refused); who may see the case at all by the scoped query (404).
 */
@Controller
@RequestMapping("/cases/{id}")
@RequiredArgsConstructor
class CaseController {

    private final CaseViews views;
    private final CaseWorkflow workflow;
    private final LedgerExport ledger;
    private final Attachments attachments;
    private final CaseCategories categories;

    @GetMapping
    String detail(@PathVariable long id, @AuthenticationPrincipal StaffUser me, Model model) {
        return show(id, me, model);
    }

    /**
     * After a move: allowed → back to the case with what was done; refused → the case page itself, with the reason
     * shown and 403 (not yours to do) or 409 (not now, or not with that input). Nothing was written.
     */
    private String after(long id, StaffUser me, Decision d, String doneKey, RedirectAttributes flash, Model model,
                         HttpServletResponse response) {
        if (d instanceof Decision.Refused r) {
            return refused(id, me, r, model, response);
        }
        return done(id, flash, doneKey);
    }

    private String refused(long id, StaffUser me, Decision.Refused r, Model model, HttpServletResponse response) {
        response.setStatus(CaseWorkflow.kindOf(r).status());
        model.addAttribute("refused", r.reason());
        return show(id, me, model);
    }

    private String show(long id, StaffUser me, Model model) {
        var d = views.detail(id, Actor.staff(me));
        model.addAttribute("d", d);
        model.addAttribute("can", d.moves().stream().map(Enum::name).collect(java.util.stream.Collectors.toSet()));
        model.addAttribute("risks", RiskLevel.values());
        model.addAttribute("targets", TransferTarget.values());
        model.addAttribute("outcomes", Outcome.values());
        if (d.moves().contains(io.minyi.casework.internal.Move.TRIAGE)) {
            var offered = categories.offered(d.snapshot().type());
            model.addAttribute("categories", offered);
            // a category from outside (12345, a grid worker) that the taxonomy does not hold: shown, to be re-chosen
            model.addAttribute("categoryOutside", d.snapshot().category() != null
                    && offered.stream().noneMatch(k -> k.name().equals(d.snapshot().category())));
        }
        model.addAttribute("co", views.coHandling(id, Actor.staff(me)));
        return "casework/detail";
    }

    /**
     * The moves that take nothing but an optional free text (a comment, or a reason for the refusing ones); they differ
     * only in the workflow call and the message shown afterwards.
     */
    @PostMapping("/{move:accept|reject|archive|return|progress|unit-approve|unit-send-back|approve|send-back}")
    String textMove(@PathVariable long id, @PathVariable("move") String path, @AuthenticationPrincipal StaffUser me,
                    @RequestParam(required = false) String comment, @RequestParam(required = false) String reason,
                    RedirectAttributes flash, Model model,
                    HttpServletResponse response) {
        TextMove move = TEXT_MOVES.get(path);
        return after(id, me, move.call().on(workflow, id, Actor.staff(me),
                limit(move.takesReason() ? reason : comment)), move.doneKey(), flash, model, response);
    }

    @PostMapping("/triage")
    String triage(@PathVariable long id, @AuthenticationPrincipal StaffUser me, @RequestParam String category,
                  @RequestParam RiskLevel risk, @RequestParam long unitId,
                  @RequestParam(required = false) String comment, RedirectAttributes flash, Model model,
                    HttpServletResponse response) {
        if (category.length() > CaseLimits.CATEGORY) {
            throw new InvalidInputException("casework.invalid.category");
        }
        return after(id, me, workflow.triage(id, Actor.staff(me), category, risk, unitId, limit(comment)),
                "casework.done.triage", flash, model, response);
    }

    /**
     * The deadline fields of the dispatch forms: the day chosen, the rule's day the page showed, and why it was
     * changed. A day left as shown means "by the rule" — the rule is applied afresh, so a page kept open overnight
     * does not turn into a change that asks for a reason.
     */
    record DeadlineForm(java.time.LocalDate due, java.time.LocalDate dueShown, String dueReason) {
        DeadlineChoice choice() {
            return due == null || due.equals(dueShown) ? DeadlineChoice.STANDARD
                    : new DeadlineChoice(due, limit(dueReason));
        }
    }

    @PostMapping("/dispatch")
    String dispatch(@PathVariable long id, @AuthenticationPrincipal StaffUser me,
                    @RequestParam(required = false) Long unitId, @RequestParam(required = false) String comment,
                    DeadlineForm deadline, RedirectAttributes flash, Model model,
                    HttpServletResponse response) {
        return after(id, me, workflow.dispatch(id, Actor.staff(me), unitId, deadline.choice(), limit(comment)),
                "casework.done.dispatch", flash, model, response);
    }

    @PostMapping("/redispatch")
    String redispatch(@PathVariable long id, @AuthenticationPrincipal StaffUser me, @RequestParam long unitId,
                      @RequestParam(required = false) String comment, DeadlineForm deadline,
                      RedirectAttributes flash, Model model,
                    HttpServletResponse response) {
        return after(id, me, workflow.redispatch(id, Actor.staff(me), unitId, deadline.choice(), limit(comment)),
                "casework.done.dispatch", flash, model, response);
    }

    /**
     * 并单 confirmation: both cases side by side, what happens to each (the merged one ends, its resident keeps
     * following the main case with the same tracking code), and the confirm button — or the reason it cannot be done.
     */
    @GetMapping("/merge")
    String confirmMerge(@PathVariable long id, @RequestParam long targetId, @AuthenticationPrincipal StaffUser me,
                        Model model, HttpServletResponse response) {
        var preview = views.mergePreview(id, targetId, Actor.staff(me));
        if (preview.decision() instanceof Decision.Refused r) {
            response.setStatus(CaseWorkflow.kindOf(r).status());
            model.addAttribute("refused", r.reason());
        }
        model.addAttribute("p", preview);
        return "casework/merge";
    }

    @PostMapping("/merge")
    String merge(@PathVariable long id, @AuthenticationPrincipal StaffUser me, @RequestParam long targetId,
                 @RequestParam(required = false) String comment, RedirectAttributes flash, Model model,
                    HttpServletResponse response) {
        Decision d = workflow.merge(id, Actor.staff(me), targetId, limit(comment));
        if (d instanceof Decision.Refused r) {
            return refused(id, me, r, model, response);
        }
        flash.addFlashAttribute("done", "casework.done.merge");
        return "redirect:/cases/" + targetId;
    }

    @PostMapping("/transfer")
    String transfer(@PathVariable long id, @AuthenticationPrincipal StaffUser me, @RequestParam TransferTarget target,
                    @RequestParam(required = false) String reason, RedirectAttributes flash, Model model,
                    HttpServletResponse response) {
        return after(id, me, workflow.transfer(id, Actor.staff(me), target, limit(reason)), "casework.done.transfer",
                flash, model, response);
    }

    @PostMapping("/pass-down")
    String passDown(@PathVariable long id, @AuthenticationPrincipal StaffUser me,
                    @RequestParam(required = false) Long unitId, @RequestParam(required = false) java.time.LocalDate due,
                    @RequestParam(required = false) String comment, RedirectAttributes flash, Model model,
                    HttpServletResponse response) {
        if (unitId == null || due == null) {
            throw new InvalidInputException("casework.invalid.passDown");
        }
        return after(id, me, workflow.passDown(id, Actor.staff(me), unitId, due, limit(comment)),
                "casework.done.passDown", flash, model, response);
    }

    /** 协办: the dispatcher names assisting units for the lead unit's case. */
    @PostMapping("/assist")
    String assist(@PathVariable long id, @AuthenticationPrincipal StaffUser me,
                  @RequestParam(name = "unitIds", required = false) List<Long> unitIds,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) java.time.LocalDate due,
                  @RequestParam(required = false) String comment, RedirectAttributes flash, Model model,
                  HttpServletResponse response) {
        if (unitIds == null || unitIds.isEmpty()) {
            throw new InvalidInputException("casework.invalid.assistUnits");
        }
        if (unitIds.contains(null)) {
            // "unitIds=1,,2": an empty item binds as null
            throw new InvalidInputException("error.badRequest");
        }
        return after(id, me, workflow.assignAssisting(id, Actor.staff(me), unitIds, due, limit(comment)),
                "casework.done.assignAssist", flash, model, response);
    }

    /** An assisting unit files its part for the lead unit. */
    @PostMapping("/assist-report")
    String assistReport(@PathVariable long id, @AuthenticationPrincipal StaffUser me,
                        @RequestParam(required = false) String report, RedirectAttributes flash, Model model,
                        HttpServletResponse response) {
        return after(id, me, workflow.reportAssist(id, Actor.staff(me), report), "casework.done.reportAssist", flash,
                model, response);
    }

    /** 上报 to the level above. */
    @PostMapping("/escalate")
    String escalate(@PathVariable long id, @AuthenticationPrincipal StaffUser me,
                    @RequestParam(required = false) String reason, RedirectAttributes flash, Model model,
                    HttpServletResponse response) {
        return after(id, me, workflow.escalate(id, Actor.staff(me), limit(reason)), "casework.done.escalate", flash,
                model, response);
    }

    /** 下交 to a lower level, with the deadline it is to keep. */
    @PostMapping("/hand-down")
    String handDown(@PathVariable long id, @AuthenticationPrincipal StaffUser me,
                    @RequestParam(required = false) Long jurisdictionId,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) java.time.LocalDate due,
                    @RequestParam(required = false) String reason, RedirectAttributes flash, Model model,
                    HttpServletResponse response) {
        if (jurisdictionId == null || due == null) {
            throw new InvalidInputException("casework.invalid.handDown");
        }
        return after(id, me, workflow.handDown(id, Actor.staff(me), jurisdictionId, due, limit(reason)),
                "casework.done.handDown", flash, model, response);
    }

    /** 回访: the verdict a raiser gave on the phone, which applies if the raiser does not rate in time. */
    @PostMapping("/follow-up")
    String followUp(@PathVariable long id, @AuthenticationPrincipal StaffUser me,
                    @RequestParam(required = false) Satisfaction verdict, @RequestParam(required = false) String note,
                    RedirectAttributes flash, Model model,
                    HttpServletResponse response) {
        return after(id, me, workflow.recordFollowUpCall(id, Actor.staff(me), verdict, note),
                "casework.done.followUp", flash, model, response);
    }

    @PostMapping("/sign")
    String sign(@PathVariable long id, @AuthenticationPrincipal StaffUser me, RedirectAttributes flash, Model model,
                    HttpServletResponse response) {
        return after(id, me, workflow.sign(id, Actor.staff(me)), "casework.done.sign", flash, model, response);
    }

    @PostMapping("/report")
    String report(@PathVariable long id, @AuthenticationPrincipal StaffUser me, @RequestParam Outcome outcome,
                  @RequestParam(required = false) String findings,
                  @RequestParam(defaultValue = "0") int personsDisciplined,
                  @RequestParam(required = false) String disciplinedNames,
                  @RequestParam(name = "evidence", required = false) List<MultipartFile> evidence,
                  RedirectAttributes flash, Model model,
                    HttpServletResponse response) {
        List<CaseWorkflow.Upload> uploads = new ArrayList<>();
        if (evidence != null) {
            if (evidence.size() > 10) {
                throw new InvalidInputException("casework.invalid.tooManyFiles");
            }
            for (MultipartFile f : evidence) {
                if (!f.isEmpty()) {
                    try {
                        uploads.add(new CaseWorkflow.Upload(f.getOriginalFilename(), f.getBytes()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        if (findings != null && findings.length() > CaseLimits.TEXT) {
            throw new InvalidInputException("casework.invalid.findingsTooLong");
        }
        return after(id, me, workflow.report(id, Actor.staff(me), outcome, findings, personsDisciplined,
                        limit(disciplinedNames), uploads),
                "casework.done.report", flash, model, response);
    }

    @GetMapping("/ledger.xlsx")
    ResponseEntity<byte[]> ledgerXlsx(@PathVariable long id, @AuthenticationPrincipal StaffUser me) {
        var d = views.detail(id, Actor.staff(me));
        Locale locale = LocaleContextHolder.getLocale();
        return download(ledger.xlsx(d, locale), ledger.fileName(d, "xlsx", locale),
                MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
    }

    @GetMapping("/ledger.pdf")
    ResponseEntity<byte[]> ledgerPdf(@PathVariable long id, @AuthenticationPrincipal StaffUser me) {
        var d = views.detail(id, Actor.staff(me));
        Locale locale = LocaleContextHolder.getLocale();
        return download(ledger.pdf(d, locale), ledger.fileName(d, "pdf", locale), MediaType.APPLICATION_PDF);
    }

    @GetMapping("/attachments/{attachmentId}")
    ResponseEntity<byte[]> attachment(@PathVariable long id, @PathVariable long attachmentId,
                                      @AuthenticationPrincipal StaffUser me) {
        var d = views.detail(id, Actor.staff(me)); // 404 unless the case is visible to this user
        var a = d.attachments().stream().filter(x -> x.id() == attachmentId).findFirst()
                .orElseThrow(() -> new NotFoundException("attachment"));
        byte[] content = attachments.content(a).orElseThrow(() -> new NotFoundException("attachment"));
        return download(content, a.fileName(), MediaType.parseMediaType(a.contentType()));
    }

    private static ResponseEntity<byte[]> download(byte[] body, String name, MediaType type) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(name, StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(body);
    }

    private static String done(long id, RedirectAttributes flash, String key) {
        flash.addFlashAttribute("done", key);
        return "redirect:/cases/" + id;
    }

    private static String limit(String text) {
        if (text != null && text.length() > CaseLimits.COMMENT) {
            throw new InvalidInputException("casework.invalid.commentTooLong");
        }
        return text;
    }

    private record TextMove(boolean takesReason, String doneKey, Call call) {
        interface Call {
            Decision on(CaseWorkflow workflow, long id, Actor by, String text);
        }
    }

    /** Keyed by path; the mapping of {@link #textMove} lists exactly these. */
    private static final Map<String, TextMove> TEXT_MOVES = Map.of(
            "accept", new TextMove(false, "casework.done.accept", CaseWorkflow::accept),
            "reject", new TextMove(true, "casework.done.reject", CaseWorkflow::reject),
            "archive", new TextMove(false, "casework.done.archive", CaseWorkflow::archive),
            "return", new TextMove(true, "casework.done.return", CaseWorkflow::requestReturn),
            "progress", new TextMove(false, "casework.done.progress", CaseWorkflow::reportVerificationOngoing),
            "unit-approve", new TextMove(false, "casework.done.unitApprove", CaseWorkflow::unitApprove),
            "unit-send-back", new TextMove(false, "casework.done.sendBack", CaseWorkflow::unitSendBack),
            "approve", new TextMove(false, "casework.done.approve", CaseWorkflow::approve),
            "send-back", new TextMove(false, "casework.done.sendBack", CaseWorkflow::sendBack));
}
