package io.minyi.reporting.internal;

/**
 * Figures kept by hand in the ledger, until a module records them (surveys, the perception indicators and leader-led
 * work moved to the survey and lists modules' records). PERCENT values are 0–100.
 */
public enum StaffMetric {
    SCREENING_ROUNDS("矛盾纠纷排查（轮次）", Group.DISPUTE, false),
    DISPUTES_PREVENTED("防止民转刑等化解预防（件）", Group.DISPUTE, false);

    public enum Group { DISPUTE }

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
