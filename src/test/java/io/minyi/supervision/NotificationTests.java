package io.minyi.supervision;

import io.minyi.casework.CaseEvents.CaseAwaitingFeedback;
import io.minyi.casework.CaseType;
import io.minyi.notification.internal.OutboxDelivery;
import io.minyi.org.OrgDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The resident's "please rate the handling" SMS, and what happens when the gateway is down. */
@SupervisionTestContext
class NotificationTests {

    @Autowired MutableClock clock;
    @Autowired KnownRaisers raisers;
    @Autowired OutboxDelivery delivery;
    @Autowired OrgDirectory org;
    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate tx;
    @Autowired JdbcClient jdbc;

    EventFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new EventFixture(events, tx, jdbc);
    }

    @Test
    void a_raiser_with_a_phone_is_invited_once_to_rate_and_a_failing_gateway_is_retried_with_back_off() {
        clock.set(LocalDateTime.of(2026, 7, 1, 9, 0));
        var unit = org.unitByCode("U-0005-10").orElseThrow();
        raisers.add(7_400_001L, "13800138000", "MYTEST01");
        CaseAwaitingFeedback awaiting = new CaseAwaitingFeedback(7_400_001L, CaseType.DISPUTE, unit.id(),
                unit.jurisdictionId(), true, clock.instant());
        fixture.publish(awaiting, awaiting); // a redelivered event sends nothing twice
        fixture.publish(new CaseAwaitingFeedback(7_400_002L, CaseType.DISPUTE, unit.id(), unit.jurisdictionId(), false,
                clock.instant()));

        var sms = jdbc.sql("SELECT id, body, status FROM notification WHERE channel = 'SMS' AND address = '13800138000'")
                .query().listOfRows();
        assertThat(sms).hasSize(1);
        assertThat((String) sms.getFirst().get("body")).contains("https://minyi.example/t/MYTEST01");
        long id = ((Number) sms.getFirst().get("id")).longValue();

        delivery.deliverDue(100);
        Map<String, Object> first = row(id);
        assertThat(first).containsEntry("status", "FAILED").containsEntry("attempts", 1);
        assertThat(nextAttempt(first)).isEqualTo(clock.instant().plus(Duration.ofSeconds(30)));

        delivery.deliverDue(100); // not due yet: nothing happens
        assertThat(row(id)).containsEntry("attempts", 1);

        clock.set(LocalDateTime.of(2026, 7, 1, 9, 0, 31));
        delivery.deliverDue(100);
        Map<String, Object> second = row(id);
        assertThat(second).containsEntry("status", "FAILED").containsEntry("attempts", 2);
        assertThat(nextAttempt(second)).isEqualTo(clock.instant().plus(Duration.ofSeconds(60)));
        assertThat((String) second.get("last_error")).isNotBlank();
    }

    private Map<String, Object> row(long id) {
        return jdbc.sql("SELECT status, attempts, next_attempt_at, last_error FROM notification WHERE id = ?").param(id)
                .query().singleRow();
    }

    private static Instant nextAttempt(Map<String, Object> row) {
        return ((java.sql.Timestamp) row.get("next_attempt_at")).toInstant();
    }
}
