package io.minyi.survey;

import io.minyi.casework.CaseEvents.CaseConcluded;
import io.minyi.casework.CaseState;
import io.minyi.casework.CaseType;
import io.minyi.casework.Outcome;
import io.minyi.support.PatientScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.annotation.DirtiesContext;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Surveys with the modules they stand on (casework, notification, org's demo city, audit, platform): casework's
 * {@link CaseConcluded} in, a survey candidate — the raiser of a case closed after handling, on its city day — out, once
 * however often the event is delivered. A case merged away or transferred is no one to ask about handling.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = "platform")
@DirtiesContext
@ExtendWith(PatientScenarios.class)
class SurveyModuleTests {

    private static final AtomicLong CASE_IDS = new AtomicLong(8_400_000_000L + System.nanoTime() % 1_000_000);
    /** 23:30 in Beijing on 19 November: the candidate's day is the city's, not UTC's. */
    private static final Instant LATE_EVENING = Instant.parse("2026-11-19T15:30:00Z");

    @Autowired
    JdbcClient jdbc;

    private record Station(long unitId, long jurisdictionId) {
    }

    private Station station() {
        return jdbc.sql("SELECT s.unit_id, u.jurisdiction_id FROM org_staff s JOIN org_unit u ON u.id = s.unit_id "
                        + "WHERE s.username = 'handler'")
                .query((rs, n) -> new Station(rs.getLong(1), rs.getLong(2))).single();
    }

    private List<LocalDate> candidate(long caseId) {
        return jdbc.sql("SELECT closed_on FROM survey_candidate WHERE case_id = ?").param(caseId)
                .query((rs, n) -> rs.getDate(1).toLocalDate()).list();
    }

    private long openPublications() {
        return jdbc.sql("SELECT count(*) FROM event_publication WHERE completion_date IS NULL "
                + "AND listener_id LIKE 'io.minyi.survey.%'").query(Long.class).single();
    }

    private static CaseConcluded concluded(long caseId, Station at, CaseState state) {
        return new CaseConcluded(caseId, CaseType.PETITION, at.unitId(), at.jurisdictionId(), state, true, true,
                Outcome.RESOLVED, false, LATE_EVENING);
    }

    @Test
    void a_case_closed_after_handling_makes_its_raiser_a_candidate_once(Scenario scenario) {
        Station station = station();
        long caseId = CASE_IDS.incrementAndGet();

        scenario.publish(concluded(caseId, station, CaseState.CLOSED))
                .andWaitForStateChange(() -> candidate(caseId), l -> !l.isEmpty())
                .andVerify(l -> assertThat(l).containsExactly(LocalDate.of(2026, 11, 19)));
        scenario.publish(concluded(caseId, station, CaseState.CLOSED))
                .andWaitForStateChange(this::openPublications, open -> open == 0)
                .andVerify(open -> assertThat(candidate(caseId)).hasSize(1));
    }

    @Test
    void a_case_merged_away_or_transferred_is_nobody_to_survey(Scenario scenario) {
        Station station = station();
        long merged = CASE_IDS.incrementAndGet();
        long transferred = CASE_IDS.incrementAndGet();
        long closedWithoutRating = CASE_IDS.incrementAndGet();

        scenario.publish(concluded(merged, station, CaseState.MERGED))
                .andWaitForStateChange(this::openPublications, open -> open == 0)
                .andVerify(open -> assertThat(candidate(merged)).isEmpty());
        scenario.publish(concluded(transferred, station, CaseState.TRANSFERRED))
                .andWaitForStateChange(this::openPublications, open -> open == 0)
                .andVerify(open -> assertThat(candidate(transferred)).isEmpty());
        scenario.publish(concluded(closedWithoutRating, station, CaseState.CLOSED_NO_FEEDBACK))
                .andWaitForStateChange(() -> candidate(closedWithoutRating), l -> !l.isEmpty())
                .andVerify(l -> assertThat(l).hasSize(1));
    }
}
