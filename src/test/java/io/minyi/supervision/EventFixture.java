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
}
