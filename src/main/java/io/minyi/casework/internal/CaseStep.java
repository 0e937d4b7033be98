package io.minyi.casework.internal;

import io.minyi.casework.CaseState;
import io.minyi.casework.Outcome;

import java.time.Instant;
import java.util.List;

/**
 * One line of the ledger (台账). {@code publicNote} is what the resident may read about this step; internal comments
 * stay in {@code comment}.
 */
public record CaseStep(Instant at, String actor, Long actorUnitId, String actorUnit, Move action, CaseState from,
                       CaseState to, String comment, List<Long> evidenceIds, String publicNote, Outcome outcome,
                       Integer personsDisciplined) {
    public CaseStep {
        evidenceIds = List.copyOf(evidenceIds);
    }

    /** A step that reports no outcome. */
    public CaseStep(Instant at, String actor, Long actorUnitId, String actorUnit, Move action, CaseState from,
                    CaseState to, String comment, List<Long> evidenceIds, String publicNote) {
        this(at, actor, actorUnitId, actorUnit, action, from, to, comment, evidenceIds, publicNote, null, null);
    }

    /** The ledger keeps what each report said, so every figure can be recomputed from the ledger alone. */
    CaseStep withOutcome(Outcome reported, int persons) {
        return new CaseStep(at, actor, actorUnitId, actorUnit, action, from, to, comment, evidenceIds, publicNote,
                reported, persons);
    }
}
