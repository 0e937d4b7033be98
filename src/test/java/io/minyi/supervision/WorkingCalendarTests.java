package io.minyi.supervision;

import io.minyi.supervision.internal.SupervisionProperties;
import io.minyi.supervision.internal.WorkingCalendar;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WorkingCalendarTests {

    private final WorkingCalendar calendar = calendar(List.of(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 2)));

    @Test
    void weekends_and_configured_holidays_are_not_working_days() {
        // Wed 30 Sep → Mon 5 Oct: Thu 1 and Fri 2 are holidays, Sat 3 and Sun 4 the weekend
        assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 9, 30), LocalDate.of(2026, 10, 5))).isEqualTo(1);
        assertThat(calendar.plusWorkingDays(LocalDate.of(2026, 9, 30), 2)).isEqualTo(LocalDate.of(2026, 10, 6));
        assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 3, 6), LocalDate.of(2026, 3, 2))).isZero();
    }

    private static WorkingCalendar calendar(List<LocalDate> holidays) {
        try {
            SupervisionProperties props = new SupervisionProperties(null, null, null, null, null, null, null, null,
                    null, holidays, null, null);
            Constructor<WorkingCalendar> c = WorkingCalendar.class.getDeclaredConstructor(SupervisionProperties.class);
            c.setAccessible(true);
            return c.newInstance(props);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
