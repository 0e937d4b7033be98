package io.minyi.casework;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What casework tells the rest of the system, published through the Modulith event publication registry so that no
 * listener misses one on a crash. Events carry ids and enums, never a raiser's name or phone (they are stored), and
 * never a state or an outcome as text: a listener switches over the enum, so the compiler sees every case.
 * <p>
 * Every move that changes what another module sees publishes one of these; see docs/casework.md for the table of
 * moves and their events.
 */
public final class CaseEvents {

    private CaseEvents() {
    }

    public record CaseReceived(long caseId, CaseType type, SourceChannel channel, long jurisdictionId,
                               Long subjectUnitId, Long subjectOfficerId, String raiserKey, String category,
                               Instant at) {
    }

    /**
     * A case without a named subject (no unit, no officer) arrived that reads like open cases of the same village or
     * community (Lucene over the distinctive words, as the pool's 可能重复). Supervision counts such reports as one
     * matter for its high-frequency alerts. Not published: supervision asks {@link CaseResemblance} for it when it
     * hears of the case (decision 0041), which spares every case a second event publication.
     */
    public record CaseResemblesOthers(long caseId, CaseType type, long jurisdictionId, String category,
                                      String raiserKey, java.util.List<SimilarCase> similar, Instant at) {
        public CaseResemblesOthers {
            similar = java.util.List.copyOf(similar);
        }
    }

    /** An open case a new one resembles. */
    public record SimilarCase(long caseId, String raiserKey, Instant receivedAt) {
    }

    /**
     * Dispatched (or redispatched, or reopened with a new deadline) to a unit. {@code subjectOfficerId} is there so
     * that whoever tells the unit can leave that officer out.
     */
    public record CaseDispatched(long caseId, CaseType type, String category, RiskLevel riskLevel, long unitId,
                                 long jurisdictionId, LocalDate deadline, boolean redispatch, Instant at,
                                 Long subjectOfficerId) {
    }

    public record CaseRejected(long caseId, CaseType type, long jurisdictionId, String reason, Instant at) {
    }

    /** The unit's report passed its own leader and went up for review. */
    public record CaseReported(long caseId, CaseType type, long unitId, long jurisdictionId, Outcome outcome,
                               int personsDisciplined, boolean onTime, Instant at) {
    }

    /**
     * 核查中: the unit filed an interim report on a clue whose verification goes on. {@code deadline} is the
     * deadline from now on (extended once per dispatch by the rule for the case's type and category).
     */
    public record CaseVerificationOngoing(long caseId, CaseType type, long unitId, long jurisdictionId,
                                          LocalDate deadline, boolean extended, Instant at) {
    }

    /**
     * 下交: the responsible unit passed the case down its own tree to {@code handlingUnitId}, to be handled by
     * {@code handlingDeadline} (inside the unit's own deadline). The responsible unit stays answerable.
     */
    public record CasePassedDown(long caseId, CaseType type, long unitId, long handlingUnitId, long jurisdictionId,
                                 LocalDate handlingDeadline, Long subjectOfficerId, Instant at) {
    }

    /**
     * 协办: {@code assistUnitId} was named to assist the lead unit {@code unitId}, its part due by {@code deadline}.
     * The ladder keeps chasing the lead; the assisting unit's part counts for its own timeliness.
     */
    public record CaseAssistAssigned(long caseId, CaseType type, long unitId, long assistUnitId, long jurisdictionId,
                                     LocalDate deadline, Long subjectOfficerId, Instant at) {
    }

    /** An assisting unit filed its part; {@code onTime} when on or before the part's {@code deadline}. */
    public record CaseAssistReported(long caseId, CaseType type, long unitId, long assistUnitId, long jurisdictionId,
                                     LocalDate deadline, boolean onTime, Instant at) {
    }

    /**
     * 上报: the case went to the governance centre of {@code toJurisdictionId}, the level above. {@code fromUnitId} is
     * the unit that held it and gave it up (null when a centre escalated a case not yet dispatched): it is no longer
     * with that unit, and no deadline runs until the upper centre dispatches it.
     */
    public record CaseEscalated(long caseId, CaseType type, long jurisdictionId, long toJurisdictionId,
                                Long fromUnitId, String reason, Instant at) {
    }

    /** 下交 to a lower level: the centre of {@code toJurisdictionId} is to dispatch and finish it by {@code deadline}. */
    public record CaseHandedDown(long caseId, CaseType type, long jurisdictionId, long toJurisdictionId,
                                 LocalDate deadline, String reason, Instant at) {
    }

    /** Who sent a report back to the unit that made it. */
    public enum SentBackBy { UNIT_LEADER, REVIEWER }

    /**
     * A report was sent back: the case is with the unit again under its running {@code deadline}, so supervision
     * chases it as it chases a dispatched case.
     */
    public record CaseSentBack(long caseId, CaseType type, long unitId, long jurisdictionId, SentBackBy by,
                               LocalDate deadline, Instant at) {
    }

    /** The unit asked to give the case back; the dispatcher now owes the next move, not the unit. */
    public record CaseReturnRequested(long caseId, CaseType type, long unitId, long jurisdictionId, Instant at) {
    }

    /** Review approved: the raiser is now invited to rate the handling. */
    public record CaseAwaitingFeedback(long caseId, CaseType type, long unitId, long jurisdictionId,
                                       boolean raiserHasPhone, Instant at) {
    }

    /**
     * Final: {@code finalState} is CLOSED (rated, not dissatisfied), CLOSED_NO_FEEDBACK, MERGED, TRANSFERRED or
     * ARCHIVED (a rejected case filed away). {@code satisfied} is null when nobody rated; {@code staffRecorded} says
     * the verdict is one staff wrote down on a follow-up call (回访), not the raiser's own rating.
     */
    public record CaseConcluded(long caseId, CaseType type, Long unitId, long jurisdictionId, CaseState finalState,
                                Boolean satisfied, boolean onTime, Outcome outcome, boolean staffRecorded,
                                Instant at) {
        /** Concluded by the unit's handling (not merged away, transferred or rejected). */
        public boolean handledByUnit() {
            return finalState == CaseState.CLOSED || finalState == CaseState.CLOSED_NO_FEEDBACK;
        }
    }

    /**
     * The raiser was dissatisfied (in their own rating, or — {@code staffRecorded} — on a follow-up call): the case
     * goes back to the unit with a new deadline.
     */
    public record CaseReopened(long caseId, CaseType type, long unitId, long jurisdictionId, LocalDate newDeadline,
                               int reopenCount, boolean staffRecorded, Instant at) {
    }

    /** Handed over to the 12345 hotline or to discipline inspection. */
    public record CaseTransferred(long caseId, CaseType type, long jurisdictionId, TransferTarget target,
                                  String reason, Instant at) {
    }

    /** A substantiated clue was handed over to discipline inspection (the case itself goes on in the loop). */
    public record CaseHandedToDiscipline(long caseId, long jurisdictionId, Long subjectUnitId, Long subjectOfficerId,
                                         String reason, Instant at) {
    }
}
