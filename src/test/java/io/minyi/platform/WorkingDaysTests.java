package io.minyi.platform;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The one calendar: weekends, public holidays and the make-up working weekends (调休) of 2026. */
class WorkingDaysTests {

    private final Function<LocalDate, Boolean> working = WorkingDays.rule(Map.of(
            LocalDate.of(2026, 10, 1), false, LocalDate.of(2026, 10, 2), false, LocalDate.of(2026, 10, 5), false,
            LocalDate.of(2026, 10, 6), false, LocalDate.of(2026, 10, 7), false,
            LocalDate.of(2026, 9, 20), true, LocalDate.of(2026, 10, 10), true));

    @Test
    void holidays_and_weekends_are_not_working_days_and_make_up_weekends_are() {
        // Wed 30 Sep → Thu 8 Oct: 1–7 Oct off (the weekend of 3–4 too), Thu 8 is the first working day
        assertThat(WorkingDays.between(working, LocalDate.of(2026, 9, 30), LocalDate.of(2026, 10, 8))).isEqualTo(1);
        assertThat(WorkingDays.plus(working, LocalDate.of(2026, 9, 30), 2)).isEqualTo(LocalDate.of(2026, 10, 9));
        // Sat 10 Oct is a make-up working day (调休): Fri 9 + 1 working day is Saturday, not Monday
        assertThat(WorkingDays.plus(working, LocalDate.of(2026, 10, 9), 1)).isEqualTo(LocalDate.of(2026, 10, 10));
        // Sun 20 Sep likewise
        assertThat(working.apply(LocalDate.of(2026, 9, 20))).isTrue();
        assertThat(working.apply(LocalDate.of(2026, 9, 19))).isFalse();
        assertThat(WorkingDays.between(working, LocalDate.of(2026, 3, 6), LocalDate.of(2026, 3, 2))).isZero();
        assertThat(WorkingDays.plus(working, LocalDate.of(2026, 3, 6), 0)).isEqualTo(LocalDate.of(2026, 3, 6));
    }
}
