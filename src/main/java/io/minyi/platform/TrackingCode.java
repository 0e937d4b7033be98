package io.minyi.platform;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a resident keeps to follow their item: 10 characters from an alphabet without look-alikes (no 0/O, 1/I/L),
 * about 49 bits, so it is short enough to read over the phone and too many to guess.
 */
public record TrackingCode(String value) {

    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    static final int LENGTH = 10;
    private static final Pattern VALID = Pattern.compile("[" + ALPHABET + "]{" + LENGTH + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public TrackingCode {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("not a tracking code");
        }
    }

    public static TrackingCode random() {
        char[] c = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            c[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        }
        return new TrackingCode(new String(c));
    }

    /** Accepts what people type: lower case, spaces and dashes are forgiven. Empty when it cannot be a code. */
    public static java.util.Optional<TrackingCode> parse(String text) {
        if (text == null) {
            return java.util.Optional.empty();
        }
        String cleaned = text.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        return VALID.matcher(cleaned).matches() ? java.util.Optional.of(new TrackingCode(cleaned)) : java.util.Optional.empty();
    }

    /** Grouped for reading aloud: ABCDE-FGHJK. */
    public String display() {
        return value.substring(0, 5) + "-" + value.substring(5);
    }

    @Override
    public String toString() {
        return value;
    }
}
