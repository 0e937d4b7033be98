package io.minyi.platform;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a resident keeps to follow their item: characters from an alphabet without look-alikes (no 0/O, 1/I/L), short
 * enough to read over the phone and too many to guess. Cases draw 10 at random (about 49 bits); an evaluation's
 * receipt has 11, a keyed permutation of its row (decision 0062), so the two kinds never meet and a receipt needs no
 * index of random codes.
 */
public record TrackingCode(String value) {

    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    static final int LENGTH = 10;
    /** The length of an evaluation's receipt code: one character more than a case's. */
    public static final int RECEIPT_LENGTH = LENGTH + 1;
    private static final Pattern VALID = Pattern.compile("[" + ALPHABET + "]{" + LENGTH + "," + RECEIPT_LENGTH + "}");
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

    /** The alphabet's characters in the order of their digit values, for codes made from numbers. */
    public static String alphabet() {
        return ALPHABET;
    }

    /** Grouped for reading aloud: ABCDE-FGHJK, or ABCD-EFGH-JKM for a receipt's 11. */
    public String display() {
        return value.length() == LENGTH ? value.substring(0, 5) + "-" + value.substring(5)
                : value.substring(0, 4) + "-" + value.substring(4, 8) + "-" + value.substring(8);
    }

    @Override
    public String toString() {
        return value;
    }
}
