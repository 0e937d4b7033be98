package io.minyi.casework.internal;

import io.minyi.casework.CaseState;

import java.time.Instant;
import java.util.List;

/**
 * One line of the ledger (台账). {@code publicNote} is what the resident may read about this step; internal comments
 * stay in {@code comment}.
 */
public record CaseStep(Instant at, String actor, Long actorUnitId, String actorUnit, Move action, CaseState from,
                       CaseState to, String comment, List<Long> evidenceIds, String publicNote) {
    public CaseStep {
        evidenceIds = List.copyOf(evidenceIds);
    }
}
