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
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The batch function of the evaluation writer (V4_30, decision 0042; in one pass since V10_10, decision 0045) inserts a
 * flagged evaluation with its flags and takes its per-source counts before the insert; these are the two things that
 * could go wrong with that order: the flags themselves, and a form that another writer stores at the same moment (a
 * double click landing in both writers' batches), which must be stored once and counted once. Since 0045 the running
 * totals come from the rows the insert returns and the months from a statement trigger, and only keys not inserted
 * are looked up for the answer: the totals and the answer to a retry are checked too.
 */
@FullStackTest
class EvaluationStoreBatchTests {

    private static final String CALL = "SELECT * FROM evaluation_intake_batch(?::uuid[], ?::text[], ?::bigint[],"
            + " ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::bigint[],"
            + " ?::date[], ?::text[], ?::text[], ?::text[], ?, ?, ?, ?::text[], ?::bigint[])";

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;

    record Aim(long target, long unit, Long officer, long city) {
    }

    /** A unit's active code (officers' codes are used by the full-stack tests counting from the other end). */
    private Aim aim(int n) {
        return jdbc.sql("""
                SELECT et.id, et.unit_id, et.officer_id, city_of_path(j.path) FROM evaluation_target et
                JOIN unit u ON u.id = et.unit_id JOIN jurisdiction j ON j.id = u.jurisdiction_id
                WHERE et.active AND et.officer_id IS NULL ORDER BY et.id DESC OFFSET ? LIMIT 1""").param(n)
                .query((rs, i) -> new Aim(rs.getLong(1), rs.getLong(2), (Long) rs.getObject(3), rs.getLong(4)))
                .single();
    }

    /** What the function answers for one form. */
    record Answer(UUID key, long id, String trackingCode, boolean inserted) {
    }

    /** One call for forms from one device and one address; returns the keys the call reports as inserted. */
    private static List<UUID> store(Connection c, Aim aim, List<UUID> keys, String device, String address,
                                    String burst) throws SQLException {
        return call(c, aim, keys, device, address, burst).stream().filter(Answer::inserted).map(Answer::key).toList();
    }

    /** Tracking codes are "T" and the key's first nine characters. */
    private static List<Answer> call(Connection c, Aim aim, List<UUID> keys, String device, String address,
                                     String burst) throws SQLException {
        int n = keys.size();
        try (PreparedStatement ps = c.prepareStatement(CALL)) {
            ps.setArray(1, c.createArrayOf("uuid", keys.toArray()));
            ps.setArray(2, c.createArrayOf("text", keys.stream().map(k -> "T" + k.toString().substring(0, 9)).toArray()));
            ps.setArray(3, c.createArrayOf("bigint", fill(n, aim.target())));
            ps.setArray(4, c.createArrayOf("bigint", fill(n, aim.unit())));
            ps.setArray(5, c.createArrayOf("bigint", fill(n, aim.officer())));
            ps.setArray(6, c.createArrayOf("text", fill(n, "SATISFIED")));
            ps.setArray(7, c.createArrayOf("text", fill(n, "{\"duty\":\"SATISFIED\"}")));
            ps.setArray(8, c.createArrayOf("text", fill(n, null)));
            ps.setArray(9, c.createArrayOf("text", fill(n, null)));
            ps.setArray(10, c.createArrayOf("boolean", fill(n, false)));
            ps.setArray(11, c.createArrayOf("bigint", fill(n, System.currentTimeMillis())));
            ps.setArray(12, c.createArrayOf("date", fill(n, Date.valueOf(LocalDate.now()))));
            ps.setArray(13, c.createArrayOf("text", fill(n, device)));
            ps.setArray(14, c.createArrayOf("text", fill(n, null)));
            ps.setArray(15, c.createArrayOf("text", fill(n, address)));
            ps.setInt(16, 3);
            ps.setInt(17, 3);
            ps.setInt(18, 50);
            ps.setArray(19, c.createArrayOf("text", fill(n, burst)));
            ps.setArray(20, c.createArrayOf("bigint", fill(n, aim.city())));
            List<Answer> answers = new java.util.ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    answers.add(new Answer(rs.getObject(1, UUID.class), rs.getLong(2), rs.getString(3), rs.getBoolean(5)));
                }
            }
            return answers;
        }
    }

    private static Object[] fill(int n, Object value) {
        Object[] a = new Object[n];
        java.util.Arrays.fill(a, value);
        return a;
    }

    private long counted(Aim aim, String kind, String source) {
        return jdbc.sql("SELECT coalesce(sum(count), 0) FROM evaluation_source_day WHERE target_id = ? AND kind = ? AND source = decode(?, 'hex')")
                .params(aim.target(), kind, source).query(Long.class).single();
    }

    @Test
    void the_fourth_form_of_a_device_and_a_burst_are_stored_flagged_with_their_reasons_and_a_retry_is_not_counted() throws Exception {
        Aim aim = aim(0);
        String device = TestSourceKeys.fresh();
        String address = TestSourceKeys.fresh();
        List<UUID> keys = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        List<UUID> bursty = List.of(UUID.randomUUID());
        try (Connection c = dataSource.getConnection()) {
            assertThat(store(c, aim, keys, device, address, null)).containsExactlyInAnyOrderElementsOf(keys);
            assertThat(store(c, aim, bursty, TestSourceKeys.fresh(), TestSourceKeys.fresh(), "R:4>3"))
                    .containsExactlyElementsOf(bursty);
            assertThat(store(c, aim, keys, device, address, null)).as("a retry stores nothing").isEmpty();
        }
        List<String> reasons = jdbc.sql("SELECT coalesce(flag_reason, '-') FROM evaluation WHERE idempotency_key IN (:k)"
                        + " ORDER BY flagged, flag_reason").param("k", keys).query(String.class).list();
        // the keys are ordered by the function (ORDER BY key) within the batch, so which one is fourth is not fixed
        assertThat(reasons).containsExactly("-", "-", "-", "D:4>3");
        assertThat(jdbc.sql("SELECT flagged, flag_reason FROM evaluation WHERE idempotency_key = ?").param(bursty.getFirst())
                .query((rs, i) -> rs.getBoolean(1) + " " + rs.getString(2)).single()).isEqualTo("true R:4>3");
        assertThat(counted(aim, "D", device)).as("counted once, not again for the retry").isEqualTo(4);
        assertThat(counted(aim, "A", address)).isEqualTo(4);
    }

    @Test
    void a_form_stored_by_another_writer_at_the_same_moment_is_stored_once_and_counted_once() throws Exception {
        Aim aim = aim(1);
        String device = TestSourceKeys.fresh();
        String address = TestSourceKeys.fresh();
        UUID key = UUID.randomUUID();
        CompletableFuture<List<UUID>> second;
        try (Connection first = dataSource.getConnection()) {
            first.setAutoCommit(false);
            assertThat(store(first, aim, List.of(key), device, address, null)).containsExactly(key);
            // the other writer's batch with the same form: it waits for this one's commit on the key
            second = CompletableFuture.supplyAsync(() -> {
                try (Connection c = dataSource.getConnection()) {
                    return store(c, aim, List.of(key), device, address, null);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThatThrownBy(() -> second.get(1, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
            first.commit();
        }
        assertThat(second.get(30, TimeUnit.SECONDS)).as("not inserted a second time").isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM evaluation WHERE idempotency_key = ?").param(key).query(Long.class)
                .single()).isEqualTo(1);
        assertThat(counted(aim, "D", device)).as("the second writer's count taken back").isEqualTo(1);
        assertThat(counted(aim, "A", address)).isEqualTo(1);
    }

    @Test
    void the_day_the_month_and_the_rated_aspects_add_up_and_a_retry_is_answered_with_the_first_row() throws Exception {
        Aim aim = aim(2);
        String device = TestSourceKeys.fresh();
        List<UUID> first = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID());
        List<UUID> second = List.of(first.get(2), UUID.randomUUID(), UUID.randomUUID());
        long[] before = totals(aim);
        List<Answer> retried;
        try (Connection c = dataSource.getConnection()) {
            assertThat(store(c, aim, first, device, TestSourceKeys.fresh(), null)).hasSize(5);
            retried = call(c, aim, second, TestSourceKeys.fresh(), TestSourceKeys.fresh(), null);
        }
        long[] after = totals(aim);
        // five forms of one device (the fourth and fifth flagged), then two of another and a retry of the third
        assertThat(new long[]{after[0] - before[0], after[1] - before[1], after[2] - before[2], after[3] - before[3],
                after[4] - before[4], after[5] - before[5]}).as("day: counted, satisfied, flagged; month: the same")
                .containsExactly(5, 5, 2, 5, 5, 2);
        assertThat(after[6] - before[6]).as("the rated aspect, unflagged forms only").isEqualTo(5);
        Answer retry = retried.stream().filter(a -> a.key().equals(first.get(2))).findFirst().orElseThrow();
        assertThat(retry.inserted()).isFalse();
        assertThat(retry.trackingCode()).isEqualTo("T" + first.get(2).toString().substring(0, 9));
        assertThat(retry.id()).isEqualTo(jdbc.sql("SELECT id FROM evaluation WHERE idempotency_key = ?")
                .param(first.get(2)).query(Long.class).single());
        assertThat(retried.stream().filter(Answer::inserted)).hasSize(2);
        assertThat(jdbc.sql("SELECT count(*) FROM evaluation WHERE idempotency_key IN (:k)").param("k", second)
                .query(Long.class).single()).isEqualTo(3);
    }

    /** The unit's day (counted, satisfied, flagged), its month (the same), and the day's "duty" answered satisfied. */
    private long[] totals(Aim aim) {
        LocalDate today = LocalDate.now();
        long[] day = jdbc.sql("""
                SELECT coalesce(sum(evaluations), 0), coalesce(sum(satisfied), 0), coalesce(sum(flagged), 0)
                FROM evaluation_daily WHERE unit_id = ? AND officer_id = 0 AND day = ?""").params(aim.unit(), today)
                .query((rs, i) -> new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3)}).single();
        long[] month = jdbc.sql("""
                SELECT coalesce(sum(evaluations), 0), coalesce(sum(satisfied), 0), coalesce(sum(flagged), 0)
                FROM evaluation_unit_monthly WHERE unit_id = ? AND month = ?""").params(aim.unit(), today.withDayOfMonth(1))
                .query((rs, i) -> new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3)}).single();
        long duty = jdbc.sql("""
                SELECT coalesce(sum(satisfied), 0) FROM evaluation_dimension_daily
                WHERE unit_id = ? AND officer_id = 0 AND day = ? AND dimension = 'duty'""").params(aim.unit(), today)
                .query(Long.class).single();
        return new long[]{day[0], day[1], day[2], month[0], month[1], month[2], duty};
    }
}
