package io.minyi.platform;

import java.util.Optional;

/** Phone numbers as people type them: kept as digits, shown masked (raisers, parties, survey respondents). */
public final class Phones {

    private Phones() {
    }

    /** Digits only (spaces, brackets, dashes and a leading + dropped), 7 to 15 of them; empty when it is no phone. */
    public static Optional<String> digits(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String digits = typed.replaceAll("[\\s()\\-+]", "");
        return digits.matches("\\d{7,15}") ? Optional.of(digits) : Optional.empty();
    }

    /** 13812341234 → 138****1234; a landline keeps its first two and last two digits. */
    public static String mask(String digits) {
        if (digits == null) {
            return null;
        }
        return digits.length() >= 11 ? digits.substring(0, 3) + "****" + digits.substring(digits.length() - 4)
                : digits.substring(0, 2) + "*".repeat(Math.max(1, digits.length() - 4))
                + digits.substring(digits.length() - 2);
    }
}
