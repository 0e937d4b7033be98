package io.minyi.dispute.internal;

/** 调解进程；the case's own loop state lives in casework. */
public enum DisputeStatus implements Labelled {
    REGISTERED("待指派"),
    MEDIATING("调解中"),
    AGREED("调解成功"),
    NOT_REACHED("调解不成"),
    WITHDRAWN("撤回");

    private final String label;

    DisputeStatus(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
