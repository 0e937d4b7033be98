package io.minyi.casework;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What casework tells the rest of the system, published through the Modulith event publication registry so that no
 * listener misses one on a crash. Events carry ids and facts, never a raiser's name or phone (they are stored).
 */
public final class CaseEvents {

    private CaseEvents() {
    }

    public record CaseReceived(long caseId, CaseType type, SourceChannel channel, long jurisdictionId,
                               Long subjectUnitId, Long subjectOfficerId, String raiserKey, String category,
                               Instant at) {
    }

    /** Dispatched (or redispatched, or reopened with a new deadline) to a unit. */
    public record CaseDispatched(long caseId, CaseType type, String category, String riskLevel, long unitId,
                                 long jurisdictionId, LocalDate deadline, boolean redispatch, Instant at) {
    }

    public record CaseRejected(long caseId, CaseType type, long jurisdictionId, String reason, Instant at) {
    }

    /** The unit reported its handling; {@code outcome} is e.g. SUBSTANTIATED, UNFOUNDED, RESOLVED. */
    public record CaseReported(long caseId, CaseType type, long unitId, long jurisdictionId, String outcome,
                               int personsDisciplined, boolean onTime, Instant at) {
    }

    /** Review approved: the raiser is now invited to rate the handling. */
    public record CaseAwaitingFeedback(long caseId, CaseType type, long unitId, long jurisdictionId,
                                       boolean raiserHasPhone, Instant at) {
    }

    /** Final: CLOSED (rated satisfied), CLOSED_NO_FEEDBACK, MERGED, TRANSFERRED or ARCHIVED. */
    public record CaseConcluded(long caseId, CaseType type, Long unitId, long jurisdictionId, String finalState,
                                Boolean satisfied, boolean onTime, String outcome, Instant at) {
    }

    /** The raiser was dissatisfied: the case goes back to the unit with a new deadline. */
    public record CaseReopened(long caseId, CaseType type, long unitId, long jurisdictionId, LocalDate newDeadline,
                               int reopenCount, Instant at) {
    }

    /** Handed over to the 12345 hotline or to discipline inspection. */
    public record CaseTransferred(long caseId, CaseType type, long jurisdictionId, String target, String reason,
                                  Instant at) {
    }

    /** A substantiated clue was handed over to discipline inspection (the case itself goes on in the loop). */
    public record CaseHandedToDiscipline(long caseId, long jurisdictionId, Long subjectUnitId, Long subjectOfficerId,
                                         String reason, Instant at) {
    }
}
