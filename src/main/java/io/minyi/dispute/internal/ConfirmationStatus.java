package io.minyi.dispute.internal;

/** 司法确认状态. */
public enum ConfirmationStatus implements Labelled {
    APPLIED("已申请"),
    CONFIRMED("裁定有效"),
    REJECTED("裁定驳回");

    private final String label;

    ConfirmationStatus(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
