package io.minyi.supervision;

import io.minyi.casework.CaseType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static io.minyi.supervision.EventFixture.received;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11: a listener writes its case's raised-about row before it takes the subject's lock, and judges under it.
 * Twenty cases about one officer committed together run their listeners at once; the alerts must count every one of
 * them, as when they ran one after another, and no listener may fail.
 */
@SupervisionTestContext
class ConcurrentAlertListenersTests {

    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate tx;
    @Autowired JdbcClient jdbc;
    @Autowired MutableClock clock;

    @Test
    void listeners_running_at_once_count_every_case_about_the_subject() {
        long officer = jdbc.sql("SELECT max(id) FROM officer").query(Long.class).single();
        long j = jdbc.sql("SELECT u.jurisdiction_id FROM officer o JOIN unit u ON u.id = o.unit_id WHERE o.id = ?")
                .param(officer).query(Long.class).single();
        clock.set(LocalDateTime.of(2031, 4, 20, 9, 0));
        List<Object> burst = new java.util.ArrayList<>();
        long id = 7_900_000L;
        for (int i = 1; i <= 12; i++) {
            burst.add(received(id++, CaseType.CLUE, j, null, officer, "r-burst-" + i, "态度问题", at(i)));
        }
        for (int i = 1; i <= 6; i++) {
            burst.add(received(id++, CaseType.CLUE, j, null, officer, null, "态度问题", at(i)));
        }
        burst.add(received(id++, CaseType.CLUE, j, null, officer, "r-burst-1", "态度问题", at(13)));
        burst.add(received(id, CaseType.CLUE, j, null, officer, "r-burst-1", "态度问题", at(14)));
        tx.executeWithoutResult(s -> burst.forEach(events::publishEvent));
        new EventFixture(events, tx, jdbc).awaitListeners();

        List<Map<String, Object>> alerts = jdbc.sql("""
                        SELECT kind, raiser_key, raisers, cases FROM supervision_alert
                        WHERE subject_kind = 'OFFICER' AND subject_id = ? AND status = 'OPEN' ORDER BY kind""")
                .param(officer).query().listOfRows();
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(0)).containsEntry("kind", "MANY_RAISERS").containsEntry("raisers", 12)
                .containsEntry("cases", 20);
        assertThat(alerts.get(1)).containsEntry("kind", "REPEAT_RAISER").containsEntry("raiser_key", "r-burst-1")
                .containsEntry("cases", 3);
        assertThat(jdbc.sql("SELECT count(*) FROM raised_about WHERE subject_kind = 'OFFICER' AND subject_id = ?")
                .param(officer).query(Long.class).single()).isEqualTo(20);
        // each case's projection went in the statement of its raised-about row
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM supervised_case WHERE case_id BETWEEN 7900000 AND 7900019
                        AND subject_officer_id = ? AND state = 'RECEIVED'""")
                .param(officer).query(Long.class).single()).isEqualTo(20);
    }

    private static Instant at(int day) {
        return LocalDateTime.of(2031, 4, day, 10, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
    }
}
