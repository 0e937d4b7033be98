package io.minyi.evaluation.internal;

import io.minyi.platform.Hmac;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Keyed hashes of a device cookie, a phone number or an address. Counting repeats needs equality, not the values, and
 * a keyed hash cannot be reversed by trying all 11-digit phone numbers without the key.
 * <p>
 * Three per submission: the initialised {@link Mac}s are kept in a small pool rather than per thread, so that a
 * thread per request (virtual threads, {@code spring.threads.virtual.enabled}) does not look up the provider and
 * initialise a new one for every hash (decision 0036).
 */
@Component
public class SourceKeys {

    private final SecretKeySpec key;
    private final BlockingQueue<Mac> idle = new ArrayBlockingQueue<>(64);

    SourceKeys(EvaluationProperties properties) {
        this.key = new SecretKeySpec(properties.sourceKeySecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /**
     * @return 24 hex characters, or null for a null value; {@code evaluation_intake_batch} counts under their 12 bytes
     * and refuses a batch with any other shape (V10_45, decision 0068)
     */
    public String of(String kind, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Mac mac = idle.poll();
        if (mac == null) {
            mac = newMac();
        }
        mac.update(kind.getBytes(StandardCharsets.UTF_8));
        byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        idle.offer(mac); // doFinal has reset it; beyond 64 idle ones it is dropped
        return HexFormat.of().formatHex(digest, 0, 12);
    }

    private Mac newMac() {
        return Hmac.sha256(key);
    }
}
