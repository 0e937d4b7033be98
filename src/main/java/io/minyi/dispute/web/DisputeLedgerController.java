package io.minyi.dispute.web;

import io.minyi.casework.RiskLevel;
import io.minyi.dispute.internal.DisputeAccess;
import io.minyi.dispute.internal.DisputeStatus;
import io.minyi.dispute.internal.DisputeViews;
import io.minyi.dispute.internal.Disputes;
import io.minyi.dispute.internal.LedgerSheet;
import io.minyi.dispute.internal.Viewer;
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
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/** The dispute ledger (纠纷台账) on screen and as a spreadsheet, as the viewer may see it. */
@Controller
@RequiredArgsConstructor
class DisputeLedgerController {

    private final DisputeAccess access;
    private final DisputeViews views;
    private final Disputes disputes;
    private final LedgerSheet ledgerSheet;

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
        Viewer v = access.viewer(me);
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
        Viewer v = access.viewer(me);
        DisputeViews.Filter filter = q.filter();
        java.util.Locale locale = LocaleContextHolder.getLocale();
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(ledgerSheet.fileName(locale), StandardCharsets.UTF_8).build().toString())
                .contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .body(out -> ledgerSheet.write(v, filter, out, locale));
    }
}
