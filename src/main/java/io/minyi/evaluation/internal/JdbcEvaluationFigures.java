package io.minyi.evaluation.internal;

import io.minyi.evaluation.EvaluationFigures;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;

/** Reads the running totals (one row per target and day), never the evaluations themselves. */
@Component
class JdbcEvaluationFigures implements EvaluationFigures {

    private static final String SUMS = """
            coalesce(sum(d.evaluations), 0) AS evaluations, coalesce(sum(d.satisfied), 0) AS satisfied,
            coalesce(sum(d.basically_satisfied), 0) AS basically, coalesce(sum(d.dissatisfied), 0) AS dissatisfied,
            coalesce(sum(d.flagged), 0) AS flagged, coalesce(sum(d.clues), 0) AS clues
            """;

    static final RowMapper<Satisfaction> SATISFACTION = (rs, n) -> new Satisfaction(rs.getLong("evaluations"),
            rs.getLong("satisfied"), rs.getLong("basically"), rs.getLong("dissatisfied"), rs.getLong("flagged"),
            rs.getLong("clues"));

    private final JdbcClient jdbc;

    JdbcEvaluationFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The unit's own code only; its officers are counted under {@link #forOfficer}. */
    @Override
    public Satisfaction forUnit(long unitId, LocalDate from, LocalDate to) {
        return jdbc.sql("SELECT " + SUMS + " FROM evaluation_daily d WHERE d.unit_id = ? AND d.officer_id = 0 AND d.day BETWEEN ? AND ?")
                .params(unitId, from, to).query(SATISFACTION).single();
    }

    @Override
    public Satisfaction forOfficer(long officerId, LocalDate from, LocalDate to) {
        return jdbc.sql("SELECT " + SUMS + " FROM evaluation_daily d WHERE d.officer_id = ? AND d.day BETWEEN ? AND ?")
                .params(officerId, from, to).query(SATISFACTION).single();
    }

    @Override
    public Satisfaction forJurisdiction(String jurisdictionPath, LocalDate from, LocalDate to) {
        return jdbc.sql("SELECT " + SUMS + """
                         FROM evaluation_daily d JOIN unit u ON u.id = d.unit_id JOIN jurisdiction j ON j.id = u.jurisdiction_id
                        WHERE j.path LIKE ? AND d.day BETWEEN ? AND ?""")
                .params(jurisdictionPath + "%", from, to).query(SATISFACTION).single();
    }

    @Override
    public List<DailySatisfaction> daily(String jurisdictionPath, LocalDate from, LocalDate to) {
        return jdbc.sql("SELECT d.day, " + SUMS + """
                         FROM evaluation_daily d JOIN unit u ON u.id = d.unit_id JOIN jurisdiction j ON j.id = u.jurisdiction_id
                        WHERE j.path LIKE ? AND d.day BETWEEN ? AND ? GROUP BY d.day ORDER BY d.day""")
                .params(jurisdictionPath + "%", from, to)
                .query((rs, n) -> new DailySatisfaction(rs.getObject("day", LocalDate.class), SATISFACTION.mapRow(rs, n)))
                .list();
    }

    /** Every active unit under the path, with all evaluations of the unit and of its officers. */
    @Override
    public List<UnitSatisfaction> byUnit(String jurisdictionPath, LocalDate from, LocalDate to) {
        return jdbc.sql("SELECT u.id, u.name, " + SUMS + """
                         FROM unit u JOIN jurisdiction j ON j.id = u.jurisdiction_id
                        LEFT JOIN evaluation_daily d ON d.unit_id = u.id AND d.day BETWEEN ? AND ?
                        WHERE u.active AND j.path LIKE ? GROUP BY u.id, u.name, j.path, u.code ORDER BY j.path, u.code""")
                .params(from, to, jurisdictionPath + "%")
                .query((rs, n) -> new UnitSatisfaction(rs.getLong("id"), rs.getString("name"), SATISFACTION.mapRow(rs, n)))
                .list();
    }
}
