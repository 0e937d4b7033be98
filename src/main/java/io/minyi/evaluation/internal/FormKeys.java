package io.minyi.evaluation.internal;

import lombok.RequiredArgsConstructor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * The idempotency key the rating page puts in its form, which the stored evaluation keeps (decision 0056). A random
 * key (version 4) lands anywhere in the unique index on {@code evaluation.idempotency_key}: every stored form then
 * dirties a page of a large index that is nowhere near the last one it dirtied, misses the database's buffers, and
 * after every checkpoint writes that whole page to the WAL once more. A key that begins with the time the page was
 * rendered (version 7, RFC 9562) is stored beside the keys of the last minutes, in a few pages that stay in memory.
 * <p>
 * The key still cannot be guessed: a retry with a known key is answered with that form's receipt, so after the 48
 * bits of milliseconds come 74 bits from {@link SecureRandom}, as many as a guesser of a version-4 key faces in one
 * millisecond's keys. {@code minyi.evaluation.time-ordered-keys=false} gives random keys as before.
 */
@Component
@RequiredArgsConstructor
public class FormKeys {

    /**
     * Shared: the JDK's default generator on Linux keeps no state per instance (every instance reads /dev/urandom
     * under one process-wide lock), so one costs no more than one per thread, and is not made again per request.
     */
    private static final SecureRandom RANDOM = new SecureRandom();

    @Value("${minyi.evaluation.time-ordered-keys:true}")
    private final boolean timeOrdered;
    private final Clock clock;

    /** A new key for a form about to be rendered. */
    public UUID next() {
        return timeOrdered ? timeOrdered(clock.millis()) : UUID.randomUUID();
    }

    /** Version 7: the Unix time in milliseconds (48 bits), the version, 12 random bits, the variant, 62 random bits. */
    static UUID timeOrdered(long millis) {
        byte[] r = new byte[10];
        RANDOM.nextBytes(r);
        long high = (millis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | (r[0] & 0x0FL) << 8 | (r[1] & 0xFFL);
        long low = 0;
        for (int i = 2; i < 10; i++) {
            low = low << 8 | (r[i] & 0xFFL);
        }
        return new UUID(high, low & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L);
    }
}
