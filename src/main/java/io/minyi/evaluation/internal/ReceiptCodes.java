package io.minyi.evaluation.internal;

import io.minyi.platform.TrackingCode;

import java.security.SecureRandom;

/**
 * Tracking codes for receipts, drawn from one {@link SecureRandom} per thread. {@link TrackingCode#random()} shares
 * one generator whose lock became the busiest in the JVM at a few hundred submissions a second; the codes are the
 * same (alphabet and length are checked by the {@link TrackingCode} constructor).
 */
final class ReceiptCodes {

    private static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);

    private ReceiptCodes() {
    }

    static TrackingCode next() {
        SecureRandom random = RANDOM.get();
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        char[] c = new char[10];
        int filled = 0;
        for (int i = 0; filled < c.length; i++) {
            if (i == bytes.length) {
                random.nextBytes(bytes);
                i = 0;
            }
            int v = bytes[i] & 0xFF;
            // rejection sampling keeps every character equally likely (248 = 8 * 31)
            if (v < 248) {
                c[filled++] = ALPHABET.charAt(v % ALPHABET.length());
            }
        }
        return new TrackingCode(new String(c));
    }
}
