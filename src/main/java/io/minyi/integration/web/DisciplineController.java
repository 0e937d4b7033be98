package io.minyi.integration.web;

import io.minyi.platform.Download;
import io.minyi.platform.AfterPost;
import io.minyi.integration.internal.DisciplineDesk;
import io.minyi.integration.internal.DisciplineDesk.State;
import io.minyi.org.StaffUser;
import io.minyi.platform.InvalidInputException;
import lombok.RequiredArgsConstructor;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.LocalDate;

/** 纪检监察: what was handed over, the package, and the decision. */
@Controller
@RequiredArgsConstructor
class DisciplineController {

    private final DisciplineDesk desk;
    private final org.springframework.context.MessageSource messages;

    @GetMapping("/discipline")
    @PreAuthorize("hasRole('DISCIPLINE')")
    String list(@AuthenticationPrincipal StaffUser me, @RequestParam(required = false) State state,
                @RequestParam(required = false) String q, @RequestParam(required = false) Integer page, Model model) {
        model.addAttribute("result", desk.page(me, state, q, io.minyi.platform.PageResult.Request.of(page, 20)));
        model.addAttribute("state", state);
        model.addAttribute("q", q);
        model.addAttribute("states", State.values());
        return "integration/discipline-list";
    }

    @GetMapping("/discipline/{id}")
    @PreAuthorize("hasRole('DISCIPLINE')")
    String detail(@AuthenticationPrincipal StaffUser me, @PathVariable long id, Model model) {
        model.addAttribute("t", desk.find(me, id));
        model.addAttribute("sanctions", DisciplineDesk.SANCTIONS);
        return "integration/discipline-detail";
    }

    record DecisionForm(State state, String sanction,
                        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate decidedOn, String note) {
    }

    @PostMapping("/discipline/{id}/decision")
    @PreAuthorize("hasRole('DISCIPLINE')")
    String decide(@AuthenticationPrincipal StaffUser me, @PathVariable long id, DecisionForm form,
                  RedirectAttributes flash) {
        desk.decide(me, id, new DisciplineDesk.Decision(form.state(), form.sanction(), form.decidedOn(), form.note()));
        return AfterPost.done(flash, "integration.discipline.recorded", "/discipline/" + id);
    }

    @GetMapping("/discipline/{id}/ledger.pdf")
    @PreAuthorize("hasRole('DISCIPLINE')")
    ResponseEntity<byte[]> ledger(@AuthenticationPrincipal StaffUser me, @PathVariable long id) {
        return Download.of(desk.ledgerPdf(me, id), fileName("ledger", id) + ".pdf", MediaType.APPLICATION_PDF);
    }

    @GetMapping("/discipline/{id}/evidence.zip")
    @PreAuthorize("hasRole('DISCIPLINE')")
    ResponseEntity<byte[]> evidence(@AuthenticationPrincipal StaffUser me, @PathVariable long id) {
        return Download.of(desk.evidenceZip(me, id), fileName("evidence", id) + ".zip", "application/zip");
    }

    private String fileName(String kind, long id) {
        return messages.getMessage("integration.discipline.fileName." + kind, new Object[]{String.valueOf(id)},
                org.springframework.context.i18n.LocaleContextHolder.getLocale());
    }

    /** From the case page: a dispatcher hands a substantiated clue over. */
    @PostMapping("/discipline/handover/{caseId}")
    @PreAuthorize("hasRole('DISPATCHER')")
    String handOver(@AuthenticationPrincipal StaffUser me, @PathVariable long caseId,
                    @RequestParam(required = false) String reason, RedirectAttributes flash) {
        if (reason != null && reason.length() > 1000) {
            throw new InvalidInputException("integration.discipline.noteTooLong");
        }
        desk.handOver(me, caseId, reason);
        return AfterPost.done(flash, "integration.discipline.handedOver", "/cases/" + caseId);
    }
}
