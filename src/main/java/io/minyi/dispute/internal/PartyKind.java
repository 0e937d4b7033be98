package io.minyi.dispute.internal;

/** 自然人或法人. */
public enum PartyKind implements Labelled {
    NATURAL("自然人"),
    LEGAL("法人或其他组织");

    private final String label;

    PartyKind(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
