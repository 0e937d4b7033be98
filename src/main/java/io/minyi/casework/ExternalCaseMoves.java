package io.minyi.casework;

import io.minyi.org.StaffUser;

/**
 * Moves that reach a case from outside the loop — an Open311 client's comment, the 12345 hotline's result on a case
 * transferred to it, the hand-over of a substantiated clue to discipline inspection and discipline's decision. Each
 * is a guarded method of the case aggregate that appends one ledger step (and an audit event) without changing the
 * state, so the loop stays the only way a state changes.
 *
 * @throws io.minyi.platform.RefusedException when the case refuses the move (409 state, 403 role/scope)
 * @throws io.minyi.platform.NotFoundException when the case does not exist or the staff member may not see it
 */
public interface ExternalCaseMoves {

    /** A comment from an outside client ({@code source} names it in the ledger, e.g. {@code open311:fixmystreet}). */
    void comment(long caseId, String source, String text);

    /** The hotline's result on a case transferred to it (state TRANSFERRED or ARCHIVED); the raiser reads it. */
    void recordHotlineResult(long caseId, String source, String result);

    /** A dispatcher hands a substantiated clue over to discipline inspection; publishes CaseHandedToDiscipline. */
    void handOverToDiscipline(long caseId, StaffUser by, String reason);

    /** Discipline inspection records its decision on the case's ledger. */
    void recordDisciplineResult(long caseId, StaffUser by, String result);
}
