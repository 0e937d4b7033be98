package io.minyi.platform;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * When to sweep a map of per-key state held in memory (rate-limit buckets, recent submissions per address): only once
 * it holds more than {@code soft} keys, and then at most once a second, however many requests find it large. Swept on
 * every request instead, a map full of live keys — a city's residents rating their stations from a hundred thousand
 * addresses within the window — cost a scan of the whole map per form and brought the rating form down from thousands
 * of receipts a second to under two hundred (issue 14; found when the intake bench sent residents' addresses). If a
 * sweep leaves more than {@code hard} keys, the state is dropped: these maps are brakes and signals, never records,
 * and the memory they take must stay bounded.
 * <p>
 * A sweep that finds nothing to remove is wasted, and residents' forms make it the rule: every address is new and stays
 * live for the whole window, so a map of live keys was scanned end to end every second, on a request thread (9 % of
 * the rating form's request-thread samples, decision 0056). {@link #sweepUntil} lets the sweep say when its earliest
 * surviving key can expire at all; the next sweep waits until then (at least a second). Between sweeps a map past
 * {@code hard} keys is still dropped at once. The JVM flag {@code -Dminyi.sweeps.at-expiry=false} sweeps once a second
 * as before (for the comparison).
 */
public final class SweepSchedule {

    private static final long EVERY = TimeUnit.SECONDS.toNanos(1);
    private static final boolean AT_EXPIRY = Boolean.parseBoolean(System.getProperty("minyi.sweeps.at-expiry", "true"));

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
        sweepUntil(map, m -> {
            sweep.accept(m);
            return 0;
        });
    }

    /**
     * As {@link #sweepIfDue}, with a sweep that returns the nanoseconds until the earliest key it left — or any key
     * added after it — can expire: no sweep runs before then, however large the map grows, unless it passes the hard
     * bound, which drops it at once.
     */
    public <K, V> void sweepUntil(Map<K, V> map, ToLongFunction<Map<K, V>> sweep) {
        if (map.size() <= soft) {
            return;
        }
        long now = nanos.getAsLong();
        long due = next.get();
        if (now - due < 0 || !next.compareAndSet(due, now + EVERY)) {
            if (AT_EXPIRY && now - due < 0 && map.size() > hard) {
                map.clear(); // no sweep due: nothing could be removed, only dropped
            }
            return;
        }
        long untilExpiry = sweep.applyAsLong(map);
        if (AT_EXPIRY && untilExpiry > EVERY) {
            next.set(now + Math.min(untilExpiry, TimeUnit.DAYS.toNanos(1)));
        }
        if (map.size() > hard) {
            map.clear();
        }
    }
}
