package io.minyi.platform;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The city's time zone: days, deadlines, daily reports and printed times are all in it. */
public final class CityTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** A moment to the minute as pages, sheets and letters print it: {@code 2026-11-30 14:05}, in the city's zone. */
    public static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZONE);

    private CityTime() {
    }
}
