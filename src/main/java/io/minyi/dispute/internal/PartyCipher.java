package io.minyi.dispute.internal;

import io.minyi.platform.SecretBox;
import org.springframework.stereotype.Component;


/**
 * Keeps a party's ID number and phone unreadable at rest: the shared {@link SecretBox} (one secret,
 * {@code minyi.crypto.key}, for every module), plus the masks parties see.
 */
@Component
class PartyCipher {

    private final SecretBox box;

    PartyCipher(SecretBox box) {
        this.box = box;
    }

    String encrypt(String clear) {
        return box.encrypt(clear);
    }

    String decrypt(String stored) {
        return box.decrypt(stored);
    }

    /** 110101199003071234 → 110***********1234; a short code keeps its first and last character only. */
    static String maskIdNumber(String id) {
        if (id == null) {
            return null;
        }
        if (id.length() <= 4) {
            return id.charAt(0) + "*".repeat(id.length() - 1);
        }
        int keepHead = id.length() >= 15 ? 3 : 1;
        return id.substring(0, keepHead) + "*".repeat(id.length() - keepHead - 4) + id.substring(id.length() - 4);
    }

    static String maskPhone(String digits) {
        if (digits == null) {
            return null;
        }
        return digits.length() >= 11 ? digits.substring(0, 3) + "****" + digits.substring(digits.length() - 4)
                : digits.substring(0, 2) + "*".repeat(Math.max(1, digits.length() - 4)) + digits.substring(digits.length() - 2);
    }
}
