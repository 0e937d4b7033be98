package io.minyi.platform;

/**
 * The answer of a business rule: allowed, or refused with a reason a person can read. A refusal is a value the web
 * layer shows, never an exception that turns into a 500.
 */
public sealed interface Decision permits Decision.Allowed, Decision.Refused {

    Allowed ALLOWED = new Allowed();

    static Decision allowed() {
        return ALLOWED;
    }

    /** @param reason message key or plain Chinese text, shown to the user */
    static Decision refused(String reason) {
        return new Refused(reason);
    }

    default boolean isAllowed() {
        return this instanceof Allowed;
    }

    /** Combines rules: the first refusal wins. */
    default Decision and(java.util.function.Supplier<Decision> next) {
        return isAllowed() ? next.get() : this;
    }

    record Allowed() implements Decision {
    }

    record Refused(String reason) implements Decision {
        public Refused {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("a refusal needs a reason");
            }
        }
    }
}
