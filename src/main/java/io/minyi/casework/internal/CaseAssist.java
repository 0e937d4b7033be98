package io.minyi.casework.internal;

import java.time.Instant;
import java.time.LocalDate;

/**
 * 协办: one assisting unit's part of a case — its deadline and, once filed, its written contribution. The lead unit
 * (the case's responsible unit) alone reports for the case; a part still open when the case's conclusion is approved
 * lapses. {@code id} is null until the part is first saved.
 */
public record CaseAssist(Long id, long unitId, LocalDate deadline, State state, String report, Instant assignedAt,
                         Instant reportedAt) {

    public enum State { OPEN, REPORTED, LAPSED }

    public CaseAssist {
        if (deadline == null || state == null || assignedAt == null) {
            throw new IllegalArgumentException("a part needs a deadline, a state and the time it was assigned");
        }
    }

    static CaseAssist assigned(long unitId, LocalDate deadline, Instant at) {
        return new CaseAssist(null, unitId, deadline, State.OPEN, null, at, null);
    }

    public boolean open() {
        return state == State.OPEN;
    }

    CaseAssist filed(String text, Instant at) {
        return new CaseAssist(id, unitId, deadline, State.REPORTED, text, assignedAt, at);
    }

    CaseAssist lapsed() {
        return new CaseAssist(id, unitId, deadline, State.LAPSED, report, assignedAt, reportedAt);
    }

    /** Filed on or before its deadline, by the city's calendar day. */
    public boolean onTime() {
        return reportedAt != null && !LocalDate.ofInstant(reportedAt, Case.CHINA).isAfter(deadline);
    }
}
