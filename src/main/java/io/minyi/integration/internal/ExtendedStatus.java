package io.minyi.integration.internal;

import io.minyi.casework.CaseState;

/** FixMyStreet's extended statuses (mySociety Open311 extension), from where the case stands in the loop. */
public enum ExtendedStatus {
    OPEN, INVESTIGATING, IN_PROGRESS, FIXED, CLOSED, NO_FURTHER_ACTION, DUPLICATE, INTERNAL_REFERRAL, REOPEN;

    public static ExtendedStatus of(CaseState state) {
        return switch (state) {
            case RECEIVED -> OPEN;
            case ACCEPTED, TRIAGED -> INVESTIGATING;
            case DISPATCHED, SIGNED, RETURN_REQUESTED, REPORTED, UNDER_REVIEW -> IN_PROGRESS;
            case REOPENED -> REOPEN;
            case AWAITING_FEEDBACK, CLOSED, CLOSED_NO_FEEDBACK -> FIXED;
            case REJECTED -> NO_FURTHER_ACTION;
            case MERGED -> DUPLICATE;
            case TRANSFERRED -> INTERNAL_REFERRAL;
            case ARCHIVED -> CLOSED;
        };
    }

    /** GeoReport v2's own status: open while the case is in the loop. */
    public static String baseStatus(CaseState state) {
        return state.isOpen() ? "open" : "closed";
    }
}
