package io.minyi.supervision.internal;

import io.minyi.platform.CityTime;
import io.minyi.casework.CaseEvents.CaseAwaitingFeedback;
import io.minyi.casework.CaseEvents.CaseConcluded;
import io.minyi.casework.CaseEvents.CaseDispatched;
import io.minyi.casework.CaseEvents.CaseReceived;
import io.minyi.casework.CaseEvents.CaseRejected;
import io.minyi.casework.CaseEvents.CaseReopened;
import io.minyi.casework.CaseEvents.CaseReported;
import io.minyi.casework.CaseEvents.CaseTransferred;
import io.minyi.org.OrgDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Keeps {@code supervised_case} and the unit month figures from casework's events. Events of one case may arrive in
 * any order (listeners run concurrently), so every write is an upsert and counters move only on a real change of
 * state, read under a row lock.
 */
@Component
class CaseProjection {


    private final JdbcClient jdbc;
    private final OrgDirectory org;
    private final HighFrequencyAlerts alerts;
    private final UnitMonths unitMonths;

    CaseProjection(JdbcClient jdbc, OrgDirectory org, HighFrequencyAlerts alerts, UnitMonths unitMonths) {
        this.jdbc = jdbc;
        this.org = org;
        this.alerts = alerts;
        this.unitMonths = unitMonths;
    }

    private record Row(String state, Long unitId, LocalDate overdueSince, String outcome, String type,
                       Long subjectUnitId) {
        boolean openOverdue() {
            return "DISPATCHED".equals(state) && overdueSince != null && unitId != null;
        }
    }

    @ApplicationModuleListener
    void on(CaseReceived e) {
        ensure(e.caseId(), e.jurisdictionId());
        jdbc.sql("""
                        UPDATE supervised_case SET type = ?, category = coalesce(?, category), subject_unit_id = ?,
                               subject_officer_id = ?, received_at = ?, updated_at = now() WHERE case_id = ?""")
                .params(e.type().name(), e.category(), e.subjectUnitId(), e.subjectOfficerId(), ts(e.at()), e.caseId())
                .update();
        alerts.recordAndCheck(e);
    }

    @ApplicationModuleListener
    void on(CaseDispatched e) {
        ensure(e.caseId(), e.jurisdictionId());
        Row before = lock(e.caseId());
        leaveOpenOverdue(before);
        jdbc.sql("""
                        UPDATE supervised_case SET type = coalesce(type, ?), category = coalesce(?, category),
                               risk_level = ?, unit_id = ?, deadline = ?, state = 'DISPATCHED', dispatched_at = ?,
                               overdue_since = NULL, updated_at = now() WHERE case_id = ?""")
                .params(e.type().name(), e.category(), e.riskLevel(), e.unitId(), Date.valueOf(e.deadline()),
                        ts(e.at()), e.caseId())
                .update();
    }

    @ApplicationModuleListener
    void on(CaseRejected e) {
        ensure(e.caseId(), e.jurisdictionId());
        jdbc.sql("UPDATE supervised_case SET state = 'REJECTED', final_state = 'REJECTED', closed_at = ?, updated_at = now() WHERE case_id = ?")
                .params(ts(e.at()), e.caseId()).update();
    }

    @ApplicationModuleListener
    void on(CaseReported e) {
        ensure(e.caseId(), e.jurisdictionId());
        Row before = lock(e.caseId());
        leaveOpenOverdue(before);
        jdbc.sql("""
                        UPDATE supervised_case SET state = 'REPORTED', reported_at = ?, outcome = ?,
                               persons_disciplined = ?, on_time = ?, unit_id = ?, updated_at = now() WHERE case_id = ?""")
                .params(ts(e.at()), e.outcome(), e.personsDisciplined(), e.onTime(), e.unitId(), e.caseId())
                .update();
        LocalDate month = monthOf(e.at());
        bump(e.unitId(), month, "reported", 1);
        boolean decided = "SUBSTANTIATED".equals(e.outcome()) || "UNFOUNDED".equals(e.outcome());
        boolean firstDecision = before.outcome() == null || !before.outcome().equals(e.outcome());
        if (e.type() == io.minyi.casework.CaseType.CLUE && decided && firstDecision) {
            // the clue is about its subject unit; its conduct is what a substantiated clue scores
            long scored = before.subjectUnitId() != null ? before.subjectUnitId() : e.unitId();
            bump(scored, month, "clues_decided", 1);
            if ("SUBSTANTIATED".equals(e.outcome())) {
                bump(scored, month, "clues_substantiated", 1);
            }
        }
    }

    @ApplicationModuleListener
    void on(CaseAwaitingFeedback e) {
        ensure(e.caseId(), e.jurisdictionId());
        jdbc.sql("UPDATE supervised_case SET state = 'AWAITING_FEEDBACK', updated_at = now() WHERE case_id = ?")
                .param(e.caseId()).update();
    }

    @ApplicationModuleListener
    void on(CaseConcluded e) {
        ensure(e.caseId(), e.jurisdictionId());
        Row before = lock(e.caseId());
        if ("CONCLUDED".equals(before.state())) {
            return;
        }
        leaveOpenOverdue(before);
        jdbc.sql("""
                        UPDATE supervised_case SET state = 'CONCLUDED', final_state = ?, closed_at = ?, on_time = ?,
                               satisfied = ?, outcome = coalesce(?, outcome), updated_at = now() WHERE case_id = ?""")
                .params(e.finalState(), ts(e.at()), e.onTime(), e.satisfied(), e.outcome(), e.caseId())
                .update();
        Long unit = e.unitId() != null ? e.unitId() : before.unitId();
        boolean handledByUnit = "CLOSED".equals(e.finalState()) || "CLOSED_NO_FEEDBACK".equals(e.finalState());
        if (unit != null && handledByUnit) {
            LocalDate month = monthOf(e.at());
            bump(unit, month, "closed", 1);
            if (e.onTime()) {
                bump(unit, month, "closed_on_time", 1);
            }
            if (Boolean.TRUE.equals(e.satisfied())) {
                bump(unit, month, "satisfied", 1);
            }
        }
    }

    @ApplicationModuleListener
    void on(CaseReopened e) {
        ensure(e.caseId(), e.jurisdictionId());
        Row before = lock(e.caseId());
        leaveOpenOverdue(before);
        jdbc.sql("""
                        UPDATE supervised_case SET state = 'DISPATCHED', unit_id = ?, deadline = ?, reopen_count = ?,
                               overdue_since = NULL, final_state = NULL, closed_at = NULL, updated_at = now()
                        WHERE case_id = ?""")
                .params(e.unitId(), Date.valueOf(e.newDeadline()), e.reopenCount(), e.caseId()).update();
        bump(e.unitId(), monthOf(e.at()), "reopened", 1);
    }

    @ApplicationModuleListener
    void on(CaseTransferred e) {
        ensure(e.caseId(), e.jurisdictionId());
        Row before = lock(e.caseId());
        leaveOpenOverdue(before);
        jdbc.sql("UPDATE supervised_case SET state = 'TRANSFERRED', final_state = 'TRANSFERRED', closed_at = ?, updated_at = now() WHERE case_id = ?")
                .params(ts(e.at()), e.caseId()).update();
    }

    private void ensure(long caseId, long jurisdictionId) {
        String path = org.jurisdiction(jurisdictionId).map(j -> j.path()).orElse("/");
        jdbc.sql("""
                        INSERT INTO supervised_case (case_id, jurisdiction_id, jurisdiction_path, state)
                        VALUES (?,?,?,'RECEIVED') ON CONFLICT (case_id) DO NOTHING""")
                .params(caseId, jurisdictionId, path).update();
    }

    private Row lock(long caseId) {
        return jdbc.sql("""
                        SELECT state, unit_id, overdue_since, outcome, type, subject_unit_id
                        FROM supervised_case WHERE case_id = ? FOR UPDATE""")
                .param(caseId)
                .query((rs, n) -> new Row(rs.getString(1), (Long) rs.getObject(2),
                        Optional.ofNullable(rs.getDate(3)).map(Date::toLocalDate).orElse(null), rs.getString(4),
                        rs.getString(5), (Long) rs.getObject(6)))
                .single();
    }

    /** The case stops counting as open and overdue for its unit (it was reported, reassigned or closed). */
    private void leaveOpenOverdue(Row before) {
        if (before.openOverdue()) {
            jdbc.sql("UPDATE unit_open_overdue SET cases = greatest(cases - 1, 0) WHERE unit_id = ?")
                    .param(before.unitId()).update();
        }
    }

    private void bump(long unitId, LocalDate month, String counter, int by) {
        unitMonths.bump(unitId, month, counter, by);
    }

    static LocalDate monthOf(Instant at) {
        return at.atZone(CityTime.ZONE).toLocalDate().withDayOfMonth(1);
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
