package io.minyi.dispute.internal;

/** 当事人身份. */
public enum PartyRole implements Labelled {
    APPLICANT("申请人"),
    RESPONDENT("被申请人"),
    THIRD_PARTY("第三人");

    private final String label;

    PartyRole(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
