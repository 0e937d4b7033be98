package io.minyi.platform;

import io.minyi.casework.CaseEvents.CaseReceived;
import io.minyi.casework.CaseType;
import io.minyi.supervision.EventFixture;
import io.minyi.supervision.SupervisionTestContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalApplicationListener;
import org.springframework.transaction.event.TransactionalApplicationListenerMethodAdapter;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static io.minyi.supervision.EventFixture.received;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, decision 0053: a listener's publication is completed in the listener's own transaction, so its work and
 * its completion commit together. Reporting's roll-ups add one per run of the listener: had the work committed and
 * the completion been lost (a crash between two commits), the replay would have counted the case twice. Here a
 * listener's connection is killed in the middle of its work; nothing of it stays, its publication stays open, and
 * the replay counts the case exactly once.
 */
@SupervisionTestContext
class CompletionWithTheListenerTests {

    private static final String ROLLUP_LISTENER = "io.minyi.reporting.internal.RollupProjection.on(%CaseReceived)";
    private static final String PROJECTION_LISTENER = "io.minyi.supervision.internal.CaseProjection.on(%CaseReceived)";

    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate tx;
    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;
    @Autowired IncompleteEventPublications incomplete;
    @Autowired EventSerializer serializer;
    @Autowired AbstractApplicationContext context;

    @Test
    void the_completion_commits_in_the_transaction_of_the_listeners_work() {
        long village = village();
        long caseId = 7_953_001L;
        fixture().publish(received(caseId, CaseType.PETITION, village, null, null, null, "随监听完成甲",
                at(LocalDate.of(2031, 7, 1))));
        assertThat(completedIn(ROLLUP_LISTENER, caseId)).isEqualTo(writtenIn("report_case", caseId));
        assertThat(completedIn(PROJECTION_LISTENER, caseId)).isEqualTo(writtenIn("supervised_case", caseId));
    }

    @Test
    void a_listener_killed_in_its_work_leaves_nothing_and_is_run_again_once() throws Exception {
        long village = village();
        long caseId = 7_953_011L;
        LocalDate day = LocalDate.of(2031, 7, 2);
        CaseReceived event = received(caseId, CaseType.PETITION, village, null, null, null, "随监听完成乙", at(day));
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            try (PreparedStatement s = blocker.prepareStatement("""
                    INSERT INTO report_case (case_id, type, category, jurisdiction_id, jurisdiction_path, received_day)
                    SELECT ?, 'PETITION', '随监听完成乙', id, path, ? FROM jurisdiction WHERE id = ?""")) {
                s.setLong(1, caseId);
                s.setDate(2, Date.valueOf(day));
                s.setLong(3, village);
                s.executeUpdate();
            }
            tx.executeWithoutResult(s -> events.publishEvent(event));
            fixture().killTheReportingWriterWaitingFor(blocker);
            blocker.rollback();
        }
        awaitNoWorkOnTheCase(caseId);
        // drained in batches (decision 0055), the roll-up's publication is taken again by its drain at once; run by
        // Modulith, it stays open until it is resubmitted — the work of the killed run, in either case, is gone
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM report_case WHERE case_id = ? AND EXISTS (SELECT 1 FROM event_publication
                            WHERE completion_date IS NULL AND listener_id LIKE ? AND serialized_event LIKE ?)""")
                .params(caseId, ROLLUP_LISTENER, "%\"caseId\":" + caseId + ",%").query(Long.class).single())
                .as("work of the killed run beside its open publication").isZero();
        incomplete.resubmitIncompletePublications(p -> p.getEvent() instanceof CaseReceived r && r.caseId() == caseId);
        fixture().awaitListeners();

        assertThat(openPublications(caseId)).isZero();
        assertThat(jdbc.sql("SELECT coalesce(sum(received), 0) FROM case_rollup_daily WHERE jurisdiction_id = ? "
                        + "AND day = ? AND category = '随监听完成乙'").params(village, Date.valueOf(day))
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(completedIn(ROLLUP_LISTENER, caseId)).isEqualTo(writtenIn("report_case", caseId));
    }

    @Test
    void an_event_is_written_once_for_all_its_listeners() {
        CaseReceived e = received(7_953_021L, CaseType.PETITION, 1, null, null, null, "随监听完成丙", Instant.now());
        Object first = serializer.serialize(e);
        assertThat(serializer.serialize(e)).isSameAs(first);
        CaseReceived equal = received(7_953_021L, CaseType.PETITION, 1, null, null, null, "随监听完成丙", e.at());
        assertThat(serializer.serialize(equal)).isNotSameAs(first).isEqualTo(first);
    }

    /**
     * The registry recognises a listener's own transaction by the listener's id, which must then be its method's name
     * and parameter types (Spring's default). A listener given another id would have its completion written in a
     * transaction of its own, which — that transaction now being inside the listener's — would commit before the
     * listener's work.
     */
    @Test
    void every_listener_after_a_commit_is_known_by_its_methods_name() {
        var target = ReflectionUtils.findMethod(TransactionalApplicationListenerMethodAdapter.class, "getTargetMethod");
        ReflectionUtils.makeAccessible(target);
        List<TransactionalApplicationListenerMethodAdapter> listeners = context.getApplicationListeners().stream()
                .filter(TransactionalApplicationListenerMethodAdapter.class::isInstance)
                .map(TransactionalApplicationListenerMethodAdapter.class::cast)
                .filter(l -> l.getTransactionPhase() == TransactionPhase.AFTER_COMMIT).toList();
        assertThat(listeners).hasSizeGreaterThan(30);
        for (TransactionalApplicationListener<?> l : listeners) {
            var m = (java.lang.reflect.Method) ReflectionUtils.invokeMethod(target, l);
            String expected = ClassUtils.getQualifiedMethodName(m) + Arrays.stream(m.getParameterTypes())
                    .map(Class::getName).collect(Collectors.joining(",", "(", ")"));
            assertThat(l.getListenerId()).isEqualTo(expected);
        }
    }

    /** The killed listener has let go: its backend is gone and no other work on the case is running. */
    private void awaitNoWorkOnTheCase(long caseId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            boolean projected = jdbc.sql("SELECT count(*) FROM supervised_case WHERE case_id = ?").param(caseId)
                    .query(Long.class).single() > 0;
            long running = jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE state <> 'idle' "
                    + "AND query LIKE '%INSERT INTO report_case%' AND pid <> pg_backend_pid()").query(Long.class).single();
            if (projected && running == 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the listeners of case " + caseId + " did not settle");
    }

    private long openPublications(long caseId) {
        return jdbc.sql("SELECT count(*) FROM event_publication WHERE completion_date IS NULL AND listener_id LIKE ? "
                        + "AND serialized_event LIKE ?").params(ROLLUP_LISTENER, "%\"caseId\":" + caseId + ",%")
                .query(Long.class).single();
    }

    private String completedIn(String listener, long caseId) {
        return jdbc.sql("SELECT xmin::text FROM event_publication WHERE completion_date IS NOT NULL "
                        + "AND listener_id LIKE ? AND serialized_event LIKE ?")
                .params(listener, "%\"caseId\":" + caseId + ",%").query(String.class).single();
    }

    private String writtenIn(String table, long caseId) {
        return jdbc.sql("SELECT xmin::text FROM " + table + " WHERE case_id = ?").param(caseId).query(String.class)
                .single();
    }

    private long village() {
        return jdbc.sql("SELECT id FROM jurisdiction WHERE level = 'VILLAGE' ORDER BY id LIMIT 1").query(Long.class)
                .single();
    }

    private EventFixture fixture() {
        return new EventFixture(events, tx, jdbc);
    }

    private static Instant at(LocalDate day) {
        return day.atTime(10, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
    }
}
