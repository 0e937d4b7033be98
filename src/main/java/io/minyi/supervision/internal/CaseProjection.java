package io.minyi.supervision.internal;

import io.minyi.platform.CityTime;
import io.minyi.casework.CaseEvents.CaseAssistAssigned;
import io.minyi.casework.CaseEvents.CaseAssistReported;
import io.minyi.casework.CaseEvents.CaseAwaitingFeedback;
import io.minyi.casework.CaseEvents.CaseEscalated;
import io.minyi.casework.CaseEvents.CaseConcluded;
import io.minyi.casework.CaseEvents.CaseDispatched;
import io.minyi.casework.CaseEvents.CaseReceived;
import io.minyi.casework.CaseEvents.CaseRejected;
import io.minyi.casework.CaseEvents.CaseReopened;
import io.minyi.casework.CaseEvents.CaseReported;
import io.minyi.casework.CaseEvents.CaseReturnRequested;
import io.minyi.casework.CaseEvents.CaseSentBack;
import io.minyi.casework.CaseEvents.CaseTransferred;
import io.minyi.casework.CaseEvents.CaseVerificationOngoing;
import io.minyi.casework.CaseType;
import io.minyi.casework.Outcome;
import io.minyi.org.OrgDirectory;
import io.minyi.platform.PublicationDrains;
import io.minyi.platform.ReplayedOnLoss;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Keeps {@code supervised_case} and the unit month figures from casework's events. Events of one case may arrive in
 * any order (listeners run concurrently), so every write is an upsert and counters move only on a real change of
 * state, read under a row lock.
 */
@Component
@RequiredArgsConstructor
class CaseProjection {

    private final JdbcClient jdbc;
    private final OrgDirectory org;
    private final HighFrequencyAlerts alerts;
    private final UnitMonths unitMonths;
    private final PublicationDrains drains;

    private record Row(String state, Long unitId, LocalDate overdueSince, Outcome outcome, String type,
                       Long subjectUnitId, Long scoredUnitId, LocalDate scoredMonth) {
        boolean openOverdue() {
            return "DISPATCHED".equals(state) && overdueSince != null && unitId != null;
        }
    }

    /**
     * The case's row made, or completed when another event made it first, in one statement (issue 11), which also
     * writes the case's raised-about rows when it has a subject or resembles a matter (one round trip, not two). Its
     * {@code RETURNING} lets the transaction commit without waiting for the disk ({@link ReplayedOnLoss}): the upsert
     * always returns its row. With {@link CasesReceivedInBatches} the method only wakes the drain of its publications,
     * which hands them to {@link #received(List)} (decision 0060).
     */
    @ApplicationModuleListener
    void on(CaseReceived e) {
        if (!drains.nudge(RECEIVED_LISTENER)) {
            received(e);
        }
    }

    /** The listener above as Spring Modulith names it: {@link CasesReceivedInBatches} drains its publications. */
    static final String RECEIVED_LISTENER = CaseProjection.class.getName() + ".on(" + CaseReceived.class.getName()
            + ")";

    private static final String RECEIVED = """
            INSERT INTO supervised_case (case_id, jurisdiction_id, jurisdiction_path, state, type, category,
                subject_unit_id, subject_officer_id, received_at)
            VALUES (?,?,?,'RECEIVED',?,?,?,?,?)
            ON CONFLICT (case_id, city_id) DO UPDATE SET type = EXCLUDED.type,
                category = coalesce(EXCLUDED.category, supervised_case.category),
                subject_unit_id = EXCLUDED.subject_unit_id, subject_officer_id = EXCLUDED.subject_officer_id,
                received_at = EXCLUDED.received_at, updated_at = now()
            RETURNING\s""" + ReplayedOnLoss.IN_STATEMENT;

    void received(CaseReceived e) {
        PendingWrite row = received(e, path(e.jurisdictionId()));
        alerts.recordAndCheck(e, row);
        row.flush(jdbc);
    }

    private static PendingWrite received(CaseReceived e, String path) {
        return new PendingWrite(RECEIVED, e.caseId(), e.jurisdictionId(), path, e.type().name(), e.category(),
                e.subjectUnitId(), e.subjectOfficerId(), timestamp(e.at()));
    }

    /**
     * Many new cases in one transaction, as {@link #received(CaseReceived)} one after another (decision 0060): their
     * rows in one upsert, in case id order, then their raised-about rows and judgements together. A case twice (an
     * insert may not touch a row twice) has its later events' upserts after, in turn, on its own row.
     */
    void received(List<CaseReceived> events) {
        Map<Long, CaseReceived> first = new TreeMap<>();
        List<CaseReceived> again = new ArrayList<>();
        for (CaseReceived e : events) {
            if (first.putIfAbsent(e.caseId(), e) != null) {
                again.add(e);
            }
        }
        List<CaseReceived> rows = List.copyOf(first.values());
        jdbc.sql("""
                        INSERT INTO supervised_case (case_id, jurisdiction_id, jurisdiction_path, state, type, category,
                            subject_unit_id, subject_officer_id, received_at)
                        SELECT x.case_id, x.jurisdiction_id, x.path, 'RECEIVED', x.type, x.category, x.unit_id,
                            x.officer_id, x.received_at::timestamptz
                        FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[],
                                    ?::text[]) WITH ORDINALITY
                             AS x(case_id, jurisdiction_id, path, type, category, unit_id, officer_id, received_at, n)
                        ORDER BY x.n
                        ON CONFLICT (case_id, city_id) DO UPDATE SET type = EXCLUDED.type,
                            category = coalesce(EXCLUDED.category, supervised_case.category),
                            subject_unit_id = EXCLUDED.subject_unit_id, subject_officer_id = EXCLUDED.subject_officer_id,
                            received_at = EXCLUDED.received_at, updated_at = now()""")
                .params(rows.stream().map(CaseReceived::caseId).toArray(Long[]::new),
                        rows.stream().map(CaseReceived::jurisdictionId).toArray(Long[]::new),
                        rows.stream().map(e -> path(e.jurisdictionId())).toArray(String[]::new),
                        rows.stream().map(e -> e.type().name()).toArray(String[]::new),
                        rows.stream().map(CaseReceived::category).toArray(String[]::new),
                        rows.stream().map(CaseReceived::subjectUnitId).toArray(Long[]::new),
                        rows.stream().map(CaseReceived::subjectOfficerId).toArray(Long[]::new),
                        rows.stream().map(e -> e.at().toString()).toArray(String[]::new))
                .update();
        again.forEach(e -> received(e, path(e.jurisdictionId())).flush(jdbc));
        alerts.recordAndCheck(events);
    }

    @ApplicationModuleListener
    void on(CaseDispatched e) {
        leaving(e.caseId(), e.jurisdictionId());
        set(e.caseId(), """
                        type = coalesce(type, ?), category = coalesce(?, category), risk_level = ?, unit_id = ?,
                        deadline = ?, state = 'DISPATCHED', dispatched_at = ?, overdue_since = NULL""",
                e.type().name(), e.category(), e.riskLevel() == null ? null : e.riskLevel().name(), e.unitId(),
                Date.valueOf(e.deadline()), timestamp(e.at()));
    }

    @ApplicationModuleListener
    void on(CaseRejected e) {
        ensure(e.caseId(), e.jurisdictionId());
        set(e.caseId(), "state = 'REJECTED', final_state = 'REJECTED', closed_at = ?", timestamp(e.at()));
    }

    @ApplicationModuleListener
    void on(CaseReported e) {
        Row before = leaving(e.caseId(), e.jurisdictionId());
        set(e.caseId(), "state = 'REPORTED', reported_at = ?, outcome = ?, persons_disciplined = ?, on_time = ?, unit_id = ?",
                timestamp(e.at()), e.outcome().name(), e.personsDisciplined(), e.onTime(), e.unitId());
        LocalDate month = monthOf(e.at());
        bump(e.unitId(), month, "reported", 1);
        if (e.type() == CaseType.CLUE && e.outcome().decidesClue()) {
            scoreVerdict(e, before, month);
        }
    }

    /**
     * A clue is decided once, scored against its subject unit (its conduct is what the clue is about) in the month of
     * its first verdict; a verdict changed after a send-back moves that month's counters rather than adding a clue.
     */
    private void scoreVerdict(CaseReported e, Row before, LocalDate month) {
        if (before.scoredUnitId() == null) {
            long scored = before.subjectUnitId() != null ? before.subjectUnitId() : e.unitId();
            jdbc.sql("UPDATE supervised_case SET scored_unit_id = ?, scored_month = ? WHERE case_id = ?")
                    .params(scored, Date.valueOf(month), e.caseId()).update();
            bump(scored, month, "clues_decided", 1);
            verdictCounter(e.outcome(), scored, month, 1);
        } else if (before.outcome() != e.outcome()) {
            verdictCounter(before.outcome(), before.scoredUnitId(), before.scoredMonth(), -1);
            verdictCounter(e.outcome(), before.scoredUnitId(), before.scoredMonth(), 1);
        }
    }

    private void verdictCounter(Outcome verdict, long unit, LocalDate month, int by) {
        if (verdict == null) {
            return;
        }
        switch (verdict) {
            case SUBSTANTIATED -> bump(unit, month, "clues_substantiated", by);
            case PARTLY_SUBSTANTIATED -> bump(unit, month, "clues_partly_substantiated", by);
            case UNFOUNDED, RESOLVED, UNRESOLVED -> {
            }
        }
    }

    /** 核查中 with an extended deadline: the ladder chases the new deadline, and the old one stops counting. */
    @ApplicationModuleListener
    void on(CaseVerificationOngoing e) {
        ensure(e.caseId(), e.jurisdictionId());
        if (!e.extended()) {
            return;
        }
        leaveOpenOverdue(lock(e.caseId()));
        set(e.caseId(), "state = 'DISPATCHED', unit_id = ?, deadline = ?, overdue_since = NULL", e.unitId(),
                Date.valueOf(e.deadline()));
    }

    /**
     * A report sent back puts the case with the unit again under its running deadline: the ladder chases it as a
     * dispatched case, and a case already marked overdue counts as open and overdue again.
     */
    @ApplicationModuleListener
    void on(CaseSentBack e) {
        Row before = locked(e.caseId(), e.jurisdictionId());
        if ("CONCLUDED".equals(before.state())) {
            return;
        }
        boolean wasOpenOverdue = before.openOverdue();
        set(e.caseId(), "state = 'DISPATCHED', unit_id = ?, deadline = ?", e.unitId(), Date.valueOf(e.deadline()));
        boolean sameDeadlineOverdue = before.overdueSince() != null;
        if (!wasOpenOverdue && sameDeadlineOverdue) {
            unitMonths.caseBecameOverdue(e.unitId());
        }
    }

    /** The unit asked to give the case back: the dispatcher owes the next move, so no letter goes to the unit. */
    @ApplicationModuleListener
    void on(CaseReturnRequested e) {
        leaving(e.caseId(), e.jurisdictionId());
        set(e.caseId(), "state = 'RETURN_REQUESTED'");
    }

    @ApplicationModuleListener
    void on(CaseAwaitingFeedback e) {
        ensure(e.caseId(), e.jurisdictionId());
        set(e.caseId(), "state = 'AWAITING_FEEDBACK'");
        closeOpenParts(e.caseId());
    }

    /** 协办: a new part for the assisting unit (a unit named again starts over in the same row). */
    @ApplicationModuleListener
    void on(CaseAssistAssigned e) {
        ensure(e.caseId(), e.jurisdictionId());
        jdbc.sql("""
                        INSERT INTO supervised_assist (case_id, unit_id, deadline, state) VALUES (?,?,?,'OPEN')
                        ON CONFLICT (case_id, unit_id, city_id) DO UPDATE SET deadline = EXCLUDED.deadline, state = 'OPEN',
                            overdue_since = NULL""")
                .params(e.caseId(), e.assistUnitId(), Date.valueOf(e.deadline())).update();
    }

    /**
     * A part filed: on time, or late — counted overdue now unless the ladder already found it so (a part is counted
     * once, either on time or overdue).
     */
    @ApplicationModuleListener
    void on(CaseAssistReported e) {
        ensure(e.caseId(), e.jurisdictionId());
        LocalDate before = jdbc.sql("""
                        SELECT overdue_since FROM supervised_assist WHERE case_id = ? AND unit_id = ? FOR UPDATE""")
                .params(e.caseId(), e.assistUnitId())
                .query((rs, n) -> Optional.ofNullable(rs.getDate(1)).map(Date::toLocalDate)).optional()
                .flatMap(d -> d).orElse(null);
        jdbc.sql("""
                        INSERT INTO supervised_assist (case_id, unit_id, deadline, state, overdue_since)
                        VALUES (?,?,?,'REPORTED',?)
                        ON CONFLICT (case_id, unit_id, city_id) DO UPDATE SET state = 'REPORTED',
                            overdue_since = coalesce(supervised_assist.overdue_since, EXCLUDED.overdue_since)""")
                .params(e.caseId(), e.assistUnitId(), Date.valueOf(e.deadline()),
                        e.onTime() ? null : Date.valueOf(e.at().atZone(CityTime.ZONE).toLocalDate()))
                .update();
        LocalDate month = monthOf(e.at());
        unitMonths.bumpAssist(e.assistUnitId(), month, "reported", 1);
        if (e.onTime()) {
            unitMonths.bumpAssist(e.assistUnitId(), month, "on_time", 1);
        } else if (before == null) {
            unitMonths.bumpAssist(e.assistUnitId(), month, "overdue", 1);
        }
    }

    /**
     * 上报: a unit that gave the case up to the level above no longer holds it — no deadline runs and the ladder stops
     * until the upper centre dispatches it again; its assisting units' open parts close with it.
     */
    @ApplicationModuleListener
    void on(CaseEscalated e) {
        ensure(e.caseId(), e.jurisdictionId());
        if (e.fromUnitId() == null) {
            return;
        }
        Row before = lock(e.caseId());
        if ("CONCLUDED".equals(before.state())) {
            return;
        }
        leaveOpenOverdue(before);
        set(e.caseId(), "state = 'ESCALATED', deadline = NULL, overdue_since = NULL");
        closeOpenParts(e.caseId());
    }

    /** The case went on without the parts still open: the ladder no longer looks at them. */
    private void closeOpenParts(long caseId) {
        jdbc.sql("UPDATE supervised_assist SET state = 'CLOSED' WHERE case_id = ? AND state = 'OPEN'")
                .param(caseId).update();
    }

    @ApplicationModuleListener
    void on(CaseConcluded e) {
        Row before = locked(e.caseId(), e.jurisdictionId());
        if ("CONCLUDED".equals(before.state())) {
            return;
        }
        leaveOpenOverdue(before);
        set(e.caseId(), "state = 'CONCLUDED', final_state = ?, closed_at = ?, on_time = ?, satisfied = ?, "
                + "outcome = coalesce(?, outcome)", e.finalState().name(), timestamp(e.at()), e.onTime(),
                e.satisfied(), e.outcome() == null ? null : e.outcome().name());
        Long unit = e.unitId() != null ? e.unitId() : before.unitId();
        if (unit != null && e.handledByUnit()) {
            LocalDate month = monthOf(e.at());
            bump(unit, month, "closed", 1);
            if (e.onTime()) {
                bump(unit, month, "closed_on_time", 1);
            }
            if (Boolean.TRUE.equals(e.satisfied())) {
                bump(unit, month, "satisfied", 1);
                if (e.staffRecorded()) {
                    bump(unit, month, "satisfied_by_staff", 1);
                }
            }
        }
    }

    @ApplicationModuleListener
    void on(CaseReopened e) {
        leaving(e.caseId(), e.jurisdictionId());
        set(e.caseId(), "state = 'DISPATCHED', unit_id = ?, deadline = ?, reopen_count = ?, overdue_since = NULL, "
                + "final_state = NULL, closed_at = NULL", e.unitId(), Date.valueOf(e.newDeadline()), e.reopenCount());
        bump(e.unitId(), monthOf(e.at()), "reopened", 1);
        if (e.staffRecorded()) {
            bump(e.unitId(), monthOf(e.at()), "reopened_by_staff", 1);
        }
    }

    @ApplicationModuleListener
    void on(CaseTransferred e) {
        leaving(e.caseId(), e.jurisdictionId());
        set(e.caseId(), "state = 'TRANSFERRED', final_state = 'TRANSFERRED', closed_at = ?", timestamp(e.at()));
    }

    private String path(long jurisdictionId) {
        return org.jurisdiction(jurisdictionId).map(j -> j.path()).orElse("/");
    }

    private void ensure(long caseId, long jurisdictionId) {
        String path = path(jurisdictionId);
        jdbc.sql("""
                        INSERT INTO supervised_case (case_id, jurisdiction_id, jurisdiction_path, state)
                        VALUES (?,?,?,'RECEIVED') ON CONFLICT (case_id, city_id) DO NOTHING""")
                .params(caseId, jurisdictionId, path).update();
    }

    /** The case's row (made if this is the first event heard of it), locked for the change. */
    private Row locked(long caseId, long jurisdictionId) {
        ensure(caseId, jurisdictionId);
        return lock(caseId);
    }

    /** Locks the case's row and ends its count as open and overdue: it was reported, reassigned or closed. */
    private Row leaving(long caseId, long jurisdictionId) {
        Row before = locked(caseId, jurisdictionId);
        leaveOpenOverdue(before);
        return before;
    }

    /** Sets the given columns of the case's row, and its time of update. */
    private void set(long caseId, String columns, Object... values) {
        List<Object> params = new ArrayList<>(Arrays.asList(values));
        params.add(caseId);
        jdbc.sql("UPDATE supervised_case SET " + columns + ", updated_at = now() WHERE case_id = ?").params(params)
                .update();
    }

    private Row lock(long caseId) {
        return jdbc.sql("""
                        SELECT state, unit_id, overdue_since, outcome, type, subject_unit_id, scored_unit_id, scored_month
                        FROM supervised_case WHERE case_id = ? FOR UPDATE""")
                .param(caseId)
                .query((rs, n) -> new Row(rs.getString(1), (Long) rs.getObject(2),
                        Optional.ofNullable(rs.getDate(3)).map(Date::toLocalDate).orElse(null),
                        Optional.ofNullable(rs.getString(4)).map(Outcome::valueOf).orElse(null),
                        rs.getString(5), (Long) rs.getObject(6), (Long) rs.getObject(7),
                        Optional.ofNullable(rs.getDate(8)).map(Date::toLocalDate).orElse(null)))
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

    private static Timestamp timestamp(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
