package io.minyi.evaluation.web;

import io.minyi.evaluation.EvaluationFigures;
import io.minyi.evaluation.internal.EvaluationProperties;
import io.minyi.evaluation.internal.EvaluationRecords;
import io.minyi.evaluation.internal.EvaluationRecords.Filter;
import io.minyi.evaluation.internal.EvaluationRecords.Scope;
import io.minyi.org.Role;
import io.minyi.org.StaffUser;
import io.minyi.platform.NotFoundException;
import io.minyi.platform.PageResult;
import lombok.RequiredArgsConstructor;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Staff views of the evaluations. A unit leader sees his own unit (results and comments, never a phone); leaders of
 * the organisation department and discipline inspectors open officers' records; supervisors also see what was
 * flagged as ballot-stuffing and why. Everything is limited to the user's jurisdiction in SQL.
 */
@Controller
@RequiredArgsConstructor
class StaffEvaluationController {

    private final EvaluationFigures figures;
    private final EvaluationRecords records;
    private final EvaluationProperties properties;
    private final Clock clock;

    @GetMapping("/evaluations")
    @PreAuthorize("hasAnyRole('UNIT_LEADER','LEADER','DISCIPLINE','SUPERVISOR','ADMIN')")
    ModelAndView overview(@AuthenticationPrincipal StaffUser me,
                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                          @RequestParam(required = false) String q,
                          @RequestParam(required = false) boolean flagged,
                          @RequestParam(required = false) Integer page, Locale locale) {
        Period period = period(from, to);
        Scope scope = scopeOf(me);
        ModelAndView mv = new ModelAndView("evaluation/staff");
        mv.addObject("from", period.from());
        mv.addObject("to", period.to());
        mv.addObject("q", q);
        mv.addObject("flagged", flagged && scope.seesFlags());
        mv.addObject("seesFlags", scope.seesFlags());
        mv.addObject("opensRecords", me.hasAny(Role.LEADER, Role.DISCIPLINE));
        if (scope.unitId() != null) {
            mv.addObject("scopeName", me.unitName());
            mv.addObject("summary", figures.forUnit(scope.unitId(), period.from(), period.to()));
            mv.addObject("dimensions", labelled(records.dimensions(scope.unitId(), 0, period.from(), period.to()), false, locale));
        } else {
            mv.addObject("scopeName", me.jurisdictionName());
            mv.addObject("summary", figures.forJurisdiction(me.jurisdictionPath(), period.from(), period.to()));
            mv.addObject("units", figures.byUnit(me.jurisdictionPath(), period.from(), period.to()));
        }
        mv.addObject("rows", records.search(scope, new Filter(period.from(), period.to(), q, flagged, null),
                PageResult.Request.of(page, null)));
        return mv;
    }

    @GetMapping("/evaluations/officers")
    @PreAuthorize("hasAnyRole('LEADER','DISCIPLINE')")
    ModelAndView officers(@AuthenticationPrincipal StaffUser me, @RequestParam(required = false) String q,
                          @RequestParam(required = false) Integer page) {
        ModelAndView mv = new ModelAndView("evaluation/officers");
        mv.addObject("q", q);
        mv.addObject("officers", records.officers(scopeOf(me), q, PageResult.Request.of(page, null)));
        return mv;
    }

    /** The organisation department's and discipline inspection's view of one officer. */
    @GetMapping("/evaluations/officers/{id}")
    @PreAuthorize("hasAnyRole('LEADER','DISCIPLINE')")
    ModelAndView officer(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                         @RequestParam(required = false) Integer page, Locale locale) {
        Scope scope = scopeOf(me);
        var officer = records.officer(id, scope).orElseThrow(() -> new NotFoundException("officer"));
        Period period = period(from, to);
        ModelAndView mv = new ModelAndView("evaluation/officer");
        mv.addObject("officer", officer);
        mv.addObject("from", period.from());
        mv.addObject("to", period.to());
        mv.addObject("summary", figures.forOfficer(id, period.from(), period.to()));
        mv.addObject("dimensions", labelled(records.dimensions(0, id, period.from(), period.to()), true, locale));
        mv.addObject("rows", records.search(scope, new Filter(period.from(), period.to(), null, false, id),
                PageResult.Request.of(page, null)));
        return mv;
    }

    private Scope scopeOf(StaffUser me) {
        boolean wide = me.hasAny(Role.LEADER, Role.DISCIPLINE, Role.SUPERVISOR, Role.ADMIN);
        return new Scope(me.scopePathPattern(), wide ? null : me.unitId(), me.officerId(),
                me.hasAny(Role.SUPERVISOR));
    }

    private java.util.List<LabelledDimension> labelled(java.util.List<EvaluationRecords.DimensionFigures> rows,
                                                       boolean officer, Locale locale) {
        Map<String, String> labels = properties.dimensionsFor(officer).stream()
                .collect(Collectors.toMap(EvaluationProperties.Dimension::key, d -> d.label(locale)));
        Map<String, EvaluationRecords.DimensionFigures> byKey = rows.stream()
                .collect(Collectors.toMap(EvaluationRecords.DimensionFigures::dimension, Function.identity()));
        return properties.dimensionsFor(officer).stream()
                .map(d -> new LabelledDimension(labels.get(d.key()),
                        byKey.getOrDefault(d.key(), new EvaluationRecords.DimensionFigures(d.key(), 0, 0, 0))))
                .toList();
    }

    private Period period(LocalDate from, LocalDate to) {
        LocalDate end = to == null ? LocalDate.now(clock) : to;
        LocalDate start = from == null ? end.minusDays(29) : from;
        if (start.isAfter(end)) {
            start = end;
        }
        return new Period(start, end);
    }

    record Period(LocalDate from, LocalDate to) {
    }

    record LabelledDimension(String label, EvaluationRecords.DimensionFigures figures) {
    }
}
