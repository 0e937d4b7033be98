package io.minyi.reporting.web;

import io.minyi.platform.Download;
import io.minyi.org.OrgDirectory;
import io.minyi.org.StaffUser;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.NotFoundException;
import io.minyi.platform.PageResult;
import io.minyi.platform.StaleReads;
import io.minyi.reporting.internal.DailyReports;
import io.minyi.reporting.internal.ReportExports;
import lombok.RequiredArgsConstructor;
import org.springframework.context.i18n.LocaleContextHolder;
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

import java.util.Locale;
import java.time.Clock;
import java.time.LocalDate;

@Controller
@PreAuthorize("hasAnyRole('LEADER','SUPERVISOR','DISPATCHER','ADMIN')")
@RequiredArgsConstructor
class DailyReportController {

    private final DailyReports reports;
    private final ReportExports exports;
    private final OrgDirectory org;
    private final Clock clock;

    @GetMapping("/reports/daily")
    String list(@AuthenticationPrincipal StaffUser me, @RequestParam(required = false) Long j,
                @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                @RequestParam(required = false) Integer page, Model model) {
        model.addAttribute("result", reports.search(me, j, DashboardController.date(from, null),
                DashboardController.date(to, null), PageResult.Request.of(page, 30)));
        model.addAttribute("j", j);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("yesterday", LocalDate.now(clock).minusDays(1));
        model.addAttribute("areas", areas(me));
        return "reporting/daily-list";
    }

    private java.util.List<io.minyi.org.OrgRefs.JurisdictionRef> areas(StaffUser me) {
        var self = org.jurisdiction(me.jurisdictionId()).orElseThrow();
        var list = new java.util.ArrayList<>(java.util.List.of(self));
        if (self.parentId() == null) {
            list.addAll(org.children(self.id()));
        }
        return list;
    }

    @GetMapping("/reports/daily/{id}")
    String show(@AuthenticationPrincipal StaffUser me, @PathVariable long id, Model model) {
        model.addAttribute("r", reports.get(me, id));
        return "reporting/daily";
    }

    @GetMapping("/reports/daily/{id}.pdf")
    ResponseEntity<byte[]> pdf(@AuthenticationPrincipal StaffUser me, @PathVariable long id) {
        DailyReports.Report r = stored(me, id);
        Locale locale = LocaleContextHolder.getLocale();
        return Download.of(exports.pdf(r, locale), exports.fileName(r, "pdf", locale),
                MediaType.APPLICATION_PDF_VALUE);
    }

    @GetMapping("/reports/daily/{id}.xlsx")
    ResponseEntity<byte[]> xlsx(@AuthenticationPrincipal StaffUser me, @PathVariable long id) {
        DailyReports.Report r = stored(me, id);
        Locale locale = LocaleContextHolder.getLocale();
        return Download.of(exports.xlsx(r, locale), exports.fileName(r, "xlsx", locale),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }

    /**
     * A stored report for an export, from the read replica when there is one; a report generated a moment ago that
     * the replica has not replayed yet is read from the primary.
     */
    private DailyReports.Report stored(StaffUser me, long id) {
        try {
            return StaleReads.call(() -> reports.get(me, id));
        } catch (NotFoundException notYetOnTheReplica) {
            return reports.get(me, id);
        }
    }

    /** Generates (or regenerates, with the same result) one day's report for a jurisdiction in scope. */
    @PostMapping("/reports/daily/generate")
    @PreAuthorize("hasAnyRole('SUPERVISOR','ADMIN','LEADER')")
    String generate(@AuthenticationPrincipal StaffUser me, @RequestParam(required = false) Long j,
                    @RequestParam(required = false) String day) {
        LocalDate d = DashboardController.date(day, null);
        if (d == null || !d.isBefore(LocalDate.now(clock).plusDays(1))) {
            throw new InvalidInputException("reporting.daily.badDay");
        }
        var where = org.jurisdiction(j == null ? me.jurisdictionId() : j).filter(x -> me.covers(x.path()))
                .orElseThrow(() -> new NotFoundException("jurisdiction " + j));
        long id = reports.generate(d, where, me.getUsername());
        return "redirect:/reports/daily/" + id;
    }
}
