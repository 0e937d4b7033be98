package io.minyi.dispute.internal;

/** 调解不成时的引导. */
public enum Guidance implements Labelled {
    LITIGATION("引导诉讼"),
    ARBITRATION("引导仲裁"),
    ADMINISTRATIVE("引导行政裁决");

    private final String label;

    Guidance(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
