package io.minyi.dispute.internal;

/** 纠纷来源（DOMAIN.md §1 案件来源 plus the channels of the pool）; people read it as {@code dispute.disputeSource.<CONSTANT>}. */
public enum DisputeSource {
    GRID_VISIT, WALK_IN, PETITION, HOTLINE, COURT_REFERRAL, POLICE_REFERRAL, SCREENING, OWN_INITIATIVE, GOVERNMENT
}
