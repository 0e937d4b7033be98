package io.minyi.platform;

import java.time.ZoneId;

/** The city's time zone: days, deadlines, daily reports and printed times are all in it. */
public final class CityTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private CityTime() {
    }
}
