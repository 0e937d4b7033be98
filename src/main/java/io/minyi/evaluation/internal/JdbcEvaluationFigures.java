package io.minyi.evaluation.internal;

import io.minyi.platform.PlannedPerCall;
import io.minyi.evaluation.EvaluationFigures;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;

/**
 * Reads the running totals, never the evaluations themselves: one row per target and day, and for whole months of a
 * jurisdiction or unit the per-unit monthly totals (kept by a trigger, V4_3), so a year of a city stays a few
 * hundred rows plus the partial months at either end.
 */
@Component
@RequiredArgsConstructor
class JdbcEvaluationFigures implements EvaluationFigures {

    private static final String SUMS = """
            coalesce(sum(d.evaluations), 0) AS evaluations, coalesce(sum(d.satisfied), 0) AS satisfied,
            coalesce(sum(d.basically_satisfied), 0) AS basically, coalesce(sum(d.dissatisfied), 0) AS dissatisfied,
            coalesce(sum(d.flagged), 0) AS flagged, coalesce(sum(d.clues), 0) AS clues
            """;

    static final RowMapper<Satisfaction> SATISFACTION = (rs, n) -> new Satisfaction(rs.getLong("evaluations"),
            rs.getLong("satisfied"), rs.getLong("basically"), rs.getLong("dissatisfied"), rs.getLong("flagged"),
            rs.getLong("clues"));

    /** Planned per call: the scope and the period decide the best plan (decision 0069). */
    private final PlannedPerCall reads;
    private final EvaluationRecords records;
    private final EvaluationProperties properties;

    @Override
    public List<DimensionSatisfaction> byDimensionForOfficer(long officerId, LocalDate from, LocalDate to) {
        java.util.Map<String, String> labels = new java.util.HashMap<>();
        properties.dimensionsFor(true).forEach(d -> labels.put(d.key(), d.label()));
        return records.dimensions(0, officerId, from, to).stream()
                .map(d -> new DimensionSatisfaction(d.dimension(), labels.getOrDefault(d.dimension(), d.dimension()),
                        d.satisfied(), d.basicallySatisfied(), d.dissatisfied()))
                .toList();
    }

    /** The unit's own code only; its officers are counted under {@link #forOfficer}. */
    @Override
    public Satisfaction forUnit(long unitId, LocalDate from, LocalDate to) {
        return reads.jdbc().sql("SELECT " + SUMS + " FROM evaluation_daily d WHERE d.unit_id = ? AND d.officer_id = 0 AND d.day BETWEEN ? AND ?")
                .params(unitId, from, to).query(SATISFACTION).single();
    }

    @Override
    public Satisfaction forOfficer(long officerId, LocalDate from, LocalDate to) {
        return reads.jdbc().sql("SELECT " + SUMS + " FROM evaluation_daily d WHERE d." + EvaluationRecords.OFFICERS_UNITS
                        + " AND d.officer_id = ? AND d.day BETWEEN ? AND ?")
                .params(officerId, officerId, from, to).query(SATISFACTION).single();
    }

    @Override
    public Satisfaction forJurisdiction(String jurisdictionPath, LocalDate from, LocalDate to) {
        Span span = Span.of(from, to);
        return reads.jdbc().sql("SELECT " + SUMS + " FROM (" + span.sql() + """
                        ) d JOIN org_unit u ON u.id = d.unit_id JOIN org_jurisdiction j ON j.id = u.jurisdiction_id
                        WHERE j.path LIKE ?""")
                .params(span.params(jurisdictionPath + "%")).query(SATISFACTION).single();
    }

    @Override
    public List<DailySatisfaction> daily(String jurisdictionPath, LocalDate from, LocalDate to) {
        return reads.jdbc().sql("SELECT d.day, " + SUMS + """
                         FROM evaluation_daily d JOIN org_unit u ON u.id = d.unit_id JOIN org_jurisdiction j ON j.id = u.jurisdiction_id
                        WHERE j.path LIKE ? AND d.day BETWEEN ? AND ? GROUP BY d.day ORDER BY d.day""")
                .params(jurisdictionPath + "%", from, to)
                .query((rs, n) -> new DailySatisfaction(rs.getObject("day", LocalDate.class), SATISFACTION.mapRow(rs, n)))
                .list();
    }

    /** Every active unit under the path, with all evaluations of the unit and of its officers. */
    @Override
    public List<UnitSatisfaction> byUnit(String jurisdictionPath, LocalDate from, LocalDate to) {
        Span span = Span.of(from, to);
        List<Object> params = new java.util.ArrayList<>(span.params());
        params.add(jurisdictionPath + "%");
        return reads.jdbc().sql("SELECT u.id, u.name, " + SUMS + """
                         FROM org_unit u JOIN org_jurisdiction j ON j.id = u.jurisdiction_id
                        LEFT JOIN (""" + span.sql() + """
                        ) d ON d.unit_id = u.id
                        WHERE u.active AND j.path LIKE ? GROUP BY u.id, u.name, j.path, u.code ORDER BY j.path, u.code""")
                .params(params)
                .query((rs, n) -> new UnitSatisfaction(rs.getLong("id"), rs.getString("name"), SATISFACTION.mapRow(rs, n)))
                .list();
    }

    /**
     * A date range cut into whole months (read from the monthly totals) and the days before and after them (read
     * from the daily ones). With no whole month inside, the monthly part selects nothing.
     */
    record Span(LocalDate from, LocalDate to, LocalDate firstMonth, LocalDate lastMonth) {

        static Span of(LocalDate from, LocalDate to) {
            LocalDate firstWhole = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
            LocalDate lastWholeEnd = to.getDayOfMonth() == to.lengthOfMonth() ? to : to.withDayOfMonth(1).minusDays(1);
            if (firstWhole.isAfter(lastWholeEnd)) {
                return new Span(from, to, null, null);
            }
            return new Span(from, to, firstWhole, lastWholeEnd.withDayOfMonth(1));
        }

        String sql() {
            return """
                    SELECT unit_id, evaluations, satisfied, basically_satisfied, dissatisfied, flagged, clues
                      FROM evaluation_unit_monthly WHERE month BETWEEN ? AND ?
                    UNION ALL
                    SELECT unit_id, evaluations, satisfied, basically_satisfied, dissatisfied, flagged, clues
                      FROM evaluation_daily WHERE day BETWEEN ? AND ? OR day BETWEEN ? AND ?""";
        }

        /** The parameters of {@link #sql()}, then any that follow it. */
        List<Object> params(Object... after) {
            List<Object> p = new java.util.ArrayList<>();
            if (firstMonth == null) {
                // no whole month: an empty monthly range, the days from..to, and an empty second day range
                p.addAll(List.of(to.plusDays(1), to, from, to, to.plusDays(1), to));
            } else {
                LocalDate lastWholeEnd = lastMonth.withDayOfMonth(lastMonth.lengthOfMonth());
                p.addAll(List.of(firstMonth, lastMonth, from, firstMonth.minusDays(1), lastWholeEnd.plusDays(1), to));
            }
            p.addAll(List.of(after));
            return p;
        }
    }
}
