package io.minyi.survey.internal;

import io.minyi.survey.SurveyFigures.Proportion;
import org.apache.commons.math3.stat.interval.ConfidenceInterval;
import org.apache.commons.math3.stat.interval.WilsonScoreInterval;

/** Proportions with their 95 % Wilson score interval (Apache Commons Math), the interval DOMAIN.md §6 prescribes. */
final class Wilson {

    private static final WilsonScoreInterval INTERVAL = new WilsonScoreInterval();

    private Wilson() {
    }

    static Proportion of(long n, long hits) {
        if (n <= 0) {
            return new Proportion(0, 0, null, null, null);
        }
        if (hits < 0 || hits > n) {
            throw new IllegalArgumentException("hits " + hits + " outside 0.." + n);
        }
        ConfidenceInterval ci = INTERVAL.createInterval((int) n, (int) hits, 0.95);
        return new Proportion(n, hits, (double) hits / n, Math.max(0, ci.getLowerBound()), Math.min(1, ci.getUpperBound()));
    }
}
