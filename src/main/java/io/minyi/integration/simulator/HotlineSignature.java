package io.minyi.integration.simulator;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The 12345 channel's signature, the same on both sides (docs/integration-12345.md): lower-case hex of
 * HMAC-SHA256(secret, timestamp + "\n" + body), the timestamp in Unix seconds. Plain JDK, so the simulator and a
 * vendor's implementation need nothing of Minyi.
 */
public final class HotlineSignature {

    public static final String TIMESTAMP_HEADER = "X-Hotline-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Hotline-Signature";

    private HotlineSignature() {
    }

    public static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "\n" + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison, so the answer time does not leak how much of a guess was right. */
    public static boolean verify(String secret, String timestamp, String body, String signature) {
        if (timestamp == null || signature == null || !timestamp.matches("\\d{1,12}")) {
            return false;
        }
        byte[] expected = sign(secret, Long.parseLong(timestamp), body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.strip().toLowerCase().getBytes(StandardCharsets.US_ASCII));
    }
}
