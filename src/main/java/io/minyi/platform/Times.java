package io.minyi.platform;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * Moments on every page in the city's time zone whatever the server's: {@code ${@times.format(t)}} to the minute,
 * {@code ${@times.format(t, 'HH:mm')}} in another pattern. A moment not yet there (not acknowledged, never used) is
 * blank rather than an error.
 */
@Component("times")
public class Times {

    public String format(@Nullable Instant t) {
        return t == null ? "" : CityTime.MINUTES.format(t);
    }

    public String format(@Nullable Instant t, String pattern) {
        return t == null ? "" : DateTimeFormatter.ofPattern(pattern).withZone(CityTime.ZONE).format(t);
    }
}
