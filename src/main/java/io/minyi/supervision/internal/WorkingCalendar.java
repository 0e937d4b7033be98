package io.minyi.supervision.internal;

import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

/**
 * Supervision's own working-day count: configured weekend days and holiday dates (casework keeps the official
 * calendar, but supervision must not read casework's tables). Make-up working weekends are not modelled.
 */
@Component
public class WorkingCalendar {

    private final SupervisionProperties props;
    private final Set<LocalDate> holidays;

    WorkingCalendar(SupervisionProperties props) {
        this.props = props;
        this.holidays = new HashSet<>(props.holidays());
    }

    public boolean isWorkingDay(LocalDate day) {
        return !props.weekend().contains(day.getDayOfWeek()) && !holidays.contains(day);
    }

    /** Working days after {@code from} up to and including {@code to}; 0 when to ≤ from. */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        int n = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                n++;
            }
        }
        return n;
    }

    public LocalDate plusWorkingDays(LocalDate from, int days) {
        LocalDate d = from;
        int left = days;
        while (left > 0) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) {
                left--;
            }
        }
        return d;
    }
}
