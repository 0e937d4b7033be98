package io.minyi.supervision;

import io.minyi.casework.CaseEvents;
import io.minyi.casework.CaseType;
import io.minyi.casework.SourceChannel;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Plays casework: publishes its events inside a transaction, as casework does, then waits until the listeners of
 * supervision, reporting and notification have completed (the Modulith registry marks the publication complete).
 */
public final class EventFixture {

    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final JdbcClient jdbc;

    public EventFixture(ApplicationEventPublisher events, TransactionTemplate tx, JdbcClient jdbc) {
        this.events = events;
        this.tx = tx;
        this.jdbc = jdbc;
    }

    public void publish(Object... published) {
        for (Object e : published) {
            tx.executeWithoutResult(s -> events.publishEvent(e));
            awaitListeners();
        }
    }

    public void awaitListeners() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            // only our own modules' listeners: another module's listener may reject these made-up cases for good
            long open = jdbc.sql("""
                            SELECT count(*) FROM event_publication WHERE completion_date IS NULL
                            AND (listener_id LIKE 'io.minyi.supervision.%' OR listener_id LIKE 'io.minyi.reporting.%'
                                 OR listener_id LIKE 'io.minyi.notification.%')""")
                    .query(Long.class).single();
            if (open == 0) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("event listeners did not complete within 30 s");
    }

    public static CaseEvents.CaseReceived received(long caseId, CaseType type, long jurisdictionId, Long unit,
                                                   Long officer, String raiser, String category, Instant at) {
        return new CaseEvents.CaseReceived(caseId, type, SourceChannel.WALK_IN, jurisdictionId, unit, officer, raiser,
                category, at);
    }

    public static CaseEvents.CaseDispatched dispatched(long caseId, CaseType type, String category, String risk,
                                                       long unitId, long jurisdictionId, LocalDate deadline,
                                                       Instant at) {
        return new CaseEvents.CaseDispatched(caseId, type, category, io.minyi.casework.RiskLevel.valueOf(risk), unitId, jurisdictionId, deadline, false, at, null);
    }

    /** A case's "received" in its day's roll-up at {@code j} under {@code category}. */
    public int receivedOnDay(long j, LocalDate day, String category) {
        return jdbc.sql("SELECT coalesce(sum(received), 0) FROM case_rollup_daily WHERE jurisdiction_id = ? AND day = ? "
                        + "AND category = ?").params(j, java.sql.Date.valueOf(day), category).query(Integer.class).single();
    }

    /** The same in the month's roll-up that holds {@code day}. */
    public int receivedInMonth(long j, LocalDate day, String category) {
        return jdbc.sql("SELECT coalesce(sum(received), 0) FROM case_rollup_monthly WHERE jurisdiction_id = ? "
                        + "AND month = ? AND category = ?").params(j, java.sql.Date.valueOf(day.withDayOfMonth(1)), category)
                .query(Integer.class).single();
    }

    /**
     * Terminates the backend that waits for a row the {@code blocker} holds while writing reporting's case row: the
     * crash of that transaction halfway through its work.
     */
    public void killTheReportingWriterWaitingFor(java.sql.Connection blocker) throws Exception {
        killTheWriterWaitingFor(blocker, "report_case");
    }

    /**
     * Terminates the backend that waits for a row the {@code blocker} holds while inserting into {@code table}: the
     * crash of that transaction halfway through its work.
     */
    public void killTheWriterWaitingFor(java.sql.Connection blocker, String table) throws Exception {
        int blockerPid;
        try (var s = blocker.createStatement(); var r = s.executeQuery("SELECT pg_backend_pid()")) {
            r.next();
            blockerPid = r.getInt(1);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            int killed = jdbc.sql("""
                            SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                            WHERE ? = ANY (pg_blocking_pids(pid)) AND query LIKE ?""")
                    .params(blockerPid, "%INSERT INTO " + table + "%").query(Integer.class).single();
            if (killed > 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("nothing inserting into " + table + " ever waited for the blocking row");
    }

    /** Several nodes' drains at once: each takes the listener's publications {@code batch} at a time until none is left. */
    public static void drainOnNodesAtOnce(io.minyi.platform.PublicationDrains drains, String listener, int nodes,
                                          int batch) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(nodes);
        try {
            List<java.util.concurrent.Future<?>> taken = new java.util.ArrayList<>();
            for (int n = 0; n < nodes; n++) {
                taken.add(pool.submit(() -> {
                    while (drains.drainOnce(listener, batch) > 0) {
                        // the next batch, until this node finds none
                    }
                }));
            }
            for (var f : taken) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
