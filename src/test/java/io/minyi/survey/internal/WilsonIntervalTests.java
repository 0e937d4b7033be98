package io.minyi.survey.internal;

import io.minyi.survey.SurveyFigures.Proportion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The check values DOMAIN.md §6 gives for the 95 % Wilson score interval. */
class WilsonIntervalTests {

    @Test
    void the_interval_matches_the_published_check_values() {
        assertInterval(of(1000, 500), 0.4691, 0.5309);
        assertInterval(of(100, 95), 0.8882, 0.9785);
        assertInterval(of(20, 0), 0.0, 0.1611);
    }

    @Test
    void nobody_answered_means_no_rate_rather_than_zero() {
        Proportion p = of(0, 0);
        assertThat(p.rate()).isNull();
        assertThat(p.low()).isNull();
    }

    private static void assertInterval(Proportion p, double low, double high) {
        assertThat(p.low()).isCloseTo(low, within(0.00005));
        assertThat(p.high()).isCloseTo(high, within(0.00005));
    }

    private static Proportion of(long n, long hits) {
        return Wilson.of(n, hits);
    }
}
