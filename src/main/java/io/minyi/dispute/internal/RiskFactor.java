package io.minyi.dispute.internal;

import io.minyi.casework.RiskLevel;
import java.util.Set;

/**
 * The short structured assessment of 民转刑 risk. Weights follow the usual screening sheets: threats, prior violence
 * and access to weapons weigh most; a level is derived from the sum so that two people asking the same questions get
 * the same answer.
 */
public enum RiskFactor implements Labelled {
    THREATS("有扬言报复、威胁言行", 3),
    PRIOR_VIOLENCE("曾发生肢体冲突或暴力", 3),
    WEAPONS("有接触凶器、危险物品的条件", 3),
    MENTAL_STATE("当事人情绪极端或精神状态异常", 2),
    GROUP_SIZE("涉及人数较多（5人以上）或可能聚集", 2),
    REPEATED_PETITIONS("反复信访、多次调处未果", 1),
    ESCALATING("矛盾呈激化趋势", 1);

    /** From this score on the level is HIGH; from {@link #MEDIUM_FROM} MEDIUM. */
    static final int HIGH_FROM = 5;
    static final int MEDIUM_FROM = 2;

    private final String label;
    private final int weight;

    RiskFactor(String label, int weight) {
        this.label = label;
        this.weight = weight;
    }

    @Override
    public String label() {
        return label;
    }

    public int weight() {
        return weight;
    }

    public static int score(Set<RiskFactor> factors) {
        return factors.stream().mapToInt(RiskFactor::weight).sum();
    }

    public static RiskLevel level(Set<RiskFactor> factors) {
        int s = score(factors);
        return s >= HIGH_FROM ? RiskLevel.HIGH : s >= MEDIUM_FROM ? RiskLevel.MEDIUM : RiskLevel.LOW;
    }
}
