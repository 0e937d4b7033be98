package io.minyi.casework;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a case stands in the loop (排 研 交 办 督 结 评). The label is what a resident reads on the tracking page, so it
 * says what is happening in plain words and nothing internal.
 */
public enum CaseState {
    RECEIVED("已受理，等待甄别"),
    ACCEPTED("已通过甄别，正在研判"),
    TRIAGED("已研判，等待交办"),
    DISPATCHED("已交办责任单位"),
    SIGNED("责任单位正在办理"),
    RETURN_REQUESTED("正在重新确定责任单位"),
    REPORTED("办理结果正在本单位审核"),
    UNDER_REVIEW("办理结果正在上级审核"),
    AWAITING_FEEDBACK("已办结，请您评价"),
    REOPENED("您不满意，已重新交办"),
    CLOSED("已办结"),
    CLOSED_NO_FEEDBACK("已办结（未评价）"),
    REJECTED("未予受理"),
    MERGED("已与同一事项合并办理"),
    TRANSFERRED("已转交其他部门办理"),
    ARCHIVED("已归档");

    /** States in which the case is still being worked on (the open pool, deadlines, duplicate suggestions). */
    public static final Set<CaseState> OPEN = EnumSet.of(RECEIVED, ACCEPTED, TRIAGED, DISPATCHED, SIGNED,
            RETURN_REQUESTED, REPORTED, UNDER_REVIEW, REOPENED);

    /** States in which a unit holds the case and its deadline runs. */
    public static final Set<CaseState> WITH_UNIT = EnumSet.of(DISPATCHED, SIGNED, RETURN_REQUESTED, REPORTED, REOPENED);

    private final String publicLabel;

    CaseState(String publicLabel) {
        this.publicLabel = publicLabel;
    }

    public String publicLabel() {
        return publicLabel;
    }

    public boolean isOpen() {
        return OPEN.contains(this);
    }
}
