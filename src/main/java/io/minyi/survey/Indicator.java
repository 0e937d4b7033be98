package io.minyi.survey;

/**
 * What a question measures. {@link #SATISFACTION} decides whether a respondent of a satisfaction survey counts as
 * satisfied; the other four are the perception survey's indicators (安全感, 执法满意度, 矛盾纠纷化解成效, 扫黑除恶评价).
 */
public enum Indicator {
    SATISFACTION, SECURITY, LAW_ENFORCEMENT, DISPUTE_RESOLUTION, ANTI_GANG;

    public static final java.util.List<Indicator> PERCEPTION =
            java.util.List.of(SECURITY, LAW_ENFORCEMENT, DISPUTE_RESOLUTION, ANTI_GANG);

    public boolean perception() {
        return this != SATISFACTION;
    }
}
