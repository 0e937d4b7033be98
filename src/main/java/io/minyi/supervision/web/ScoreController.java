package io.minyi.supervision.web;

import io.minyi.org.StaffUser;
import io.minyi.platform.InvalidInputException;
import io.minyi.supervision.SupervisionFigures;
import io.minyi.supervision.internal.UnitScores;
import lombok.RequiredArgsConstructor;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

@Controller
@RequiredArgsConstructor
class ScoreController {

    private final SupervisionFigures figures;
    private final UnitScores scores;
    private final Clock clock;

    @GetMapping("/supervision/scores")
    @PreAuthorize("hasAnyRole('SUPERVISOR','LEADER','ADMIN','DISCIPLINE')")
    String scores(@AuthenticationPrincipal StaffUser me, @RequestParam(required = false) String month, Model model) {
        YearMonth m;
        try {
            m = month == null || month.isBlank() ? YearMonth.now(clock) : YearMonth.parse(month.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("supervision.badMonth");
        }
        model.addAttribute("month", m);
        model.addAttribute("units", figures.unitRanking(me.jurisdictionPath(), m));
        model.addAttribute("counties", me.jurisdictionPath().chars().filter(ch -> ch == '/').count() <= 2
                ? figures.countyRanking(m) : java.util.List.of());
        model.addAttribute("formula", figures.scoreFormula());
        model.addAttribute("evaluationAvailable", scores.evaluationAvailable());
        return "supervision/scores";
    }
}
