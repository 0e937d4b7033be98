package io.minyi.reporting.web;

import io.minyi.org.OrgDirectory;
import io.minyi.org.StaffUser;
import io.minyi.platform.PageResult;
import io.minyi.reporting.internal.StaffFigures;
import io.minyi.reporting.internal.StaffMetric;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/** The ledger of figures entered by staff (SUPERVISOR, ADMIN enter; LEADER reads). */
@Controller
class StaffFigureController {

    private final StaffFigures figures;
    private final OrgDirectory org;
    private final Clock clock;

    StaffFigureController(StaffFigures figures, OrgDirectory org, Clock clock) {
        this.figures = figures;
        this.org = org;
        this.clock = clock;
    }

    @GetMapping("/reports/figures")
    @PreAuthorize("hasAnyRole('SUPERVISOR','ADMIN','LEADER')")
    String list(@AuthenticationPrincipal StaffUser me, @RequestParam(required = false) String metric,
                @RequestParam(required = false) Integer page, Model model) {
        if (metric != null && !metric.isBlank()
                && java.util.Arrays.stream(StaffMetric.values()).noneMatch(m -> m.name().equals(metric))) {
            throw new io.minyi.platform.InvalidInputException("reporting.figure.badMetric");
        }
        model.addAttribute("result", figures.list(me, metric, PageResult.Request.of(page, 30)));
        model.addAttribute("metrics", StaffMetric.values());
        model.addAttribute("metric", metric);
        model.addAttribute("month", YearMonth.now(clock));
        var self = org.jurisdiction(me.jurisdictionId()).orElseThrow();
        List<io.minyi.org.OrgRefs.JurisdictionRef> areas = new ArrayList<>(List.of(self));
        areas.addAll(org.children(self.id()));
        model.addAttribute("areas", areas);
        return "reporting/figures";
    }

    @PostMapping("/reports/figures")
    @PreAuthorize("hasAnyRole('SUPERVISOR','ADMIN')")
    String record(@AuthenticationPrincipal StaffUser me, @RequestParam long jurisdictionId,
                  @RequestParam String month, @RequestParam String metric, @RequestParam String value,
                  @RequestParam(required = false) String note, RedirectAttributes flash) {
        figures.record(me, jurisdictionId, month, metric, value, note);
        flash.addFlashAttribute("done", "reporting.figure.saved");
        return "redirect:/reports/figures";
    }
}
