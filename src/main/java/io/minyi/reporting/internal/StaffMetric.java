package io.minyi.reporting.internal;

/**
 * Figures kept by hand in the ledger, until a module records them (surveys and the perception indicators moved to
 * the survey module's records). PERCENT values are 0–100.
 */
public enum StaffMetric {
    SCREENING_ROUNDS("矛盾纠纷排查（轮次）", Group.DISPUTE, false),
    DISPUTES_PREVENTED("防止民转刑等化解预防（件）", Group.DISPUTE, false),
    LEADER_PROJECTS("领导包联重点项目（个）", Group.LEADER, false),
    LEADER_MEASURES("推进措施（条）", Group.LEADER, false),
    LEADER_VISITS("走访群众（户）", Group.LEADER, false),
    LEADER_SUGGESTIONS("收集意见建议（条）", Group.LEADER, false),
    LEADER_DISPUTES("化解矛盾纠纷（件）", Group.LEADER, false),
    LEADER_PROBLEMS_SOLVED("解决实际问题（件）", Group.LEADER, false);

    public enum Group { DISPUTE, LEADER }

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
