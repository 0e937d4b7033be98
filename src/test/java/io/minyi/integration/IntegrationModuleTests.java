package io.minyi.integration;

import io.minyi.casework.CaseEvents.CaseHandedToDiscipline;
import io.minyi.support.PatientScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.annotation.DirtiesContext;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration with the modules it stands on (casework, evaluation, notification, org's demo city, audit, platform):
 * casework's hand-over to discipline inspection in, one pending hand-over and one notice to the discipline inspectors
 * of every level above the case out — however often the event is delivered. The 12345 round trip and Open311 have
 * their contract and full-stack tests ({@code HotlineContractTests}, {@code Open311FullStackTests}).
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = "platform")
@DirtiesContext
@ExtendWith(PatientScenarios.class)
class IntegrationModuleTests {

    private static final AtomicLong CASE_IDS = new AtomicLong(8_500_000_000L + System.nanoTime() % 1_000_000);

    @Autowired
    JdbcClient jdbc;

    private record Station(long unitId, long jurisdictionId, long officerId) {
    }

    private Station station() {
        return jdbc.sql("SELECT s.unit_id, u.jurisdiction_id, s.officer_id FROM org_staff s "
                        + "JOIN org_unit u ON u.id = s.unit_id WHERE s.username = 'handler'")
                .query((rs, n) -> new Station(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single();
    }

    private List<String> transfers(long caseId) {
        return jdbc.sql("SELECT route || ':' || state FROM discipline_transfer WHERE case_id = ?").param(caseId)
                .query(String.class).list();
    }

    /** Who was told of the hand-over in their inbox, one entry per notice. */
    private List<String> toldOf(long caseId) {
        return jdbc.sql("""
                        SELECT s.username FROM notification n JOIN org_staff s ON s.id = n.staff_id
                        WHERE n.channel = 'INBOX' AND n.dedup_key LIKE ? ORDER BY s.username""")
                .param("discipline:" + caseId + "%").query(String.class).list();
    }

    private long openPublications() {
        return jdbc.sql("SELECT count(*) FROM event_publication WHERE completion_date IS NULL "
                + "AND listener_id LIKE 'io.minyi.integration.%'").query(Long.class).single();
    }

    @Test
    void a_clue_handed_to_discipline_opens_one_pending_hand_over_and_tells_the_inspectors_once(Scenario scenario) {
        Station station = station();
        long caseId = CASE_IDS.incrementAndGet();
        CaseHandedToDiscipline handed = new CaseHandedToDiscipline(caseId, station.jurisdictionId(),
                station.unitId(), station.officerId(), "查实违纪", Instant.parse("2026-11-20T02:00:00Z"));

        scenario.publish(handed)
                .andWaitForStateChange(() -> transfers(caseId), l -> !l.isEmpty())
                .andVerify(l -> assertThat(l).containsExactly("AFTER_SUBSTANTIATION:PENDING"));
        scenario.publish(handed)
                .andWaitForStateChange(this::openPublications, open -> open == 0)
                .andVerify(open -> {
                    assertThat(transfers(caseId)).hasSize(1);
                    assertThat(toldOf(caseId)).contains("discipline").doesNotHaveDuplicates()
                            .doesNotContain("handler");
                });
        assertThat(jdbc.sql("SELECT subject_officer_id FROM discipline_transfer WHERE case_id = ?").param(caseId)
                .query(Long.class).single()).isEqualTo(station.officerId());
    }
}
