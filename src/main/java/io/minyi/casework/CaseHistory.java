package io.minyi.casework;

import java.time.Instant;
import java.util.List;

/**
 * The loop's history of one case, for a module that shows it beside its own record (the dispute page). The caller
 * has already decided that its user may see the case; internal comments stay out (only the public notes travel).
 */
public interface CaseHistory {

    List<Step> stepsOf(long caseId);

    record Step(Instant at, String actor, String actorUnit, String action, CaseState to, String publicNote) {
    }
}
