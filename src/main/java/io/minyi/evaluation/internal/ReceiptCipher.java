package io.minyi.evaluation.internal;

import io.minyi.platform.TrackingCode;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.fpe.FPEFF1Engine;
import org.bouncycastle.crypto.params.FPEParameters;
import org.bouncycastle.crypto.params.KeyParameter;

import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

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
    /** Initialised engines kept for the next code, as {@link SourceKeys} keeps its Macs: one per code costs twice. */
    private final BlockingQueue<FPEFF1Engine> encrypting = new ArrayBlockingQueue<>(16);
    private final BlockingQueue<FPEFF1Engine> decrypting = new ArrayBlockingQueue<>(16);

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

    /** An engine is not safe to share: each code takes one from the pool, or a new one, and gives it back. */
    private byte[] run(boolean encrypt, byte[] digits) {
        BlockingQueue<FPEFF1Engine> pool = encrypt ? encrypting : decrypting;
        FPEFF1Engine engine = pool.poll();
        if (engine == null) {
            engine = new FPEFF1Engine(new JdkAes());
            engine.init(encrypt, new FPEParameters(key, RADIX, TWEAK));
        }
        byte[] out = new byte[digits.length];
        engine.processBlock(digits, 0, digits.length, out, 0);
        pool.offer(engine); // FF1 keeps no state between codes; beyond 16 idle ones it is dropped
        return out;
    }

    /**
     * The JDK's AES under Bouncy Castle's FF1: the same cipher (the codes are the same), but the JDK's runs on the
     * processor's AES instructions, Bouncy Castle's in table lookups — FF1 takes 30 AES blocks a code, and with it a
     * code costs 2.8 µs instead of 5 µs (measured, pooled engines both).
     */
    private static final class JdkAes implements BlockCipher {

        private Cipher cipher;

        @Override
        public void init(boolean forEncryption, CipherParameters params) {
            try {
                cipher = Cipher.getInstance("AES/ECB/NoPadding");
                cipher.init(forEncryption ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE,
                        new SecretKeySpec(((KeyParameter) params).getKey(), "AES"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES is part of every JDK", e);
            }
        }

        @Override
        public String getAlgorithmName() {
            return "AES";
        }

        @Override
        public int getBlockSize() {
            return 16;
        }

        @Override
        public int processBlock(byte[] in, int inOff, byte[] out, int outOff) {
            try {
                return cipher.update(in, inOff, 16, out, outOff);
            } catch (ShortBufferException e) {
                throw new IllegalArgumentException(e);
            }
        }

        @Override
        public void reset() {
            // ECB keeps no state between blocks
        }
    }
}
