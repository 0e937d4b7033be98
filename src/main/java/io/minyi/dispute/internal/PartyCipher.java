package io.minyi.dispute.internal;

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
 * Keeps a party's ID number and phone unreadable at rest: AES-256-GCM under the same {@code minyi.crypto.key} as the
 * raisers' contacts in casework (one secret to rotate), with the same development fallback and warning.
 */
@Component
class PartyCipher {

    private static final String DEVELOPMENT_KEY = "bWlueWktZGV2ZWxvcG1lbnQta2V5LW5vdC00LXByb2Q=";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    PartyCipher(@Value("${minyi.crypto.key:}") String configured) {
        String encoded = configured == null || configured.isBlank() ? DEVELOPMENT_KEY : configured.strip();
        byte[] raw = Base64.getDecoder().decode(encoded);
        if (raw.length != 32) {
            throw new IllegalStateException("minyi.crypto.key must be 32 bytes, base64-encoded (got " + raw.length + ")");
        }
        this.key = new SecretKeySpec(raw, "AES");
    }

    String encrypt(String clear) {
        if (clear == null) {
            return null;
        }
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
        if (stored == null) {
            return null;
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
            return new String(c.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed (wrong minyi.crypto.key?)", e);
        }
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
