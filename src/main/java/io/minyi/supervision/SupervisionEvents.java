package io.minyi.supervision;

import java.time.LocalDate;

/** What supervision tells the rest of the system (reporting keeps its roll-ups from these). */
public final class SupervisionEvents {

    private SupervisionEvents() {
    }

    /** A dispatched case passed its deadline unreported; published once per case and deadline. */
    public record CaseWentOverdue(long caseId, long unitId, long jurisdictionId, LocalDate deadline, LocalDate day) {
    }
}
