package io.minyi.evaluation.internal;

import io.minyi.platform.TrackingCode;

import java.security.SecureRandom;

/**
 * Tracking codes for receipts: one {@code nextBytes} per code. {@link TrackingCode#random()} draws each of the ten
 * characters with its own {@code nextInt}, and the JDK's default generator on Linux (NativePRNG) takes a process-wide
 * lock per call — the busiest lock in the JVM at a few hundred submissions a second. That generator keeps no state per
 * instance (every instance reads the same /dev/urandom under the same lock), so one shared instance costs no more than
 * one per thread, and unlike a per-thread one it is not made again for every request when each request has a thread
 * of its own (virtual threads). The codes are the same (alphabet and length are checked by {@link TrackingCode}).
 */
final class ReceiptCodes {

    private static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ReceiptCodes() {
    }

    static TrackingCode next() {
        SecureRandom random = RANDOM;
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
