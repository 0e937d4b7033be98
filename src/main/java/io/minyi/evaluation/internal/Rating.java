package io.minyi.evaluation.internal;

import java.util.Optional;

/** The three answers a resident can give to every question. */
public enum Rating {
    SATISFIED, BASICALLY_SATISFIED, DISSATISFIED;

    public static Optional<Rating> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        for (Rating r : values()) {
            if (r.name().equals(text)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    public String messageKey() {
        return "evaluation.rating." + name();
    }
}
