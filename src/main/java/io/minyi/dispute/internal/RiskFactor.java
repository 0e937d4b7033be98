package io.minyi.dispute.internal;

import io.minyi.casework.RiskLevel;
import java.util.Set;

/**
 * The short structured assessment of 民转刑 risk. Weights follow the usual screening sheets: threats, prior violence
 * and access to weapons weigh most; a level is derived from the sum so that two people asking the same questions get
 * the same answer. People read a factor as {@code dispute.riskFactor.<FACTOR>}.
 */
public enum RiskFactor {
    THREATS(3),
    PRIOR_VIOLENCE(3),
    WEAPONS(3),
    MENTAL_STATE(2),
    GROUP_SIZE(2),
    REPEATED_PETITIONS(1),
    ESCALATING(1);

    /** From this score on the level is HIGH; from {@link #MEDIUM_FROM} MEDIUM. */
    static final int HIGH_FROM = 5;
    static final int MEDIUM_FROM = 2;

    private final int weight;

    RiskFactor(int weight) {
        this.weight = weight;
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
