package io.minyi.survey.internal;

import io.minyi.platform.SecretBox;
import org.springframework.stereotype.Component;


/**
 * An imported respondent's phone: kept unreadable at rest by the shared {@link SecretBox}, normalised and masked for
 * the pages.
 */
@Component
class ContactCipher {

    private final SecretBox box;

    ContactCipher(SecretBox box) {
        this.box = box;
    }

    String encrypt(String clear) {
        return box.encrypt(clear);
    }

    String decrypt(String stored) {
        return box.decrypt(stored);
    }

    /** Digits only, a mainland mobile or landline; null when it cannot be a phone number. */
    static String normalizePhone(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("[\\s()\\-+]", "");
        return digits.matches("\\d{7,15}") ? digits : null;
    }

    /** 13812341234 → 138****1234. */
    static String mask(String digits) {
        return digits.length() >= 11
                ? digits.substring(0, 3) + "****" + digits.substring(digits.length() - 4)
                : digits.substring(0, 2) + "*".repeat(digits.length() - 4) + digits.substring(digits.length() - 2);
    }
}
