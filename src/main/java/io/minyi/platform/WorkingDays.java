package io.minyi.platform;

import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The one working-day calendar of the system: Monday to Friday, except the public holidays listed in
 * {@code work_calendar}, plus the weekend days that table lists as make-up working days (调休). Every deadline, every
 * letter's answer-by date and every "N working days" of any module is counted here, so a case's deadline and the
 * ladder that chases it can never disagree about a day.
 */
@Component
@RequiredArgsConstructor
public class WorkingDays {

    private final JdbcClient jdbc;

    public boolean isWorkingDay(LocalDate day) {
        return rule(exceptions(day.minusDays(1), day)).apply(day);
    }

    /** The day that is {@code n} working days after {@code from} (from itself not counted); {@code from} when n = 0. */
    public LocalDate plusWorkingDays(LocalDate from, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative");
        }
        // long holidays never eat more than a few weeks, so this window always suffices
        return plus(rule(exceptions(from, from.plusDays(n * 2L + 40))), from, n);
    }

    /** Working days after {@code from} up to and including {@code to}; 0 when to ≤ from. */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        if (!to.isAfter(from)) {
            return 0;
        }
        return between(rule(exceptions(from, to)), from, to);
    }

    /** The rule for a day, given the listed exceptions (true = make-up working day, false = holiday). */
    public static Function<LocalDate, Boolean> rule(Map<LocalDate, Boolean> exceptions) {
        return d -> {
            Boolean listed = exceptions.get(d);
            if (listed != null) {
                return listed;
            }
            return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
        };
    }

    public static LocalDate plus(Function<LocalDate, Boolean> working, LocalDate from, int n) {
        LocalDate d = from;
        int left = n;
        while (left > 0) {
            d = d.plusDays(1);
            if (working.apply(d)) {
                left--;
            }
        }
        return d;
    }

    public static int between(Function<LocalDate, Boolean> working, LocalDate from, LocalDate to) {
        int n = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (working.apply(d)) {
                n++;
            }
        }
        return n;
    }

    private Map<LocalDate, Boolean> exceptions(LocalDate after, LocalDate until) {
        Map<LocalDate, Boolean> out = new HashMap<>();
        jdbc.sql("SELECT day, working FROM work_calendar WHERE day > ? AND day <= ?").params(after, until)
                .query((rs, i) -> out.put(rs.getObject(1, LocalDate.class), rs.getBoolean(2))).list();
        return out;
    }
}
