package io.minyi.dispute.internal;

/** 调解组织类别; people read it as {@code dispute.orgKind.<CONSTANT>}. */
public enum OrgKind {
    VILLAGE_COMMITTEE, TOWNSHIP_COMMITTEE, PROFESSIONAL, COURT_PRELITIGATION, CHAMBER, DEPUTIES_ROOM
}
