package io.minyi.casework.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Keeps the raiser's contact unreadable at rest: AES-256-GCM with a key from {@code minyi.crypto.key} (32 bytes,
 * base64), plus a keyed hash (HMAC-SHA256 with a key derived from the same secret) so that "the same person again"
 * can be recognised for high-frequency alerts without decrypting anything.
 */
@Component
public class RaiserCrypto {

    private static final Logger log = LoggerFactory.getLogger(RaiserCrypto.class);
    /** Development only: anyone reading the source can decrypt data encrypted with it. */
    static final String DEVELOPMENT_KEY = "bWlueWktZGV2ZWxvcG1lbnQta2V5LW5vdC00LXByb2Q=";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec aesKey;
    private final SecretKeySpec macKey;

    public RaiserCrypto(@Value("${minyi.crypto.key:}") String configured) {
        String encoded = configured;
        if (encoded == null || encoded.isBlank()) {
            log.warn("minyi.crypto.key is not set: raiser contacts are encrypted with the DEVELOPMENT key. "
                    + "Set minyi.crypto.key (32 random bytes, base64) before storing real data.");
            encoded = DEVELOPMENT_KEY;
        }
        byte[] key = Base64.getDecoder().decode(encoded.strip());
        if (key.length != 32) {
            throw new IllegalStateException("minyi.crypto.key must be 32 bytes, base64-encoded (got " + key.length + ")");
        }
        this.aesKey = new SecretKeySpec(key, "AES");
        this.macKey = new SecretKeySpec(hmac(new SecretKeySpec(key, "HmacSHA256"), "raiser-key"), "HmacSHA256");
    }

    public String encrypt(String clear) {
        if (clear == null) {
            return null;
        }
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, aesKey, new GCMParameterSpec(128, iv));
            byte[] ct = c.doFinal(clear.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + ct.length).put(iv).put(ct).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String decrypt(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, aesKey, new GCMParameterSpec(128, all, 0, 12));
            return new String(c.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed (wrong minyi.crypto.key?)", e);
        }
    }

    /** Same phone, same key; nothing about the phone can be read back from it. */
    public String raiserKey(String normalizedPhone) {
        return normalizedPhone == null ? null : HexFormat.of().formatHex(hmac(macKey, normalizedPhone)).substring(0, 32);
    }

    /** Digits only; null when nothing was given; throws when it cannot be a phone number. */
    public static String normalizePhone(String phone) {
        if (phone == null || phone.isBlank()) {
            return null;
        }
        String digits = phone.replaceAll("[\\s()\\-+]", "");
        if (!digits.matches("\\d{7,15}")) {
            throw new IllegalArgumentException("not a phone number");
        }
        return digits;
    }

    /** 13812341234 → 138****1234. */
    public static String maskPhone(String digits) {
        if (digits == null) {
            return null;
        }
        if (digits.length() >= 11) {
            return digits.substring(0, 3) + "****" + digits.substring(digits.length() - 4);
        }
        return digits.substring(0, 2) + "*".repeat(digits.length() - 4) + digits.substring(digits.length() - 2);
    }

    /** 张三丰 → 张**. */
    public static String maskName(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String n = name.strip();
        return n.charAt(0) + "*".repeat(Math.max(1, n.codePointCount(0, n.length()) - 1));
    }

    private static byte[] hmac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
