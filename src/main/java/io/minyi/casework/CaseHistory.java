package io.minyi.casework;

import java.time.Instant;
import java.util.List;

/**
 * The loop's history of one case, for a module that shows it beside its own record (the dispute page). The caller
 * has already decided that its user may see the case; internal comments stay out (only the public notes travel).
 */
public interface CaseHistory {

    List<Step> stepsOf(long caseId);

    /** What the raiser or registrar wrote, for a module that files the case under its own record. */
    java.util.Optional<String> contentOf(long caseId);

    record Step(Instant at, String actor, String actorUnit, String action, CaseState to, String publicNote) {
    }
}
