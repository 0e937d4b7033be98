package io.minyi.dispute.internal;

/** 自然人或法人; people read it as {@code dispute.partyKind.<CONSTANT>}. */
public enum PartyKind {
    NATURAL, LEGAL
}
