package io.minyi.evaluation;

import java.time.LocalDate;
import java.util.List;

/**
 * Satisfaction figures kept incrementally, so reading them never scans the evaluations. Ballot-stuffing evaluations
 * that were flagged are counted apart and left out of every rate.
 */
public interface EvaluationFigures {

    Satisfaction forUnit(long unitId, LocalDate from, LocalDate to);

    Satisfaction forOfficer(long officerId, LocalDate from, LocalDate to);

    /** Per rated aspect of an officer (labels in Chinese), for the officer's record. */
    List<DimensionSatisfaction> byDimensionForOfficer(long officerId, LocalDate from, LocalDate to);

    /** Everything whose target lies under the jurisdiction path (inclusive). */
    Satisfaction forJurisdiction(String jurisdictionPath, LocalDate from, LocalDate to);

    /** One row per day, for trend charts. */
    List<DailySatisfaction> daily(String jurisdictionPath, LocalDate from, LocalDate to);

    /** Per unit under the path, for rankings. */
    List<UnitSatisfaction> byUnit(String jurisdictionPath, LocalDate from, LocalDate to);

    record Satisfaction(long evaluations, long satisfied, long basicallySatisfied, long dissatisfied, long flagged,
                        long clues) {
        /** Share of 满意 + 基本满意 among counted (unflagged) evaluations, 0..1; 0 when there are none. */
        public double rate() {
            long counted = satisfied + basicallySatisfied + dissatisfied;
            return counted == 0 ? 0 : (double) (satisfied + basicallySatisfied) / counted;
        }

        /** Whether there is a rate to show: a rate of no counted evaluation is "—", not 0 %. */
        public boolean measured() {
            return satisfied + basicallySatisfied + dissatisfied > 0;
        }
    }

    record DailySatisfaction(LocalDate day, Satisfaction satisfaction) {
    }

    record DimensionSatisfaction(String dimension, String label, long satisfied, long basicallySatisfied,
                                 long dissatisfied) {
        public double rate() {
            long counted = satisfied + basicallySatisfied + dissatisfied;
            return counted == 0 ? 0 : (double) (satisfied + basicallySatisfied) / counted;
        }

        public boolean measured() {
            return satisfied + basicallySatisfied + dissatisfied > 0;
        }
    }

    record UnitSatisfaction(long unitId, String unitName, Satisfaction satisfaction) {
    }
}
