package io.minyi.casework.internal;

import io.minyi.platform.Decision;

/** The length limits of what staff write on a case, kept here once so the page, the import and the aggregate agree. */
final class CaseLimits {

    static final int TEXT = 5000;

    private CaseLimits() {
    }

    /** Required, and at most {@link #TEXT} characters. */
    static Decision text(String text, String requiredReason) {
        if (text == null || text.isBlank()) {
            return Decision.refused(requiredReason);
        }
        return text.length() > TEXT ? Decision.refused("casework.refused.textTooLong") : Decision.allowed();
    }
}
