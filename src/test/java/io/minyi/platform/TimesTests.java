package io.minyi.platform;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pages print moments in the city's zone whatever the server's, and a moment not yet there as blank; the city's day
 * begins at its own midnight.
 */
class TimesTests {

    private final Times times = new Times();

    @Test
    void a_moment_late_in_the_utc_day_is_printed_as_the_next_morning_in_the_city() {
        Instant lateUtc = Instant.parse("2026-11-29T23:30:00Z");
        assertThat(times.format(lateUtc)).isEqualTo("2026-11-30 07:30");
        assertThat(times.format(lateUtc, "yyyy-MM-dd")).isEqualTo("2026-11-30");
        assertThat(times.format(lateUtc, "HH:mm")).isEqualTo("07:30");
    }

    @Test
    void the_citys_day_begins_at_four_in_the_afternoon_utc_the_day_before() {
        assertThat(CityTime.startOf(java.time.LocalDate.of(2026, 11, 30))).isEqualTo(Instant.parse("2026-11-29T16:00:00Z"));
    }

    @Test
    void a_moment_not_yet_there_is_blank() {
        assertThat(times.format(null)).isEmpty();
        assertThat(times.format(null, "MM-dd HH:mm:ss")).isEmpty();
    }
}
