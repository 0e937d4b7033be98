package io.minyi.evaluation.internal;

import io.minyi.platform.Hmac;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Keyed hashes of a device cookie, a phone number or an address. Counting repeats needs equality, not the values, and
 * a keyed hash cannot be reversed by trying all 11-digit phone numbers without the key.
 */
@Component
public class SourceKeys {

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    SourceKeys(EvaluationProperties properties) {
        this.key = new SecretKeySpec(properties.sourceKeySecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** @return 24 hex characters, or null for a null value */
    public String of(String kind, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Mac mac = macs.get();
        mac.update(kind.getBytes(StandardCharsets.UTF_8));
        byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 12);
    }

    private Mac newMac() {
        return Hmac.sha256(key);
    }
}
