package io.minyi.evaluation.internal;

import java.time.Instant;

/**
 * What a public code stands for: a unit, or an officer of a unit. Only what a resident may see of an officer is here
 * (name, position, unit) — nothing personal beyond that.
 */
public record Target(long id, String code, long unitId, String unitName, long jurisdictionId, String jurisdictionPath,
                     Long officerId, String officerName, String position, String badgeNo, boolean active,
                     Instant revokedAt, boolean reissued) {

    public boolean isOfficer() {
        return officerId != null;
    }
}
