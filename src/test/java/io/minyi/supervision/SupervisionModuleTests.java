package io.minyi.supervision;

import io.minyi.casework.CaseEvents.CaseDispatched;
import io.minyi.casework.CaseEvents.CaseReceived;
import io.minyi.casework.CaseEvents.CaseReported;
import io.minyi.casework.CaseType;
import io.minyi.casework.Outcome;
import io.minyi.casework.RiskLevel;
import io.minyi.casework.SourceChannel;
import io.minyi.supervision.SupervisionEvents.CaseWentOverdue;
import io.minyi.supervision.internal.SupervisionLadder;
import io.minyi.support.PatientScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.AssertablePublishedEvents;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Supervision with the modules it stands on (casework's events, lists, notification, org's demo city, audit,
 * platform): casework's events in, the ladder's {@link CaseWentOverdue} out. A dispatched case past its deadline goes
 * overdue exactly once however often the ladder runs, with one supervision letter; a case the unit reported in time is
 * never chased. The ladder's letters and the circular in detail are {@code SupervisionLadderTests}' business.
 * db-scheduler is off so that only the test runs the ladder.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = "platform")
@TestPropertySource(properties = "db-scheduler.enabled=false")
@DirtiesContext
@ExtendWith(PatientScenarios.class)
class SupervisionModuleTests {

    private static final AtomicLong CASE_IDS = new AtomicLong(8_700_000_000L + System.nanoTime() % 1_000_000);

    @Autowired
    SupervisionLadder ladder;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;

    private record Station(long unitId, long jurisdictionId) {
    }

    private Station station() {
        return jdbc.sql("SELECT s.unit_id, u.jurisdiction_id FROM org_staff s JOIN org_unit u ON u.id = s.unit_id "
                        + "WHERE s.username = 'handler'")
                .query((rs, n) -> new Station(rs.getLong(1), rs.getLong(2))).single();
    }

    private String stateOf(long caseId) {
        return jdbc.sql("SELECT state FROM supervised_case WHERE case_id = ?").param(caseId).query(String.class)
                .optional().orElse("");
    }

    private int supervisionLetters(long caseId) {
        return jdbc.sql("SELECT count(*) FROM supervision_letter_case WHERE case_id = ? AND kind = 'SUPERVISION'")
                .param(caseId).query(Integer.class).single();
    }

    /** Received and dispatched to the station with a deadline ten days gone, as casework would publish them. */
    private long lateCase(Scenario scenario, Station at) {
        long caseId = CASE_IDS.incrementAndGet();
        LocalDate today = LocalDate.now(clock);
        Instant then = Instant.now(clock).minusSeconds(20 * 86_400);
        scenario.publish(new CaseReceived(caseId, CaseType.PETITION, SourceChannel.WALK_IN, at.jurisdictionId(),
                        null, null, "raiser-" + caseId, "办事效率", then))
                .andWaitForStateChange(() -> stateOf(caseId), s -> !s.isEmpty())
                .andVerify(s -> assertThat(s).isEqualTo("RECEIVED"));
        scenario.publish(new CaseDispatched(caseId, CaseType.PETITION, "办事效率", RiskLevel.LOW, at.unitId(),
                        at.jurisdictionId(), today.minusDays(10), false, then, null))
                .andWaitForStateChange(() -> stateOf(caseId), "DISPATCHED"::equals)
                .andVerify(s -> assertThat(s).isEqualTo("DISPATCHED"));
        return caseId;
    }

    @Test
    void a_case_past_its_deadline_goes_overdue_once_however_often_the_ladder_runs(Scenario scenario,
                                                                                   AssertablePublishedEvents events) {
        Station station = station();
        long caseId = lateCase(scenario, station);

        scenario.stimulate(ladder::scan)
                .andWaitForEventOfType(CaseWentOverdue.class)
                .matchingMappedValue(CaseWentOverdue::caseId, caseId)
                .toArriveAndVerify(e -> {
                    assertThat(e.unitId()).isEqualTo(station.unitId());
                    assertThat(e.deadline()).isEqualTo(LocalDate.now(clock).minusDays(10));
                    assertThat(e.day()).isEqualTo(LocalDate.now(clock));
                });
        ladder.scan();
        ladder.scan();

        assertThat(events.ofType(CaseWentOverdue.class).matching(CaseWentOverdue::caseId, id -> id == caseId))
                .hasSize(1);
        assertThat(supervisionLetters(caseId)).isEqualTo(1);
    }

    @Test
    void a_case_the_unit_reported_is_not_chased_when_its_deadline_passes(Scenario scenario,
                                                                         AssertablePublishedEvents events) {
        Station station = station();
        long reported = lateCase(scenario, station);
        scenario.publish(new CaseReported(reported, CaseType.PETITION, station.unitId(), station.jurisdictionId(),
                        Outcome.RESOLVED, 0, true, Instant.now(clock)))
                .andWaitForStateChange(() -> stateOf(reported), s -> !"DISPATCHED".equals(s))
                .andVerify(s -> assertThat(s).isNotEqualTo("DISPATCHED"));
        long late = lateCase(scenario, station);

        scenario.stimulate(ladder::scan)
                .andWaitForEventOfType(CaseWentOverdue.class)
                .matchingMappedValue(CaseWentOverdue::caseId, late)
                .toArrive();

        assertThat(events.ofType(CaseWentOverdue.class).matching(CaseWentOverdue::caseId, id -> id == reported))
                .isEmpty();
        assertThat(supervisionLetters(reported)).isZero();
    }
}
