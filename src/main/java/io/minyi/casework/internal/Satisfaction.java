package io.minyi.casework.internal;

/** The raiser's verdict on the handling (群众回评); people read it as {@code casework.satisfaction.<VERDICT>}. */
public enum Satisfaction {
    SATISFIED, BASICALLY_SATISFIED, DISSATISFIED;

    public boolean reopens() {
        return this == DISSATISFIED;
    }
}
