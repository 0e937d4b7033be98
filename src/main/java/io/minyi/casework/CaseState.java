package io.minyi.casework;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a case stands in the loop (排 研 交 办 督 结 评). Its label ({@code casework.caseState.*}) is what a resident
 * reads on the tracking page, so it says what is happening in plain words and nothing internal.
 */
public enum CaseState {
    RECEIVED, ACCEPTED, TRIAGED, DISPATCHED, SIGNED, RETURN_REQUESTED, REPORTED, UNDER_REVIEW, AWAITING_FEEDBACK,
    REOPENED, CLOSED, CLOSED_NO_FEEDBACK, REJECTED, MERGED, TRANSFERRED, ARCHIVED;

    /** States in which the case is still being worked on (the open pool, deadlines, duplicate suggestions). */
    public static final Set<CaseState> OPEN = EnumSet.of(RECEIVED, ACCEPTED, TRIAGED, DISPATCHED, SIGNED,
            RETURN_REQUESTED, REPORTED, UNDER_REVIEW, REOPENED);

    /** States in which a unit holds the case and its deadline runs. */
    public static final Set<CaseState> WITH_UNIT = EnumSet.of(DISPATCHED, SIGNED, RETURN_REQUESTED, REPORTED, REOPENED);

    public boolean isOpen() {
        return OPEN.contains(this);
    }
}
