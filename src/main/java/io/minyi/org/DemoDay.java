package io.minyi.org;

import io.minyi.platform.TimeShift;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Random;
import java.util.function.Supplier;

/**
 * One simulated day of the demo city's past, handed to every {@link DemoActivity}.
 *
 * @param date   the day
 * @param index  0 for the oldest simulated day
 * @param days   how many days are simulated; the last one is yesterday
 * @param level  how much activity to generate
 * @param seed   the demo's seed: the same seed gives the same city
 * @param zone   the city's time zone
 * @param settler waits until every event published so far has been handled by its listeners
 */
public record DemoDay(LocalDate date, int index, int days, Level level, long seed, ZoneId zone, Runnable settler) {

    public enum Level {
        NONE, SMALL, FULL;

        /** {@code none|small|full}, case-insensitive; anything else is refused so a typo does not go unnoticed. */
        public static Level parse(String text) {
            return Level.valueOf(text.strip().toUpperCase(java.util.Locale.ROOT));
        }
    }

    public boolean isLast() {
        return index == days - 1;
    }

    public boolean isWorkingDay() {
        return date.getDayOfWeek().getValue() <= 5;
    }

    /** Per-module, per-day randomness: a module's choices do not shift when another module draws more numbers. */
    public Random random(String part) {
        return new Random(seed * 31 + date.toEpochDay() * 1_000_003L + part.hashCode());
    }

    public Instant moment(int hour, int minute) {
        return date.atTime(hour, minute).atZone(zone).toInstant();
    }

    /** Runs the work with the system clock at that moment of the day (on this thread only). */
    public void at(int hour, int minute, Runnable work) {
        TimeShift.at(moment(hour, minute), work);
    }

    public <T> T at(int hour, int minute, Supplier<T> work) {
        return TimeShift.at(moment(hour, minute), work);
    }

    public void settle() {
        settler.run();
    }
}
