package io.minyi.dispute.internal;

/** 调解员类别. */
public enum MediatorKind implements Labelled {
    EXPERT("调解专家"),
    FULL_TIME("专职调解员"),
    INVITED("特邀调解员"),
    DUTY_LAWYER("值班律师");

    private final String label;

    MediatorKind(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
