package io.minyi.dispute.internal;

/** 司法确认状态; people read it as {@code dispute.confirmationStatus.<CONSTANT>}. */
public enum ConfirmationStatus {
    APPLIED, CONFIRMED, REJECTED
}
