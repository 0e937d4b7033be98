package io.minyi.dispute.internal;

/** 当事人身份; people read it as {@code dispute.partyRole.<CONSTANT>}. */
public enum PartyRole {
    APPLICANT, RESPONDENT, THIRD_PARTY
}
