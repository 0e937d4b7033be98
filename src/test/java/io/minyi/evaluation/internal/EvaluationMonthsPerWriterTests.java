package io.minyi.evaluation.internal;

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
import java.sql.Statement;
import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each writer adds to its own row of a unit's month (V10_11, decision 0049): a batch of one writer does not wait for
 * the other writer's open transaction on the same unit's month, the month still adds up to the unit's days, and the
 * writer's number does not stay on the connection after its transaction.
 */
@FullStackTest
class EvaluationMonthsPerWriterTests {

    private static final String CALL = "SELECT count(*) FROM evaluation_intake_batch(?::uuid[], ?::text[], ?::bigint[],"
            + " ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::bigint[],"
            + " ?::date[], ?::text[], ?::text[], ?::text[], ?, ?, ?, ?::text[], ?::bigint[], ?)";

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;

    record Aim(long target, long unit, Long officer, long city) {
    }

    /**
     * Two codes of one unit: its own and one of its officers' (their day rows differ, their unit's month is the same
     * row), a little way from the end of the list the other batch tests take theirs from.
     */
    private Aim[] aims() {
        return jdbc.sql("""
                SELECT ut.id, ut.unit_id, city_of_path(j.path), ot.id, ot.officer_id FROM evaluation_target ut
                JOIN evaluation_target ot ON ot.unit_id = ut.unit_id AND ot.active AND ot.officer_id IS NOT NULL
                JOIN unit u ON u.id = ut.unit_id JOIN jurisdiction j ON j.id = u.jurisdiction_id
                WHERE ut.active AND ut.officer_id IS NULL ORDER BY ut.id DESC, ot.id OFFSET 7 LIMIT 1""")
                .query((rs, i) -> new Aim[]{new Aim(rs.getLong(1), rs.getLong(2), null, rs.getLong(3)),
                        new Aim(rs.getLong(4), rs.getLong(2), rs.getLong(5), rs.getLong(3))}).single();
    }

    private Aim aim() {
        return aims()[0];
    }

    /** One fresh satisfied form for the aim, stored by the writer numbered {@code stripe}. */
    private static void store(Connection c, Aim aim, int stripe) throws SQLException {
        UUID key = UUID.randomUUID();
        try (PreparedStatement ps = c.prepareStatement(CALL)) {
            ps.setArray(1, c.createArrayOf("uuid", new Object[]{key}));
            ps.setArray(2, c.createArrayOf("text", new Object[]{"W" + key.toString().substring(0, 9)}));
            ps.setArray(3, c.createArrayOf("bigint", new Object[]{aim.target()}));
            ps.setArray(4, c.createArrayOf("bigint", new Object[]{aim.unit()}));
            ps.setArray(5, c.createArrayOf("bigint", new Object[]{aim.officer()}));
            ps.setArray(6, c.createArrayOf("text", new Object[]{"SATISFIED"}));
            ps.setArray(7, c.createArrayOf("text", new Object[]{"{\"duty\":\"SATISFIED\"}"}));
            ps.setArray(8, c.createArrayOf("text", new Object[]{null}));
            ps.setArray(9, c.createArrayOf("text", new Object[]{null}));
            ps.setArray(10, c.createArrayOf("boolean", new Object[]{false}));
            ps.setArray(11, c.createArrayOf("bigint", new Object[]{System.currentTimeMillis()}));
            ps.setArray(12, c.createArrayOf("date", new Object[]{Date.valueOf(LocalDate.now())}));
            ps.setArray(13, c.createArrayOf("text", new Object[]{TestSourceKeys.of("months-" + key)}));
            ps.setArray(14, c.createArrayOf("text", new Object[]{null}));
            ps.setArray(15, c.createArrayOf("text", new Object[]{TestSourceKeys.of("months-" + key)}));
            ps.setInt(16, 3);
            ps.setInt(17, 3);
            ps.setInt(18, 50);
            ps.setArray(19, c.createArrayOf("text", new Object[]{null}));
            ps.setArray(20, c.createArrayOf("bigint", new Object[]{aim.city()}));
            ps.setInt(21, stripe);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1);
            }
        }
    }

    private static void lockTimeout(Connection c, String timeout) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET lock_timeout = '" + timeout + "'");
        }
    }

    private long month(Aim aim) {
        return jdbc.sql("SELECT coalesce(sum(evaluations), 0) FROM evaluation_unit_monthly WHERE unit_id = ? AND month = ?")
                .params(aim.unit(), LocalDate.now().withDayOfMonth(1)).query(Long.class).single();
    }

    private long days(Aim aim) {
        LocalDate first = LocalDate.now().withDayOfMonth(1);
        return jdbc.sql("SELECT coalesce(sum(evaluations), 0) FROM evaluation_daily WHERE unit_id = ? AND day BETWEEN ? AND ?")
                .params(aim.unit(), first, first.plusMonths(1).minusDays(1)).query(Long.class).single();
    }

    @Test
    void the_other_writers_batch_on_the_same_units_month_does_not_wait_and_the_month_adds_up() throws Exception {
        Aim[] aims = aims();
        Aim aim = aims[0];
        long before = month(aim);
        try (Connection first = dataSource.getConnection(); Connection second = dataSource.getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            lockTimeout(second, "2s");
            store(first, aims[0], 0);  // open: holds its row of the unit's month until it commits
            store(second, aims[1], 1); // the other writer's row: no wait, else the lock timeout fails it
            second.commit();
            first.commit();
        }
        assertThat(month(aim)).isEqualTo(before + 2).isEqualTo(days(aim));
        assertThat(jdbc.sql("SELECT count(DISTINCT stripe) FROM evaluation_unit_monthly WHERE unit_id = ? AND month = ?")
                .params(aim.unit(), LocalDate.now().withDayOfMonth(1)).query(Long.class).single()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void two_batches_of_the_same_writer_still_take_turns_on_the_month_row() throws Exception {
        Aim[] aims = aims();
        Aim aim = aims[0];
        try (Connection first = dataSource.getConnection(); Connection second = dataSource.getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            lockTimeout(second, "300ms");
            store(first, aims[0], 1);
            // the one row both add to: the second waits for the first's commit (here: gives up after 300 ms)
            assertThatThrownBy(() -> store(second, aims[1], 1)).hasMessageContaining("lock timeout");
            second.rollback();
            first.commit();
        }
        assertThat(month(aim)).isEqualTo(days(aim));
    }

    @Test
    void the_writers_number_ends_with_its_transaction() throws Exception {
        Aim aim = aim();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            store(c, aim, 1);
            c.commit();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT current_setting('minyi.evaluation_stripe', true)")) {
                rs.next();
                assertThat(rs.getString(1)).isNullOrEmpty();
            }
            c.setAutoCommit(true);
        }
        // a correction by hand after it (no writer's number) lands in row 0 and the month follows the days
        jdbc.sql("UPDATE evaluation_daily SET evaluations = evaluations + 1 WHERE unit_id = ? AND officer_id = 0 AND day = ?")
                .params(aim.unit(), LocalDate.now()).update();
        assertThat(month(aim)).isEqualTo(days(aim));
        jdbc.sql("UPDATE evaluation_daily SET evaluations = evaluations - 1 WHERE unit_id = ? AND officer_id = 0 AND day = ?")
                .params(aim.unit(), LocalDate.now()).update();
    }
}
