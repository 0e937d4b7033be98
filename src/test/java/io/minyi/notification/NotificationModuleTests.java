package io.minyi.notification;

import io.minyi.casework.CaseEvents.CaseDispatched;
import io.minyi.casework.CaseType;
import io.minyi.casework.RiskLevel;
import io.minyi.support.PatientScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.modulith.test.Scenario;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notification module with the modules it stands on (casework's events, org's demo city, audit, platform) and
 * nothing that listens elsewhere: a dispatch event in, the unit's inbox and text messages out. The officer the case is
 * about is never told, and the same event delivered again sends nothing twice.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = "platform")
@DirtiesContext
@ExtendWith(PatientScenarios.class)
class NotificationModuleTests {

    private static final AtomicLong CASE_IDS = new AtomicLong(8_800_000_000L + System.nanoTime() % 1_000_000);

    @Autowired
    JdbcClient jdbc;

    private record Station(long unitId, long jurisdictionId, long handlerStaffId, long handlerOfficerId) {
    }

    /** The demo police station of the accounts {@code unitleader} and {@code handler} (the handler is an officer). */
    private Station station() {
        return jdbc.sql("""
                        SELECT s.unit_id, u.jurisdiction_id, s.id, s.officer_id FROM org_staff s
                        JOIN org_unit u ON u.id = s.unit_id WHERE s.username = 'handler'""")
                .query((rs, n) -> new Station(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))).single();
    }

    private List<String> inboxOf(long caseId) {
        return jdbc.sql("""
                        SELECT s.username FROM notification n JOIN org_staff s ON s.id = n.staff_id
                        WHERE n.channel = 'INBOX' AND n.link = ? ORDER BY s.username""")
                .param("/cases/" + caseId).query(String.class).list();
    }

    /** Events not yet handled by every listener: 0 once the second delivery has run its course. */
    private long openPublications() {
        return jdbc.sql("SELECT count(*) FROM event_publication WHERE completion_date IS NULL")
                .query(Long.class).single();
    }

    private CaseDispatched dispatched(long caseId, Station at, Long about) {
        return new CaseDispatched(caseId, CaseType.CLUE, "执法态度", RiskLevel.LOW, at.unitId(), at.jurisdictionId(),
                LocalDate.of(2026, 12, 18), false, Instant.parse("2026-11-20T02:00:00Z"), about);
    }

    @Test
    void a_dispatch_reaches_every_leader_and_handler_of_the_unit_once(Scenario scenario) {
        Station station = station();
        long caseId = CASE_IDS.incrementAndGet();

        scenario.publish(dispatched(caseId, station, null))
                .andWaitForStateChange(() -> inboxOf(caseId), l -> !l.isEmpty())
                .andVerify(inbox -> assertThat(inbox).contains("handler", "unitleader").doesNotHaveDuplicates());

        int before = inboxOf(caseId).size();
        scenario.publish(dispatched(caseId, station, null))
                .andWaitForStateChange(this::openPublications, open -> open == 0)
                .andVerify(open -> assertThat(inboxOf(caseId)).hasSize(before));
    }

    @Test
    void the_officer_a_case_is_about_is_not_told_of_it(Scenario scenario) {
        Station station = station();
        long caseId = CASE_IDS.incrementAndGet();

        scenario.publish(dispatched(caseId, station, station.handlerOfficerId()))
                .andWaitForStateChange(() -> inboxOf(caseId), l -> !l.isEmpty())
                .andVerify(inbox -> assertThat(inbox).contains("unitleader").doesNotContain("handler"));
        assertThat(jdbc.sql("SELECT count(*) FROM notification WHERE staff_id = ? AND link = ?")
                .params(station.handlerStaffId(), "/cases/" + caseId).query(Long.class).single()).isZero();
    }
}
