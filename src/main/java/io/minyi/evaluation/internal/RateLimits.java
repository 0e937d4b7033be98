package io.minyi.evaluation.internal;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Token buckets per address and per phone (Bucket4j), held in memory: a limit is a brake on floods, not a record,
 * so a restart may forget it. Idle buckets are dropped when the map grows so that a scan of many addresses cannot
 * exhaust memory.
 */
@Component
public class RateLimits {

    private static final int MAX_BUCKETS = 200_000;

    private final Limiter addresses;
    private final Limiter phones;

    RateLimits(EvaluationProperties properties) {
        var r = properties.rateLimit();
        this.addresses = new Limiter(r.perAddress(), r.perAddressPeriod());
        this.phones = new Limiter(r.perPhone(), r.perPhonePeriod());
    }

    public boolean allowAddress(String address) {
        return addresses.tryConsume(address);
    }

    public boolean allowPhone(String phoneKey) {
        return phoneKey == null || phones.tryConsume(phoneKey);
    }

    static final class Limiter {
        private final int capacity;
        private final Duration period;
        private final ConcurrentHashMap<String, Entry> buckets = new ConcurrentHashMap<>();

        Limiter(int capacity, Duration period) {
            this.capacity = capacity;
            this.period = period;
        }

        boolean tryConsume(String key) {
            if (buckets.size() > MAX_BUCKETS) {
                long idleBefore = System.nanoTime() - period.toNanos();
                buckets.entrySet().removeIf(e -> e.getValue().lastUsed.get() < idleBefore);
            }
            Entry entry = buckets.computeIfAbsent(key, k -> new Entry(Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build())
                    .build(), new AtomicLong()));
            entry.lastUsed.set(System.nanoTime());
            return entry.bucket.tryConsume(1);
        }

        private record Entry(Bucket bucket, AtomicLong lastUsed) {
        }
    }
}
