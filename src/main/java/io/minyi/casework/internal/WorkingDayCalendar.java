package io.minyi.casework.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * Working days: Monday to Friday, except the holidays in {@code work_calendar}, plus the weekend days that table marks
 * as make-up working days (调休). Deadlines are counted in these days.
 */
@Component
public class WorkingDayCalendar {

    private final JdbcClient jdbc;

    public WorkingDayCalendar(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The working day that is {@code n} working days after {@code from} (from itself not counted). */
    public LocalDate addWorkingDays(LocalDate from, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be positive");
        }
        // Long holidays never eat more than a few weeks, so this window always suffices.
        LocalDate until = from.plusDays(n * 2L + 40);
        Map<LocalDate, Boolean> exceptions = new HashMap<>();
        jdbc.sql("SELECT day, working FROM work_calendar WHERE day > ? AND day <= ?").params(from, until)
                .query((rs, i) -> exceptions.put(rs.getObject(1, LocalDate.class), rs.getBoolean(2))).list();
        LocalDate d = from;
        int left = n;
        while (left > 0) {
            d = d.plusDays(1);
            if (isWorking(d, exceptions)) {
                left--;
            }
        }
        return d;
    }

    public boolean isWorkingDay(LocalDate day) {
        Map<LocalDate, Boolean> exceptions = new HashMap<>();
        jdbc.sql("SELECT day, working FROM work_calendar WHERE day = ?").param(day)
                .query((rs, i) -> exceptions.put(rs.getObject(1, LocalDate.class), rs.getBoolean(2))).list();
        return isWorking(day, exceptions);
    }

    private static boolean isWorking(LocalDate d, Map<LocalDate, Boolean> exceptions) {
        Boolean listed = exceptions.get(d);
        if (listed != null) {
            return listed;
        }
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
    }
}
