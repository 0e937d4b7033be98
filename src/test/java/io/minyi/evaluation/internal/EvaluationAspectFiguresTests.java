package io.minyi.evaluation.internal;

import io.minyi.evaluation.internal.EvaluationRecords.DimensionFigures;
import io.minyi.support.FullStackTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-aspect figures the staff pages read ({@link EvaluationRecords#dimensions}) are, for every aspect, the
 * answers of the stored forms that are not flagged — computed here straight from the stored evaluations and compared,
 * for a unit's code and an officer's, after three calls of the writer's function (the first of the day, one added to
 * it with a retry among its forms, flagged forms in both), on a day of its own so that no other test's forms count.
 * Decision 0054 measured keeping them in the daily row instead (not adopted); this is the figure such a change must
 * leave as it is.
 */
@FullStackTest
class EvaluationAspectFiguresTests {

    private static final String CALL = "SELECT * FROM evaluation_intake_batch(?::uuid[], ?::text[], ?::bigint[],"
            + " ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::bigint[],"
            + " ?::date[], ?::text[], ?::text[], ?::text[], ?, ?, ?, ?::text[], ?::bigint[], ?)";

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EvaluationRecords records;

    record Aim(long target, long unit, Long officer, long city) {
    }

    /** One resident's form: its key, its device and its answers (JSON, as the writer passes them). */
    record Form(UUID key, String device, String ratings) {
        static Form of(String device, String ratings) {
            return new Form(UUID.randomUUID(), device, ratings);
        }
    }

    private Aim aim(boolean officer, int n) {
        return jdbc.sql("""
                SELECT et.id, et.unit_id, et.officer_id, city_of_path(j.path) FROM evaluation_target et
                JOIN unit u ON u.id = et.unit_id JOIN jurisdiction j ON j.id = u.jurisdiction_id
                WHERE et.active AND (et.officer_id IS NOT NULL) = ? ORDER BY et.id OFFSET ? LIMIT 1""")
                .params(officer, n)
                .query((rs, i) -> new Aim(rs.getLong(1), rs.getLong(2), (Long) rs.getObject(3), rs.getLong(4)))
                .single();
    }

    @Test
    void the_aspects_read_from_the_daily_rows_are_the_answers_of_every_stored_unflagged_form() throws Exception {
        // a day no other test writes to (the batch takes the day as a parameter)
        LocalDate day = LocalDate.of(2001, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(365));
        Aim unit = aim(false, 3);
        Aim officer = aim(true, 5);
        String stuffer = TestSourceKeys.fresh();
        String unitForm = "{\"duty\":\"SATISFIED\",\"service\":\"DISSATISFIED\",\"team\":\"BASICALLY_SATISFIED\"}";
        List<Form> first = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            first.add(Form.of(stuffer, unitForm)); // the fourth and fifth of one device are flagged (limit 3)
        }
        List<Form> second = List.of(first.get(1), // a retry: answered with the first row, not counted again
                Form.of(TestSourceKeys.fresh(), "{\"duty\":\"DISSATISFIED\",\"service\":\"SATISFIED\"}"),
                Form.of(TestSourceKeys.fresh(), "{\"duty\":\"SATISFIED\",\"team\":\"SATISFIED\"}"),
                Form.of(stuffer, unitForm)); // the sixth of the device: flagged
        List<Form> officers = List.of(
                Form.of(TestSourceKeys.fresh(), "{\"lawful\":\"SATISFIED\",\"conduct\":\"BASICALLY_SATISFIED\"}"),
                Form.of(TestSourceKeys.fresh(), "{\"lawful\":\"DISSATISFIED\",\"integrity\":\"SATISFIED\"}"));
        try (Connection c = dataSource.getConnection()) {
            call(c, unit, day, first, 0);
            call(c, unit, day, second, 1);
            call(c, officer, day, officers, 0);
        }

        List<DimensionFigures> unitAspects = records.dimensions(unit.unit(), 0, day, day);
        assertThat(unitAspects).isEqualTo(fromTheRows(unit, day));
        assertThat(unitAspects).as("three unflagged forms of the first batch, two of the second").containsExactly(
                new DimensionFigures("duty", 4, 0, 1),
                new DimensionFigures("service", 1, 0, 3),
                new DimensionFigures("team", 1, 3, 0));
        List<DimensionFigures> officerAspects = records.dimensions(0, officer.officer(), day, day);
        assertThat(officerAspects).isEqualTo(fromTheRows(officer, day));
        assertThat(officerAspects).containsExactly(
                new DimensionFigures("conduct", 0, 1, 0),
                new DimensionFigures("integrity", 1, 0, 0),
                new DimensionFigures("lawful", 1, 0, 1));
        // the counts beside them are the day's as before, and the month's the sum of its days
        assertThat(jdbc.sql("SELECT evaluations, flagged FROM evaluation_daily WHERE unit_id = ? AND officer_id = 0"
                        + " AND day = ?").params(unit.unit(), day)
                .query((rs, i) -> List.of(rs.getLong(1), rs.getLong(2))).single()).containsExactly(5L, 3L);
        assertThat(jdbc.sql("SELECT sum(evaluations), sum(flagged) FROM evaluation_unit_monthly WHERE unit_id = ?"
                        + " AND month = ?").params(unit.unit(), day.withDayOfMonth(1))
                .query((rs, i) -> List.of(rs.getLong(1), rs.getLong(2))).single())
                .isEqualTo(jdbc.sql("SELECT sum(evaluations), sum(flagged) FROM evaluation_daily WHERE unit_id = ?"
                                + " AND day BETWEEN ? AND ?").params(unit.unit(), day.withDayOfMonth(1),
                                day.withDayOfMonth(day.lengthOfMonth()))
                        .query((rs, i) -> List.of(rs.getLong(1), rs.getLong(2))).single());
    }

    /** What the per-aspect rows held before 0054: the stored forms' answers, flagged forms left out. */
    private List<DimensionFigures> fromTheRows(Aim aim, LocalDate day) {
        return jdbc.sql("""
                SELECT r.key, count(*) FILTER (WHERE r.value = 'SATISFIED'),
                       count(*) FILTER (WHERE r.value = 'BASICALLY_SATISFIED'),
                       count(*) FILTER (WHERE r.value = 'DISSATISFIED')
                FROM evaluation e, jsonb_each_text(e.ratings) AS r(key, value)
                WHERE e.target_id = ? AND e.day = ? AND NOT e.flagged GROUP BY r.key ORDER BY r.key""")
                .params(aim.target(), day)
                .query((rs, i) -> new DimensionFigures(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .list();
    }

    /** One call of the writer's function (with its stripe), all forms from one address, device limit 3. */
    private static void call(Connection c, Aim aim, LocalDate day, List<Form> forms, int stripe) throws SQLException {
        int n = forms.size();
        try (PreparedStatement ps = c.prepareStatement(CALL)) {
            ps.setArray(1, c.createArrayOf("uuid", forms.stream().map(Form::key).toArray()));
            ps.setArray(2, c.createArrayOf("text", forms.stream().map(f -> "A" + f.key().toString().substring(0, 12)).toArray()));
            ps.setArray(3, c.createArrayOf("bigint", fill(n, aim.target())));
            ps.setArray(4, c.createArrayOf("bigint", fill(n, aim.unit())));
            ps.setArray(5, c.createArrayOf("bigint", fill(n, aim.officer())));
            ps.setArray(6, c.createArrayOf("text", fill(n, "SATISFIED")));
            ps.setArray(7, c.createArrayOf("text", forms.stream().map(Form::ratings).toArray()));
            ps.setArray(8, c.createArrayOf("text", fill(n, null)));
            ps.setArray(9, c.createArrayOf("text", fill(n, null)));
            ps.setArray(10, c.createArrayOf("boolean", fill(n, false)));
            ps.setArray(11, c.createArrayOf("bigint", fill(n, day.toEpochDay() * 86_400_000L)));
            ps.setArray(12, c.createArrayOf("date", fill(n, Date.valueOf(day))));
            ps.setArray(13, c.createArrayOf("text", forms.stream().map(Form::device).toArray()));
            ps.setArray(14, c.createArrayOf("text", fill(n, null)));
            ps.setArray(15, c.createArrayOf("text", fill(n, TestSourceKeys.fresh())));
            ps.setInt(16, 3);
            ps.setInt(17, 3);
            ps.setInt(18, 50);
            ps.setArray(19, c.createArrayOf("text", fill(n, null)));
            ps.setArray(20, c.createArrayOf("bigint", fill(n, aim.city())));
            ps.setInt(21, stripe);
            try (ResultSet rs = ps.executeQuery()) {
                int answers = 0;
                while (rs.next()) {
                    answers++;
                }
                assertThat(answers).isEqualTo(n);
            }
        }
    }

    private static Object[] fill(int n, Object value) {
        Object[] a = new Object[n];
        java.util.Arrays.fill(a, value);
        return a;
    }
}
