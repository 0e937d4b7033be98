package io.minyi.dispute.internal;

/** 调解进程；the case's own loop state lives in casework; people read it as {@code dispute.disputeStatus.<CONSTANT>}. */
public enum DisputeStatus {
    REGISTERED, MEDIATING, AGREED, NOT_REACHED, WITHDRAWN
}
