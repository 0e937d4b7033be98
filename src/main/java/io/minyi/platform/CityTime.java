package io.minyi.platform;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The city's time zone: days, deadlines, daily reports and printed times are all in it. */
public final class CityTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** A moment to the minute as pages, sheets and letters print it: {@code 2026-11-30 14:05}, in the city's zone. */
    public static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZONE);

    private CityTime() {
    }

    /** The moment the city's {@code day} begins: where that day's figures start and the day before's end. */
    public static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZONE).toInstant();
    }
}
