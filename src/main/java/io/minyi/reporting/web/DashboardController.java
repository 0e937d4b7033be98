package io.minyi.reporting.web;

import io.minyi.grid.GridFigures;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.org.StaffUser;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.NotFoundException;
import io.minyi.platform.ReadReplica;
import io.minyi.platform.StaleReads;
import io.minyi.reporting.internal.Dashboard;
import lombok.RequiredArgsConstructor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Controller
@PreAuthorize("hasAnyRole('LEADER','SUPERVISOR','ADMIN')")
@RequiredArgsConstructor
class DashboardController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Dashboard dashboard;
    private final OrgDirectory org;
    private final ObjectProvider<GridFigures> gridFigures;
    private final ReadReplica replica;

    @GetMapping("/dashboard")
    String dashboard(@AuthenticationPrincipal StaffUser me, @RequestParam(required = false) Long j,
                     @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                     Model model) {
        JurisdictionRef where = scoped(me, j);
        LocalDate today = dashboard.today();
        LocalDate end = date(to, today);
        LocalDate start = date(from, end.withDayOfYear(1));
        if (start.isAfter(end) || start.isBefore(end.minusYears(3))) {
            throw new InvalidInputException("reporting.dashboard.badPeriod");
        }
        // figures a few seconds old are fine here: from the read replica when there is one (decision 0030)
        ReadReplica.Status source = replica.status();
        Dashboard.View view = StaleReads.call(() -> dashboard.view(me, where, start, end));
        model.addAttribute("v", view);
        GridFigures grid = gridFigures.getIfAvailable();
        model.addAttribute("gridFigures", grid == null ? null
                : StaleReads.call(() -> grid.within(where.path(), start, end)));
        model.addAttribute("replicaKey", "platform.replica." + source.state());
        model.addAttribute("replicaLag", source.lagSeconds());
        model.addAttribute("me", me);
        model.addAttribute("trendJson", JSON.writeValueAsString(Map.of(
                "labels", view.trend().stream().map(p -> p.day().toString().substring(5)).toList(),
                "received", view.trend().stream().map(p -> p.received()).toList(),
                "closed", view.trend().stream().map(p -> p.closed()).toList())));
        List<Object> names = new java.util.ArrayList<>();
        List<Object> handling = new java.util.ArrayList<>();
        List<Object> scores = new java.util.ArrayList<>();
        List<Object> evaluation = new java.util.ArrayList<>();
        view.units().stream().limit(12).forEach(u -> {
            evaluation.add(u.evaluationSatisfaction() == null ? null : Math.round(u.evaluationSatisfaction() * 1000) / 10.0);
            names.add(u.name().length() > 14 ? u.name().substring(u.name().length() - 14) : u.name());
            handling.add(u.handlingSatisfaction() == null ? null : Math.round(u.handlingSatisfaction() * 1000) / 10.0);
            scores.add(u.score());
        });
        Map<String, Object> units = new LinkedHashMap<>();
        units.put("labels", names);
        units.put("satisfaction", handling);
        units.put("score", scores);
        units.put("evaluation", evaluation);
        model.addAttribute("unitsJson", JSON.writeValueAsString(units));
        return "reporting/dashboard";
    }

    private JurisdictionRef scoped(StaffUser me, Long id) {
        if (id == null) {
            return org.jurisdiction(me.jurisdictionId()).orElseThrow(() -> new NotFoundException("jurisdiction"));
        }
        return org.jurisdiction(id).filter(x -> me.covers(x.path()))
                .orElseThrow(() -> new NotFoundException("jurisdiction " + id));
    }

    static LocalDate date(String s, LocalDate fallback) {
        if (s == null || s.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(s.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("reporting.badDate");
        }
    }
}
