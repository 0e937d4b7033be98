package io.minyi.casework.internal;

/** The identity of a case in the pool. */
public record CaseId(long value) {
    public CaseId {
        if (value <= 0) {
            throw new IllegalArgumentException("case id must be positive");
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
