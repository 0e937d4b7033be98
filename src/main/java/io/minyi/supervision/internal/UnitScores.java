package io.minyi.supervision.internal;

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
import java.util.List;
import java.util.Map;

/**
 * 考评: unit and county scores for a month from the month counters (never from the cases). On-time rate is
 * closed-on-time ÷ (closed + still-open-and-overdue), so a unit cannot look punctual by leaving late work open.
 */
@Service
@Transactional(readOnly = true)
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

    UnitScores(JdbcClient jdbc, OrgDirectory org, ObjectProvider<EvaluationFigures> evaluation,
               SupervisionProperties props, Clock clock) {
        this.jdbc = jdbc;
        this.org = org;
        this.evaluation = evaluation;
        this.props = props;
        this.clock = clock;
    }

    public boolean evaluationAvailable() {
        return evaluation.getIfAvailable() != null;
    }

    public List<UnitScore> unitRanking(String path, YearMonth month) {
        List<UnitRef> units = org.unitsWithin(path);
        List<UnitScore> now = rankUnits(units, path, month);
        Map<Long, UnitScore> before = index(rankUnits(units, path, month.minusMonths(1)));
        return withPrevious(now, before);
    }

    public List<UnitScore> countyRanking(YearMonth month) {
        List<JurisdictionRef> counties = org.children(org.root().id());
        List<UnitScore> now = rankCounties(counties, month);
        return withPrevious(now, index(rankCounties(counties, month.minusMonths(1))));
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

    private List<UnitScore> rankUnits(List<UnitRef> units, String path, YearMonth month) {
        Map<Long, Counts> counts = counts(units.stream().map(UnitRef::id).toList(), month);
        Map<Long, Double> eval = new HashMap<>();
        EvaluationFigures figures = evaluation.getIfAvailable();
        if (figures != null) {
            for (var u : figures.byUnit(path, month.atDay(1), month.atEndOfMonth())) {
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

    private List<UnitScore> rankCounties(List<JurisdictionRef> counties, YearMonth month) {
        EvaluationFigures figures = evaluation.getIfAvailable();
        List<UnitScore> scored = new ArrayList<>();
        for (JurisdictionRef county : counties) {
            List<UnitRef> units = org.unitsWithin(county.path());
            Counts pooled = counts(units.stream().map(UnitRef::id).toList(), month).values().stream()
                    .reduce(Counts.ZERO, Counts::plus);
            Double e = null;
            if (figures != null) {
                var s = figures.forJurisdiction(county.path(), month.atDay(1), month.atEndOfMonth());
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

    public String formula() {
        var w = props.weights();
        return "得分 = 100 × (" + fmt(w.onTime()) + "×按期办结率 + " + fmt(w.handlingSatisfaction()) + "×群众回评满意率 + "
                + fmt(w.evaluationSatisfaction()) + "×评议满意率 + " + fmt(w.reopen()) + "×(1−重办率) + "
                + fmt(w.substantiated()) + "×(1−线索查实率)) ÷ 可计算指标权重之和 − min(" + fmt(w.letterPenalty())
                + "×收函数, " + fmt(w.letterPenaltyCap()) + ")；按期办结率 = (按期办结 + 按期协办) ÷ (办结 + 超期未办结 + 按期协办 + 超期协办)";
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static Double ratio(int num, int den) {
        return den == 0 ? null : (double) num / den;
    }

    private Map<Long, Counts> counts(List<Long> unitIds, YearMonth month) {
        Map<Long, Counts> out = new HashMap<>();
        if (unitIds.isEmpty()) {
            return out;
        }
        boolean current = !month.isBefore(YearMonth.now(clock));
        Long[] ids = unitIds.toArray(Long[]::new);
        Map<Long, Integer> openNow = new HashMap<>();
        if (current) {
            jdbc.sql("SELECT unit_id, cases FROM unit_open_overdue WHERE unit_id = ANY(?)").param(ids)
                    .query((rs, n) -> openNow.put(rs.getLong(1), rs.getInt(2))).list();
        }
        jdbc.sql("SELECT * FROM unit_month WHERE month = ? AND unit_id = ANY(?)")
                .params(Date.valueOf(month.atDay(1)), ids)
                .query((rs, n) -> out.put(rs.getLong("unit_id"), new Counts(rs.getInt("closed"),
                        rs.getInt("closed_on_time"), current ? 0 : rs.getInt("open_overdue_end"), rs.getInt("satisfied"),
                        rs.getInt("reopened"), rs.getInt("clues_decided"),
                        rs.getInt("clues_substantiated") + rs.getInt("clues_partly_substantiated"),
                        rs.getInt("letters"))))
                .list();
        jdbc.sql("SELECT unit_id, on_time, overdue FROM unit_assist_month WHERE month = ? AND unit_id = ANY(?)")
                .params(Date.valueOf(month.atDay(1)), ids)
                .query((rs, n) -> out.merge(rs.getLong(1), new Counts(0, 0, 0, 0, 0, 0, 0, 0, rs.getInt(2),
                        rs.getInt(3)), Counts::plus))
                .list();
        if (current) {
            openNow.forEach((unit, cases) -> out.merge(unit, new Counts(0, 0, cases, 0, 0, 0, 0, 0), Counts::plus));
        }
        return out;
    }
}
