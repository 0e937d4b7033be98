package io.minyi.evaluation.internal;

import io.minyi.platform.TrackingCode;
import org.bouncycastle.crypto.fpe.FPEFF1Engine;
import org.bouncycastle.crypto.params.FPEParameters;
import org.bouncycastle.crypto.params.KeyParameter;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * An evaluation's receipt code is its row's id under a keyed permutation (decision 0062): NIST SP 800-38G FF1 over
 * 11 digits in base 31, each digit one character of the tracking alphabet. Distinct ids give distinct codes, a code
 * gives back its id, and without the key the code of a row — or the row of a code — cannot be worked out any better
 * than by guessing one of 31^11 (about 2^54). So the database stores no code for a new row and needs no index of
 * random codes: a code is looked up by the id it decodes to. {@link ReceiptCodes} holds the database's key.
 */
final class ReceiptCipher {

    private static final int RADIX = 31;
    private static final int DIGITS = TrackingCode.RECEIPT_LENGTH;
    /** 31^11: the ids a code can carry (more than any table will hold). */
    private static final long CAPACITY = capacity();
    private static final byte[] TWEAK = "minyi:evaluation:receipt".getBytes(StandardCharsets.US_ASCII);
    private static final String ALPHABET = TrackingCode.alphabet();

    private final KeyParameter key;

    /** @param secret 32 bytes (AES-256) */
    ReceiptCipher(byte[] secret) {
        if (secret.length != 32) {
            throw new IllegalArgumentException("the receipt key has 32 bytes");
        }
        this.key = new KeyParameter(secret);
    }

    TrackingCode of(long id) {
        if (id < 0 || id >= CAPACITY) {
            throw new IllegalArgumentException("no receipt code for evaluation " + id);
        }
        byte[] digits = new byte[DIGITS];
        long rest = id;
        for (int i = DIGITS - 1; i >= 0; i--) {
            digits[i] = (byte) (rest % RADIX);
            rest /= RADIX;
        }
        byte[] code = run(true, digits);
        char[] chars = new char[DIGITS];
        for (int i = 0; i < DIGITS; i++) {
            chars[i] = ALPHABET.charAt(code[i]);
        }
        return new TrackingCode(new String(chars));
    }

    OptionalLong idOf(TrackingCode code) {
        String value = code.value();
        if (value.length() != DIGITS) {
            return OptionalLong.empty();
        }
        byte[] digits = new byte[DIGITS];
        for (int i = 0; i < DIGITS; i++) {
            digits[i] = (byte) ALPHABET.indexOf(value.charAt(i));
        }
        long id = 0;
        for (byte digit : run(false, digits)) {
            id = id * RADIX + digit;
        }
        return OptionalLong.of(id);
    }

    private static long capacity() {
        long c = 1;
        for (int i = 0; i < DIGITS; i++) {
            c *= RADIX;
        }
        return c;
    }

    /** An engine is cheap to make and not safe to share, so each code gets its own. */
    private byte[] run(boolean encrypt, byte[] digits) {
        FPEFF1Engine engine = new FPEFF1Engine();
        engine.init(encrypt, new FPEParameters(key, RADIX, TWEAK));
        byte[] out = new byte[digits.length];
        engine.processBlock(digits, 0, digits.length, out, 0);
        return out;
    }
}
