package io.minyi.dispute.internal;

/** 协议书签署方式. */
public enum Signature implements Labelled {
    SCAN("已上传签字扫描件"),
    PAPER("调解员确认已纸面签字");

    private final String label;

    Signature(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
