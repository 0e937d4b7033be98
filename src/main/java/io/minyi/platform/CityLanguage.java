package io.minyi.platform;

import org.springframework.context.MessageSource;

import java.util.Arrays;
import java.util.Locale;

/**
 * The language of texts written when no reader is at hand: a notice stored once for every staff member of a unit, an
 * SMS to a resident, a letter issued by the scheduler. They come from the message bundles like every other text, in
 * the city's own language (Simplified Chinese); a page shows them as they were sent.
 */
public final class CityLanguage {

    public static final Locale LOCALE = Locale.SIMPLIFIED_CHINESE;

    private CityLanguage() {
    }

    /** A bundle text in the city's language; numbers and dates go in as they print ({@code 7500001}, not 7,500,001). */
    public static String text(MessageSource messages, String key, Object... args) {
        Object[] plain = Arrays.stream(args).map(a -> a instanceof Number || a instanceof java.time.temporal.Temporal
                ? String.valueOf(a) : a).toArray();
        return messages.getMessage(key, plain, LOCALE);
    }
}
