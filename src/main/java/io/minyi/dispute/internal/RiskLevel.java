package io.minyi.dispute.internal;

/** Risk of a civil dispute turning criminal (民转刑). */
public enum RiskLevel implements Labelled {
    LOW("低"), MEDIUM("中"), HIGH("高");

    private final String label;

    RiskLevel(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** HIGH or MEDIUM: a risk that, once brought down without violence, counts as prevented. */
    public boolean elevated() {
        return this != LOW;
    }
}
