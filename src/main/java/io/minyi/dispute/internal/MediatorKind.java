package io.minyi.dispute.internal;

/** 调解员类别; people read it as {@code dispute.mediatorKind.<CONSTANT>}, in a sheet in either language. */
public enum MediatorKind {
    EXPERT, FULL_TIME, INVITED, DUTY_LAWYER
}
