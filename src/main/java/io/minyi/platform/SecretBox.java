package io.minyi.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * Personal data at rest (raisers' phones, parties' ID numbers, survey respondents' phones): AES-256-GCM under one
 * secret, {@code minyi.crypto.key} (32 bytes, base64), stored as base64(iv || ciphertext). One key for every module, so
 * there is one secret to rotate; without it the development key is used and a warning says so.
 */
@Component
public class SecretBox {

    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
    /** Development only: anyone reading the source can decrypt data encrypted with it. */
    static final String DEVELOPMENT_KEY = "bWlueWktZGV2ZWxvcG1lbnQta2V5LW5vdC00LXByb2Q=";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] raw;
    private final SecretKeySpec key;

    public SecretBox(@Value("${minyi.crypto.key:}") String configured) {
        String encoded = configured;
        if (encoded == null || encoded.isBlank()) {
            log.warn("minyi.crypto.key is not set: personal data is encrypted with the DEVELOPMENT key. "
                    + "Set minyi.crypto.key (32 random bytes, base64) before storing real data.");
            encoded = DEVELOPMENT_KEY;
        }
        this.raw = Base64.getDecoder().decode(encoded.strip());
        if (raw.length != 32) {
            throw new IllegalStateException("minyi.crypto.key must be 32 bytes, base64-encoded (got " + raw.length + ")");
        }
        this.key = new SecretKeySpec(raw, "AES");
    }

    /** The key's bytes, for a module that derives a keyed hash from the same secret. */
    public byte[] keyBytes() {
        return raw.clone();
    }

    public String encrypt(String clear) {
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

    public String decrypt(String stored) {
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
}
