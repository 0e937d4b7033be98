package io.minyi.casework.internal;

import io.minyi.platform.Decision;

/** The length limits of what staff write on a case, kept here once so the page, the import and the aggregate agree. */
public final class CaseLimits {

    /** Findings, progress, call notes: what staff write on a case. */
    public static final int TEXT = 5000;
    /** What the raiser wrote. */
    public static final int CONTENT = 5000;
    /** Comments and reasons on a move. */
    public static final int COMMENT = 1000;
    public static final int CATEGORY = 50;
    public static final int NAME = 50;
    /** Assisting units (协办单位) named at once. */
    public static final int ASSISTING_UNITS = 5;

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
