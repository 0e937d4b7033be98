package io.minyi.platform;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import java.time.Duration;
import java.util.Map;
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
        long now = System.nanoTime();
        sweeps.sweepUntil(buckets, map -> sweep(map, now));
        Entry entry = buckets.computeIfAbsent(key, k -> new Entry(Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build())
                .build(), new AtomicLong()));
        entry.lastUsed.set(System.nanoTime());
        return entry;
    }

    /** Drops the buckets idle for a period; returns the nanoseconds until the next one can be (at most a period). */
    private long sweep(Map<String, Entry> map, long now) {
        long idleBefore = now - period.toNanos();
        long untilIdle = period.toNanos(); // a bucket made after this sweep is idle a period after it at the earliest
        for (var it = map.values().iterator(); it.hasNext(); ) {
            long used = it.next().lastUsed.get();
            if (used - idleBefore < 0) {
                it.remove();
            } else {
                untilIdle = Math.min(untilIdle, used - idleBefore);
            }
        }
        return untilIdle;
    }

    private record Entry(Bucket bucket, AtomicLong lastUsed) {
    }
}
