package io.minyi.dispute.internal;

/** 纠纷来源（DOMAIN.md §1 案件来源 plus the channels of the pool）. */
public enum DisputeSource implements Labelled {
    GRID_VISIT("网格走访"),
    WALK_IN("来访申请"),
    PETITION("信访"),
    HOTLINE("12345热线"),
    COURT_REFERRAL("法院委派（诉前）"),
    POLICE_REFERRAL("公安移交"),
    SCREENING("排查发现"),
    OWN_INITIATIVE("主动调解"),
    GOVERNMENT("政府指定");

    private final String label;

    DisputeSource(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
