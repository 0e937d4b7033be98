package io.minyi.survey.internal;

import io.minyi.casework.CaseEvents.CaseConcluded;
import io.minyi.casework.CaseState;
import io.minyi.org.OrgDirectory;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;

/**
 * Remembers each case concluded after handling (closed with or without the raiser's rating) as a possible survey
 * respondent, so that sampling "raisers of cases closed in a period" reads only this module's table. Tolerates
 * redelivery (upsert by case).
 */
@Component
@RequiredArgsConstructor
class SurveyCandidates {

    private static final Set<CaseState> HANDLED = Set.of(CaseState.CLOSED, CaseState.CLOSED_NO_FEEDBACK);
    private static final ZoneId ZONE = io.minyi.platform.CityTime.ZONE;

    private final JdbcClient jdbc;
    private final OrgDirectory org;

    @ApplicationModuleListener
    void on(CaseConcluded event) {
        if (!HANDLED.contains(event.finalState())) {
            return;
        }
        org.jurisdiction(event.jurisdictionId()).ifPresent(j -> record(event.caseId(), event.unitId(), j.id(), j.path(),
                LocalDate.ofInstant(event.at(), ZONE)));
    }

    void record(long caseId, Long unitId, long jurisdictionId, String path, LocalDate closedOn) {
        jdbc.sql("""
                        INSERT INTO survey_candidate (case_id, unit_id, jurisdiction_id, jurisdiction_path, closed_on)
                        VALUES (?,?,?,?,?) ON CONFLICT (case_id, city_id) DO UPDATE SET closed_on = EXCLUDED.closed_on""")
                .params(caseId, unitId, jurisdictionId, path, Date.valueOf(closedOn)).update();
    }
}
