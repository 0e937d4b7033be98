package io.minyi.dispute.internal;

/** 协议书签署方式; people read it as {@code dispute.signature.<CONSTANT>}. */
public enum Signature {
    SCAN, PAPER
}
