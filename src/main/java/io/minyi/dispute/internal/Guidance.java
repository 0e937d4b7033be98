package io.minyi.dispute.internal;

/** 调解不成时的引导; people read it as {@code dispute.guidance.<CONSTANT>}. */
public enum Guidance {
    LITIGATION, ARBITRATION, ADMINISTRATIVE
}
