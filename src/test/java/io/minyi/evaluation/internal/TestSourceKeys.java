package io.minyi.evaluation.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Source keys for tests that call {@code evaluation_intake_batch} directly: 24 hex characters, the shape
 * {@link SourceKeys} gives and the function decodes to the 12 bytes it counts under (decision 0068).
 */
final class TestSourceKeys {

    private TestSourceKeys() {
    }

    /** The same key for the same label, as the same device gets the same key. */
    static String of(String label) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(label.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key no other form has. */
    static String fresh() {
        return of(UUID.randomUUID().toString());
    }
}
