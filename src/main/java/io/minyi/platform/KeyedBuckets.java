package io.minyi.platform;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Token buckets per key (an address, a phone), held in memory: a limit is a brake on floods, not a record, so a
 * restart may forget it. Idle buckets are dropped when the map grows (at most once a second, {@link SweepSchedule}),
 * so a scan of many addresses can neither fill memory nor make every request sweep.
 */
public final class KeyedBuckets {

    private static final int MAX_BUCKETS = 200_000;

    private final int capacity;
    private final Duration period;
    private final ConcurrentHashMap<String, Entry> buckets = new ConcurrentHashMap<>();
    private final SweepSchedule sweeps = new SweepSchedule(MAX_BUCKETS, 2 * MAX_BUCKETS);

    /** {@code capacity} tokens per key, refilled evenly over {@code period}. */
    public KeyedBuckets(int capacity, Duration period) {
        this.capacity = capacity;
        this.period = period;
    }

    public boolean tryConsume(String key) {
        return entry(key).bucket.tryConsume(1);
    }

    /** Whether the key has no token left, without taking one (and without making a bucket for a new key). */
    public boolean exhausted(String key) {
        Entry e = buckets.get(key);
        return e != null && e.bucket.getAvailableTokens() <= 0;
    }

    private Entry entry(String key) {
        long idleBefore = System.nanoTime() - period.toNanos();
        sweeps.sweepIfDue(buckets, map -> map.entrySet().removeIf(e -> e.getValue().lastUsed.get() < idleBefore));
        Entry entry = buckets.computeIfAbsent(key, k -> new Entry(Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build())
                .build(), new AtomicLong()));
        entry.lastUsed.set(System.nanoTime());
        return entry;
    }

    private record Entry(Bucket bucket, AtomicLong lastUsed) {
    }
}
