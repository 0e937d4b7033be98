package io.minyi.casework.internal;

import io.minyi.platform.Hmac;
import io.minyi.platform.Phones;
import io.minyi.platform.SecretBox;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Keeps the raiser's contact unreadable at rest (the shared {@link SecretBox} over {@code minyi.crypto.key}), plus a keyed hash (HMAC-SHA256 with a key derived from the same secret) so that "the same person again"
 * can be recognised for high-frequency alerts without decrypting anything.
 */
@Component
public class RaiserCrypto {

    private final SecretBox box;
    private final SecretKeySpec macKey;

    @Autowired
    public RaiserCrypto(SecretBox box) {
        this.box = box;
        this.macKey = new SecretKeySpec(hmac(new SecretKeySpec(box.keyBytes(), "HmacSHA256"), "raiser-key"),
                "HmacSHA256");
    }

    /** For tests: a box over the given key (32 bytes, base64). */
    RaiserCrypto(String configured) {
        this(new SecretBox(configured));
    }

    public String encrypt(String clear) {
        return box.encrypt(clear);
    }

    public String decrypt(String stored) {
        return box.decrypt(stored);
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
        return Phones.digits(phone).orElseThrow(() -> new IllegalArgumentException("not a phone number"));
    }

    /** 13812341234 → 138****1234. */
    public static String maskPhone(String digits) {
        return Phones.mask(digits);
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
        return Hmac.sha256(key).doFinal(text.getBytes(StandardCharsets.UTF_8));
    }
}
