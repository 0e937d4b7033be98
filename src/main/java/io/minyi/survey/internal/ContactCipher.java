package io.minyi.survey.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Keeps an imported respondent's phone unreadable at rest (AES-256-GCM under {@code minyi.crypto.key}, the key that
 * protects raisers' contacts; development key when unset, as casework warns at start).
 */
@Component
class ContactCipher {

    private static final String DEVELOPMENT_KEY = "bWlueWktZGV2ZWxvcG1lbnQta2V5LW5vdC00LXByb2Q=";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    ContactCipher(@Value("${minyi.crypto.key:}") String configured) {
        String encoded = configured == null || configured.isBlank() ? DEVELOPMENT_KEY : configured.strip();
        this.key = new SecretKeySpec(Base64.getDecoder().decode(encoded), "AES");
    }

    String encrypt(String clear) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] ct = c.doFinal(clear.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + ct.length).put(iv).put(ct).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    String decrypt(String stored) {
        try {
            byte[] all = Base64.getDecoder().decode(stored);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
            return new String(c.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed (wrong minyi.crypto.key?)", e);
        }
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
