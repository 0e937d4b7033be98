package io.minyi.platform;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * When to sweep a map of per-key state held in memory (rate-limit buckets, recent submissions per address): only once
 * it holds more than {@code soft} keys, and then at most once a second, however many requests find it large. Swept on
 * every request instead, a map full of live keys — a city's residents rating their stations from a hundred thousand
 * addresses within the window — cost a scan of the whole map per form and brought the rating form down from thousands
 * of receipts a second to under two hundred (issue 14; found when the intake bench sent residents' addresses). If a
 * sweep leaves more than {@code hard} keys, the state is dropped: these maps are brakes and signals, never records,
 * and the memory they take must stay bounded.
 */
public final class SweepSchedule {

    private static final long EVERY = TimeUnit.SECONDS.toNanos(1);

    private final int soft;
    private final int hard;
    private final LongSupplier nanos;
    private final AtomicLong next;

    public SweepSchedule(int soft, int hard) {
        this(soft, hard, System::nanoTime);
    }

    SweepSchedule(int soft, int hard, LongSupplier nanos) {
        this.soft = soft;
        this.hard = hard;
        this.nanos = nanos;
        this.next = new AtomicLong(nanos.getAsLong());
    }

    /** Runs {@code sweep} on {@code map} when the map is large and a second has passed since the last sweep. */
    public <K, V> void sweepIfDue(Map<K, V> map, Consumer<Map<K, V>> sweep) {
        if (map.size() <= soft) {
            return;
        }
        long now = nanos.getAsLong();
        long due = next.get();
        if (now - due < 0 || !next.compareAndSet(due, now + EVERY)) {
            return;
        }
        sweep.accept(map);
        if (map.size() > hard) {
            map.clear();
        }
    }
}
