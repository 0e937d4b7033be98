package io.minyi.casework.internal;

/** The raiser's verdict on the handling (群众回评). */
public enum Satisfaction {
    SATISFIED("满意"), BASICALLY_SATISFIED("基本满意"), DISSATISFIED("不满意");

    private final String label;

    Satisfaction(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean reopens() {
        return this == DISSATISFIED;
    }
}
