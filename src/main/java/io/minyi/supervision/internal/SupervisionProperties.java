package io.minyi.supervision.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code minyi.supervision.*}: the ladder (N, K, windows), alert thresholds (A, B, D), and the score weights.
 * Working days are the system's one calendar ({@link io.minyi.platform.WorkingDays}, with 调休).
 *
 * @param reminderWorkingDays      N: a reminder letter this many working days before the deadline (or fewer)
 * @param replyWorkingDays         how long a supervision letter or circular gives the unit to answer
 * @param circularOverdueCases     K: a circular when a unit has this many open overdue cases …
 * @param circularSupervisionLetters … or received this many supervision letters …
 * @param circularWindowDays       … within this many days
 * @param alertRaisers             A: distinct raisers about one officer or unit …
 * @param alertWindowDays          D: … within this many days
 * @param alertRepeatCases         B: cases by one raiser about one subject within D days
 */
@ConfigurationProperties("minyi.supervision")
public record SupervisionProperties(Integer reminderWorkingDays, Integer replyWorkingDays, Integer circularOverdueCases,
                                    Integer circularSupervisionLetters, Integer circularWindowDays,
                                    Integer alertRaisers, Integer alertWindowDays, Integer alertRepeatCases,
                                    Duration scanEvery, Weights weights, Annual annual) {

    public SupervisionProperties {
        reminderWorkingDays = reminderWorkingDays == null ? 2 : reminderWorkingDays;
        replyWorkingDays = replyWorkingDays == null ? 3 : replyWorkingDays;
        circularOverdueCases = circularOverdueCases == null ? 3 : circularOverdueCases;
        circularSupervisionLetters = circularSupervisionLetters == null ? 2 : circularSupervisionLetters;
        circularWindowDays = circularWindowDays == null ? 30 : circularWindowDays;
        alertRaisers = alertRaisers == null ? 3 : alertRaisers;
        alertWindowDays = alertWindowDays == null ? 30 : alertWindowDays;
        alertRepeatCases = alertRepeatCases == null ? 3 : alertRepeatCases;
        scanEvery = scanEvery == null ? Duration.ofMinutes(5) : scanEvery;
        weights = weights == null ? new Weights(40, 25, 20, 10, 5, 1, 10) : weights;
        annual = annual == null ? new Annual(2, 10) : annual;
    }

    /**
     * 平安建设考评 for a year: the mean of the unit's monthly scores (months with something to score) less
     * min(约谈 × talkPenalty, talkPenaltyCap). {@code minyi.supervision.annual.talk-penalty} and {@code …talk-penalty-cap}.
     */
    public record Annual(double talkPenalty, double talkPenaltyCap) {
    }

    /**
     * Score = 100 × Σ wᵢ·xᵢ / Σ wᵢ over the indicators that could be measured − min(letters × letterPenalty,
     * letterPenaltyCap); x are on-time rate, handling satisfaction, evaluation satisfaction, 1 − reopen rate and
     * 1 − substantiated-clue rate.
     */
    public record Weights(double onTime, double handlingSatisfaction, double evaluationSatisfaction, double reopen,
                          double substantiated, double letterPenalty, double letterPenaltyCap) {
    }
}
