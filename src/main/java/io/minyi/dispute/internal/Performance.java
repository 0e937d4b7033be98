package io.minyi.dispute.internal;

/** 履行情况. */
public enum Performance implements Labelled {
    PERFORMED("已履行"),
    PARTLY("部分履行"),
    NOT_PERFORMED("未履行");

    private final String label;

    Performance(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
