package io.minyi.reporting.internal;

/**
 * Figures kept by hand in the ledger, until a module records them. PERCENT values are 0–100. Screening rounds and
 * prevented disputes left this list: the dispute module computes them ({@code io.minyi.dispute.DisputeFigures}).
 */
public enum StaffMetric {
    SURVEY_INVITED("满意度回访（人次）", Group.SURVEY, false),
    SURVEY_SATISFIED("其中表示满意（人次）", Group.SURVEY, false),
    PERCEPTION_SECURITY("群众安全感（%）", Group.PERCEPTION, true),
    PERCEPTION_LAW_ENFORCEMENT("执法满意度（%）", Group.PERCEPTION, true),
    PERCEPTION_DISPUTE_RESOLUTION("矛盾化解成效（%）", Group.PERCEPTION, true),
    PERCEPTION_ANTI_GANG("扫黑除恶评价（%）", Group.PERCEPTION, true),
    LEADER_PROJECTS("领导包联重点项目（个）", Group.LEADER, false),
    LEADER_MEASURES("推进措施（条）", Group.LEADER, false),
    LEADER_VISITS("走访群众（户）", Group.LEADER, false),
    LEADER_SUGGESTIONS("收集意见建议（条）", Group.LEADER, false),
    LEADER_DISPUTES("化解矛盾纠纷（件）", Group.LEADER, false),
    LEADER_PROBLEMS_SOLVED("解决实际问题（件）", Group.LEADER, false);

    public enum Group { DISPUTE, SURVEY, PERCEPTION, LEADER }

    private final String label;
    private final Group group;
    private final boolean percent;

    StaffMetric(String label, Group group, boolean percent) {
        this.label = label;
        this.group = group;
        this.percent = percent;
    }

    public String label() {
        return label;
    }

    public Group group() {
        return group;
    }

    public boolean percent() {
        return percent;
    }
}
