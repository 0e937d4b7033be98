package io.minyi.casework.internal;

import io.minyi.platform.Decision;

import java.time.LocalDate;

/**
 * The deadline a dispatcher set when dispatching: {@code day} null (or equal to the rule's day) keeps the standard
 * deadline of {@link Deadlines}; any other day shortens or extends it and needs a reason, which the ledger and the
 * audit trail keep. Whether the day lies in the future is the aggregate's rule ({@code Case.dispatch}).
 */
public record DeadlineChoice(LocalDate day, String reason) {

    public static final DeadlineChoice STANDARD = new DeadlineChoice(null, null);
    /** Further than a year ahead is a typing slip, not a deadline. */
    static final int MAX_DAYS_AHEAD = 366;

    Decision check(LocalDate standard, LocalDate today) {
        if (!adjusts(standard)) {
            return Decision.allowed();
        }
        if (reason == null || reason.isBlank()) {
            return Decision.refused("casework.refused.deadlineReason");
        }
        if (reason.length() > CaseLimits.COMMENT) {
            return Decision.refused("casework.refused.tooLong");
        }
        return day.isAfter(today.plusDays(MAX_DAYS_AHEAD)) ? Decision.refused("casework.refused.deadlineTooFar")
                : Decision.allowed();
    }

    boolean adjusts(LocalDate standard) {
        return day != null && !day.equals(standard);
    }

    LocalDate dayOr(LocalDate standard) {
        return day == null ? standard : day;
    }

    /** The step's comment: the dispatcher's own, then what was changed and why. */
    String noteOn(LocalDate standard, String comment) {
        if (!adjusts(standard)) {
            return comment;
        }
        String change = LoopWords.of(day.isBefore(standard) ? "deadlineShortened" : "deadlineExtended", standard, day,
                reason.strip());
        return comment == null || comment.isBlank() ? change : comment.strip() + LoopWords.of("separator") + change;
    }
}
