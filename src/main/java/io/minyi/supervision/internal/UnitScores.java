package io.minyi.supervision.internal;

import lombok.RequiredArgsConstructor;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import io.minyi.evaluation.EvaluationFigures;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.org.OrgRefs.UnitRef;
import io.minyi.supervision.SupervisionFigures.UnitScore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Date;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 考评: unit and county scores for a month from the month counters (never from the cases). On-time rate is
 * closed-on-time ÷ (closed + still-open-and-overdue), so a unit cannot look punctual by leaving late work open.
 */
@Service
@Transactional(readOnly = true)
@RequiredArgsConstructor
public class UnitScores {

    /**
     * The month's raw counts for a unit or a county. {@code assistsOnTime} / {@code assistsOverdue}: its parts as an
     * assisting unit (协办) filed on time / found or filed past their deadline — they count in its on-time rate like
     * cases of its own.
     */
    public record Counts(int closed, int closedOnTime, int openOverdue, int satisfied, int reopened, int cluesDecided,
                         int cluesSubstantiated, int letters, int assistsOnTime, int assistsOverdue) {
        Counts(int closed, int closedOnTime, int openOverdue, int satisfied, int reopened, int cluesDecided,
               int cluesSubstantiated, int letters) {
            this(closed, closedOnTime, openOverdue, satisfied, reopened, cluesDecided, cluesSubstantiated, letters,
                    0, 0);
        }

        Counts plus(Counts o) {
            return new Counts(closed + o.closed, closedOnTime + o.closedOnTime, openOverdue + o.openOverdue,
                    satisfied + o.satisfied, reopened + o.reopened, cluesDecided + o.cluesDecided,
                    cluesSubstantiated + o.cluesSubstantiated, letters + o.letters, assistsOnTime + o.assistsOnTime,
                    assistsOverdue + o.assistsOverdue);
        }

        boolean empty() {
            return closed + openOverdue + satisfied + reopened + cluesDecided + letters + assistsOnTime
                    + assistsOverdue == 0;
        }

        static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    private final JdbcClient jdbc;
    private final OrgDirectory org;
    private final ObjectProvider<EvaluationFigures> evaluation;
    private final SupervisionProperties props;
    private final Clock clock;

    private final MessageSource messages;

    public boolean evaluationAvailable() {
        return evaluation.getIfAvailable() != null;
    }

    public List<UnitScore> unitRanking(String path, YearMonth month) {
        return unitRanking(path, month, month);
    }

    public List<UnitScore> countyRanking(YearMonth month) {
        return countyRanking(month, month);
    }

    /**
     * Units ranked over the whole months {@code first}..{@code last} (the counters are monthly), with their rank in
     * the equally long run of months just before, for the arrow.
     */
    public List<UnitScore> unitRanking(String path, YearMonth first, YearMonth last) {
        List<UnitRef> units = org.unitsWithin(path);
        int n = months(first, last);
        List<UnitScore> now = rankUnits(units, path, first, last);
        Map<Long, UnitScore> before = index(rankUnits(units, path, first.minusMonths(n), first.minusMonths(1)));
        return withPrevious(now, before);
    }

    public List<UnitScore> countyRanking(YearMonth first, YearMonth last) {
        Map<JurisdictionRef, List<UnitRef>> counties = unitsOfCounties();
        int n = months(first, last);
        List<UnitScore> now = rankCounties(counties, first, last);
        return withPrevious(now, index(rankCounties(counties, first.minusMonths(n), first.minusMonths(1))));
    }

    /**
     * Each month's scores of the units within the path, ranked within the month, without the previous run of months
     * the rankings above add for their arrows. The annual assessment averages a year of them: the caller reads the
     * units once, and no month is scored twice.
     */
    Map<YearMonth, List<UnitScore>> unitScoresByMonth(String path, List<UnitRef> units, List<YearMonth> months) {
        Map<YearMonth, List<UnitScore>> out = new LinkedHashMap<>();
        months.forEach(m -> out.put(m, rankUnits(units, path, m, m)));
        return out;
    }

    /** As {@link #unitScoresByMonth}, for the counties of the city with their units ({@link #unitsOfCounties}). */
    Map<YearMonth, List<UnitScore>> countyScoresByMonth(Map<JurisdictionRef, List<UnitRef>> counties,
                                                        List<YearMonth> months) {
        Map<YearMonth, List<UnitScore>> out = new LinkedHashMap<>();
        months.forEach(m -> out.put(m, rankCounties(counties, m, m)));
        return out;
    }

    /** The city's counties, each with the units within it, in the counties' order. */
    Map<JurisdictionRef, List<UnitRef>> unitsOfCounties() {
        Map<JurisdictionRef, List<UnitRef>> out = new LinkedHashMap<>();
        org.children(org.root().id()).forEach(county -> out.put(county, org.unitsWithin(county.path())));
        return out;
    }

    private static int months(YearMonth first, YearMonth last) {
        return (int) java.time.temporal.ChronoUnit.MONTHS.between(first, last) + 1;
    }

    private static Map<Long, UnitScore> index(List<UnitScore> list) {
        Map<Long, UnitScore> m = new HashMap<>();
        list.forEach(s -> m.put(s.id(), s));
        return m;
    }

    private static List<UnitScore> withPrevious(List<UnitScore> now, Map<Long, UnitScore> before) {
        return now.stream().map(s -> {
            UnitScore p = before.get(s.id());
            return new UnitScore(s.id(), s.name(), s.closed(), s.closedOnTime(), s.openOverdue(), s.onTimeRate(),
                    s.handlingSatisfaction(), s.evaluationSatisfaction(), s.substantiatedRate(), s.reopenRate(),
                    s.letters(), s.score(), s.rank(), p == null ? null : p.rank(), p == null ? null : p.score());
        }).toList();
    }

    private List<UnitScore> rankUnits(List<UnitRef> units, String path, YearMonth first, YearMonth last) {
        Map<Long, Counts> counts = counts(units.stream().map(UnitRef::id).toList(), first, last);
        Map<Long, Double> eval = new HashMap<>();
        EvaluationFigures figures = evaluation.getIfAvailable();
        if (figures != null) {
            for (var u : figures.byUnit(path, first.atDay(1), last.atEndOfMonth())) {
                long counted = u.satisfaction().satisfied() + u.satisfaction().basicallySatisfied()
                        + u.satisfaction().dissatisfied();
                if (counted > 0) {
                    eval.put(u.unitId(), u.satisfaction().rate());
                }
            }
        }
        List<UnitScore> scored = new ArrayList<>();
        for (UnitRef u : units) {
            Counts c = counts.getOrDefault(u.id(), Counts.ZERO);
            Double e = eval.get(u.id());
            if (c.empty() && e == null) {
                continue;
            }
            scored.add(score(u.id(), u.name(), c, e));
        }
        return ranked(scored);
    }

    private List<UnitScore> rankCounties(Map<JurisdictionRef, List<UnitRef>> counties, YearMonth first, YearMonth last) {
        EvaluationFigures figures = evaluation.getIfAvailable();
        List<UnitScore> scored = new ArrayList<>();
        for (Map.Entry<JurisdictionRef, List<UnitRef>> entry : counties.entrySet()) {
            JurisdictionRef county = entry.getKey();
            List<UnitRef> units = entry.getValue();
            Counts pooled = counts(units.stream().map(UnitRef::id).toList(), first, last).values().stream()
                    .reduce(Counts.ZERO, Counts::plus);
            Double e = null;
            if (figures != null) {
                var s = figures.forJurisdiction(county.path(), first.atDay(1), last.atEndOfMonth());
                e = s.satisfied() + s.basicallySatisfied() + s.dissatisfied() > 0 ? s.rate() : null;
            }
            if (pooled.empty() && e == null) {
                continue;
            }
            scored.add(score(county.id(), county.name(), pooled, e));
        }
        return ranked(scored);
    }

    private static List<UnitScore> ranked(List<UnitScore> scored) {
        List<UnitScore> sorted = new ArrayList<>(scored);
        sorted.sort(Comparator.comparingDouble(UnitScore::score).reversed().thenComparing(UnitScore::name));
        List<UnitScore> out = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            UnitScore s = sorted.get(i);
            out.add(new UnitScore(s.id(), s.name(), s.closed(), s.closedOnTime(), s.openOverdue(), s.onTimeRate(),
                    s.handlingSatisfaction(), s.evaluationSatisfaction(), s.substantiatedRate(), s.reopenRate(),
                    s.letters(), s.score(), i + 1, null, null));
        }
        return out;
    }

    /** The formula, applied; see {@link SupervisionProperties.Weights}. */
    UnitScore score(long id, String name, Counts c, Double evaluationRate) {
        Double onTime = ratio(c.closedOnTime() + c.assistsOnTime(),
                c.closed() + c.openOverdue() + c.assistsOnTime() + c.assistsOverdue());
        Double handling = ratio(c.satisfied(), c.satisfied() + c.reopened());
        Double substantiated = ratio(c.cluesSubstantiated(), c.cluesDecided());
        Double reopen = ratio(c.reopened(), c.closed() + c.reopened());
        var w = props.weights();
        double sum = 0;
        double weights = 0;
        double[][] parts = {
                {w.onTime(), onTime == null ? -1 : onTime},
                {w.handlingSatisfaction(), handling == null ? -1 : handling},
                {w.evaluationSatisfaction(), evaluationRate == null ? -1 : evaluationRate},
                {w.reopen(), reopen == null ? -1 : 1 - reopen},
                {w.substantiated(), substantiated == null ? -1 : 1 - substantiated}};
        for (double[] p : parts) {
            if (p[1] >= 0) {
                sum += p[0] * p[1];
                weights += p[0];
            }
        }
        double base = weights == 0 ? 100 : 100 * sum / weights;
        double score = Math.max(0, base - Math.min(c.letters() * w.letterPenalty(), w.letterPenaltyCap()));
        return new UnitScore(id, name, c.closed(), c.closedOnTime(), c.openOverdue(), onTime, handling,
                evaluationRate, substantiated, reopen, c.letters(), Math.round(score * 10) / 10.0, 0, null, null);
    }

    /** The formula in the reader's language, with the configured weights. */
    public String formula() {
        var w = props.weights();
        return messages.getMessage("supervision.formula.score", new Object[]{fmt(w.onTime()),
                fmt(w.handlingSatisfaction()), fmt(w.evaluationSatisfaction()), fmt(w.reopen()),
                fmt(w.substantiated()), fmt(w.letterPenalty()), fmt(w.letterPenaltyCap())},
                LocaleContextHolder.getLocale());
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static Double ratio(int num, int den) {
        return den == 0 ? null : (double) num / den;
    }

    /**
     * The months' counters summed; cases still open and overdue are those at the end of the last month, or now when
     * the run reaches the current month.
     */
    private Map<Long, Counts> counts(List<Long> unitIds, YearMonth first, YearMonth last) {
        Map<Long, Counts> out = new HashMap<>();
        if (unitIds.isEmpty()) {
            return out;
        }
        boolean current = !last.isBefore(YearMonth.now(clock));
        Long[] ids = unitIds.toArray(Long[]::new);
        Map<Long, Integer> openNow = new HashMap<>();
        if (current) {
            jdbc.sql("SELECT unit_id, cases FROM unit_open_overdue WHERE unit_id = ANY(?)").param(ids)
                    .query((rs, n) -> openNow.put(rs.getLong(1), rs.getInt(2))).list();
        }
        jdbc.sql("""
                        SELECT unit_id, sum(closed) AS closed, sum(closed_on_time) AS closed_on_time,
                               coalesce(sum(open_overdue_end) FILTER (WHERE month = ?), 0) AS open_overdue_end,
                               sum(satisfied) AS satisfied, sum(reopened) AS reopened,
                               sum(clues_decided) AS clues_decided,
                               sum(clues_substantiated) + sum(clues_partly_substantiated) AS clues_substantiated,
                               sum(letters) AS letters
                        FROM unit_month WHERE month BETWEEN ? AND ? AND unit_id = ANY(?)
                        GROUP BY unit_id""")
                .params(Date.valueOf(last.atDay(1)), Date.valueOf(first.atDay(1)), Date.valueOf(last.atDay(1)), ids)
                .query((rs, n) -> out.put(rs.getLong("unit_id"), new Counts(rs.getInt("closed"),
                        rs.getInt("closed_on_time"), current ? 0 : rs.getInt("open_overdue_end"), rs.getInt("satisfied"),
                        rs.getInt("reopened"), rs.getInt("clues_decided"), rs.getInt("clues_substantiated"),
                        rs.getInt("letters"))))
                .list();
        jdbc.sql("""
                        SELECT unit_id, sum(on_time), sum(overdue) FROM unit_assist_month
                        WHERE month BETWEEN ? AND ? AND unit_id = ANY(?) GROUP BY unit_id""")
                .params(Date.valueOf(first.atDay(1)), Date.valueOf(last.atDay(1)), ids)
                .query((rs, n) -> out.merge(rs.getLong(1), new Counts(0, 0, 0, 0, 0, 0, 0, 0, rs.getInt(2),
                        rs.getInt(3)), Counts::plus))
                .list();
        if (current) {
            openNow.forEach((unit, cases) -> out.merge(unit, new Counts(0, 0, cases, 0, 0, 0, 0, 0), Counts::plus));
        }
        return out;
    }
}
