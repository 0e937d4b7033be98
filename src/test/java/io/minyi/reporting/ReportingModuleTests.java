package io.minyi.reporting;

import io.minyi.casework.CaseEvents.CaseDispatched;
import io.minyi.casework.CaseEvents.CaseReceived;
import io.minyi.casework.CaseEvents.CaseReported;
import io.minyi.casework.CaseType;
import io.minyi.casework.Outcome;
import io.minyi.casework.RiskLevel;
import io.minyi.casework.SourceChannel;
import io.minyi.supervision.SupervisionEvents.CaseWentOverdue;
import io.minyi.support.PatientScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reporting with the modules whose events and figures it reads: casework's and supervision's events in, the daily
 * roll-ups of the case's jurisdiction and of every level above it out. A case dispatched twice counts once as
 * dispatched; a clue re-reported with another verdict moves its count, never counting twice; supervision's overdue
 * event counts the case overdue. Casework and evaluation are included although reporting uses only their types: the
 * figures modules it reads (dispute, grid, survey) need their beans. Each case has a category of its own, so the rows read are this test's alone.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES,
        extraIncludes = {"platform", "casework", "evaluation"})
@TestPropertySource(properties = "db-scheduler.enabled=false")
@DirtiesContext
@ExtendWith(PatientScenarios.class)
class ReportingModuleTests {

    private static final AtomicLong CASE_IDS = new AtomicLong(8_600_000_000L + System.nanoTime() % 1_000_000);
    private static final Instant AT = Instant.parse("2026-11-20T02:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

    @Autowired
    JdbcClient jdbc;

    private record Station(long unitId, long jurisdictionId, long cityId) {
    }

    private Station station() {
        return jdbc.sql("""
                        SELECT s.unit_id, u.jurisdiction_id, j.path FROM org_staff s JOIN org_unit u ON u.id = s.unit_id
                        JOIN org_jurisdiction j ON j.id = u.jurisdiction_id WHERE s.username = 'handler'""")
                .query((rs, n) -> new Station(rs.getLong(1), rs.getLong(2),
                        Long.parseLong(rs.getString(3).split("/")[1]))).single();
    }

    /** One counter of the day's roll-up of {@code category} at one level, 0 while there is no row. */
    private int counted(String counter, long jurisdictionId, String category) {
        return jdbc.sql("SELECT coalesce(sum(" + counter + "), 0) FROM case_rollup_daily "
                        + "WHERE jurisdiction_id = ? AND day = ? AND category = ?")
                .params(jurisdictionId, Date.valueOf(DAY), category).query(Integer.class).single();
    }

    private List<Integer> atBothLevels(String counter, Station at, String category) {
        return List.of(counted(counter, at.jurisdictionId(), category), counted(counter, at.cityId(), category));
    }

    private long receivedCase(Scenario scenario, Station at, CaseType type, String category) {
        long caseId = CASE_IDS.incrementAndGet();
        scenario.publish(new CaseReceived(caseId, type, SourceChannel.WALK_IN, at.jurisdictionId(), null, null,
                        "raiser-" + caseId, category, AT))
                .andWaitForStateChange(() -> atBothLevels("received", at, category), l -> l.equals(List.of(1, 1)))
                .andVerify(l -> assertThat(l).containsExactly(1, 1));
        return caseId;
    }

    private CaseDispatched dispatched(long caseId, Station at, String category, boolean again) {
        return new CaseDispatched(caseId, CaseType.PETITION, category, RiskLevel.LOW, at.unitId(), at.jurisdictionId(),
                DAY.plusDays(15), again, AT, null);
    }

    @Test
    void a_case_dispatched_twice_counts_once_as_dispatched_at_every_level(Scenario scenario) {
        Station station = station();
        String category = "派单-" + System.nanoTime();
        long caseId = receivedCase(scenario, station, CaseType.PETITION, category);

        scenario.publish(dispatched(caseId, station, category, false))
                .andWaitForStateChange(() -> atBothLevels("dispatched", station, category), l -> l.contains(1))
                .andVerify(l -> assertThat(l).containsExactly(1, 1));
        scenario.publish(dispatched(caseId, station, category, true))
                .andWaitForStateChange(() -> jdbc.sql("SELECT count(*) FROM event_publication "
                        + "WHERE completion_date IS NULL AND listener_id LIKE 'io.minyi.reporting.%'")
                        .query(Long.class).single(), open -> open == 0)
                .andVerify(open -> assertThat(atBothLevels("dispatched", station, category)).containsExactly(1, 1));
    }

    @Test
    void a_clue_re_reported_with_another_verdict_is_counted_under_the_new_one_only(Scenario scenario) {
        Station station = station();
        String category = "线索-" + System.nanoTime();
        long caseId = receivedCase(scenario, station, CaseType.CLUE, category);

        scenario.publish(new CaseReported(caseId, CaseType.CLUE, station.unitId(), station.jurisdictionId(),
                        Outcome.SUBSTANTIATED, 2, true, AT))
                .andWaitForStateChange(() -> atBothLevels("substantiated", station, category), l -> l.contains(1))
                .andVerify(l -> assertThat(l).containsExactly(1, 1));
        scenario.publish(new CaseReported(caseId, CaseType.CLUE, station.unitId(), station.jurisdictionId(),
                        Outcome.UNFOUNDED, 0, true, AT))
                .andWaitForStateChange(() -> atBothLevels("unfounded", station, category), l -> l.contains(1))
                .andVerify(l -> {
                    assertThat(l).containsExactly(1, 1);
                    assertThat(atBothLevels("substantiated", station, category)).containsExactly(0, 0);
                    assertThat(atBothLevels("persons_disciplined", station, category)).containsExactly(0, 0);
                });
    }

    @Test
    void supervisions_overdue_event_counts_the_case_overdue_on_the_day_it_went_over(Scenario scenario) {
        Station station = station();
        String category = "超期-" + System.nanoTime();
        long caseId = receivedCase(scenario, station, CaseType.PETITION, category);

        scenario.publish(new CaseWentOverdue(caseId, station.unitId(), station.jurisdictionId(), DAY.minusDays(1), DAY))
                .andWaitForStateChange(() -> atBothLevels("overdue", station, category), l -> l.contains(1))
                .andVerify(l -> assertThat(l).containsExactly(1, 1));
    }
}
