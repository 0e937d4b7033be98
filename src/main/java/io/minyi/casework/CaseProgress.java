package io.minyi.casework;

import io.minyi.org.StaffUser;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

/**
 * For the module that handed a case in and follows it on the raiser's behalf (grid events: the grid worker). Reads
 * where cases stand, and lets a grid worker confirm a grid event on site (核实) — the one move a raiser's stand-in
 * makes in the loop.
 */
public interface CaseProgress {

    /** Where each of the given cases stands; unknown ids are left out. */
    List<Progress> of(Collection<Long> caseIds);

    /**
     * 核实: the grid worker confirms on site that a GRID_EVENT case awaiting feedback is resolved (→ CLOSED, publishes
     * {@link CaseEvents.CaseConcluded}) or not (→ REOPENED with a new deadline, publishes
     * {@link CaseEvents.CaseReopened} and {@link CaseEvents.CaseDispatched}; a note is required).
     *
     * @throws io.minyi.platform.NotFoundException when the case is not from one of the worker's grids
     * @throws io.minyi.platform.RefusedException  when the case is not awaiting confirmation, or the input is refused
     */
    void confirmOnSite(long caseId, StaffUser worker, boolean resolved, String note);

    record Progress(long caseId, String trackingCode, CaseState state, LocalDate deadline, String unitName,
                    Instant closedAt) {
    }
}
