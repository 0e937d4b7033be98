package io.minyi.dispute.internal;

import io.minyi.platform.Decision;
import io.minyi.platform.RefusedException;

import java.util.Set;

/** Turns a refused {@link Decision} into the 4xx the page shows: 403 for who-may rules, 409 for state rules. */
final class Refusals {

    private static final Set<String> PERMISSION = Set.of(MediationRules.NOT_YOURS, MediationRules.NOT_DISPATCHER);

    private Refusals() {
    }

    static void require(Decision d) {
        if (d instanceof Decision.Refused r) {
            throw new RefusedException(r.reason(), PERMISSION.contains(r.reason()) ? 403 : 409);
        }
    }
}
