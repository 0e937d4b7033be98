package io.minyi.dispute.internal;

/** 履行情况; people read it as {@code dispute.performance.<CONSTANT>}. */
public enum Performance {
    PERFORMED, PARTLY, NOT_PERFORMED
}
