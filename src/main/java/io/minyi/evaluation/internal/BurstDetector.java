package io.minyi.evaluation.internal;

import io.minyi.platform.SweepSchedule;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ballot-stuffing that drops its cookies: a fresh device per submission defeats the per-device count, and the per-day
 * address allowance is high because a village may share one public address. So several signals are combined, over a
 * short window, per target:
 * <ul>
 *   <li><b>R (rhythm)</b>: from one address, beyond {@value #RHYTHM_FREE} in the window at a pace no person filling
 *   the form keeps (median gap under {@link #HUMAN_GAP}) or with machine regularity (gaps varying by less than 10 %);</li>
 *   <li><b>W (window)</b>: from one address, more than {@value #WINDOW_FREE} in the window whatever the pace;</li>
 *   <li><b>N (network)</b>: from one address prefix (/24, /48), more than {@value #PREFIX_FREE} in the window —
 *   a script rotating addresses within its block.</li>
 * </ul>
 * A village rating its station one person after another — a minute or two apart, irregularly — trips none of them.
 * The reason (kind, ordinal, allowance) is stored with the evaluation and shown to supervisors. Held in memory per
 * node, like the rate limits: a node sees the submissions it writes, which behind sticky load balancing is all of
 * one address's.
 */
@Component
public class BurstDetector {

    static final Duration WINDOW = Duration.ofMinutes(10);
    static final Duration HUMAN_GAP = Duration.ofSeconds(20);
    static final int RHYTHM_FREE = 3;
    static final int WINDOW_FREE = 12;
    static final int PREFIX_FREE = 30;
    private static final int MAX_KEYS = 100_000;
    private final SweepSchedule sweeps = new SweepSchedule(MAX_KEYS, 3 * MAX_KEYS);
    /** The rhythm reads at most this many gaps, i.e. the last this many earlier submissions and the new one. */
    static final int RHYTHM_GAPS = 8;

    private final ConcurrentHashMap<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

    /**
     * Records one submission and tells whether it belongs to a burst.
     *
     * @return a reason such as {@code "R:4>3"} (several joined by {@code ;}), or null
     */
    public String observe(long targetId, String addressKey, String prefixKey, Instant at) {
        sweeps.sweepUntil(recent, map -> sweep(map, at));
        List<String> reasons = new ArrayList<>(2);
        if (addressKey != null) {
            Seen seen = record("a:" + targetId + ":" + addressKey, at);
            int ordinal = seen.before() + 1;
            if (ordinal > RHYTHM_FREE && machineLike(seen.last(), at)) {
                reasons.add("R:" + ordinal + ">" + RHYTHM_FREE);
            }
            if (ordinal > WINDOW_FREE) {
                reasons.add("W:" + ordinal + ">" + WINDOW_FREE);
            }
        }
        if (prefixKey != null) {
            int ordinal = record("n:" + targetId + ":" + prefixKey, at).before() + 1;
            if (ordinal > PREFIX_FREE) {
                reasons.add("N:" + ordinal + ">" + PREFIX_FREE);
            }
        }
        return reasons.isEmpty() ? null : String.join(";", reasons);
    }

    /**
     * Drops the keys whose last submission left the window; returns the nanoseconds until the earliest last submission
     * of the keys left leaves it too, at most a window (no key can be dropped before then, decision 0056).
     */
    static long sweep(Map<String, Deque<Instant>> map, Instant at) {
        Instant old = at.minus(WINDOW);
        Instant earliest = null;
        for (var it = map.values().iterator(); it.hasNext(); ) {
            Deque<Instant> times = it.next();
            synchronized (times) {
                Instant last = times.peekLast();
                if (last == null || last.isBefore(old)) {
                    it.remove();
                } else if (earliest == null || last.isBefore(earliest)) {
                    earliest = last;
                }
            }
        }
        // at most a window: a key made after this sweep leaves it a window later at the earliest, and a clock set back
        // (tests) must not put the next sweep off for longer
        return earliest == null ? WINDOW.toNanos() : Math.min(Duration.between(old, earliest).toNanos(), WINDOW.toNanos());
    }

    /** How many earlier submissions under a key are inside the window, and the last of them the rhythm reads. */
    private record Seen(int before, List<Instant> last) {
    }

    /**
     * The earlier submissions under this key still inside the window; then this one is added. Only the last
     * {@value #RHYTHM_GAPS} are copied out (all the rhythm check reads), and none while the count is within what
     * is free: under ballot-stuffing every key holds its full 64 and every form would copy them all.
     */
    private Seen record(String key, Instant at) {
        Deque<Instant> times = recent.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            Instant from = at.minus(WINDOW);
            while (!times.isEmpty() && times.peekFirst().isBefore(from)) {
                times.pollFirst();
            }
            int before = times.size();
            List<Instant> last = List.of();
            if (before >= RHYTHM_FREE) {
                Instant[] tail = new Instant[Math.min(RHYTHM_GAPS, before)];
                var it = times.descendingIterator();
                for (int i = tail.length - 1; i >= 0; i--) {
                    tail[i] = it.next();
                }
                last = Arrays.asList(tail);
            }
            times.addLast(at);
            if (times.size() > 64) {
                times.pollFirst();
            }
            return new Seen(before, last);
        }
    }

    /**
     * The last gaps (up to eight) are faster than a person can fill the form, or — over at least six gaps — as regular
     * as a timer (varying by less than 10 %; people queueing at one counter vary by 30 % and more).
     */
    static boolean machineLike(List<Instant> before, Instant at) {
        List<Instant> times = new ArrayList<>(before);
        times.add(at);
        int n = Math.min(RHYTHM_GAPS, times.size() - 1);
        if (n < 2) {
            return false;
        }
        double[] gaps = new double[n];
        for (int i = 0; i < n; i++) {
            int j = times.size() - 1 - i;
            gaps[i] = Duration.between(times.get(j - 1), times.get(j)).toMillis();
        }
        double[] sorted = gaps.clone();
        Arrays.sort(sorted);
        double median = sorted[n / 2];
        if (median < HUMAN_GAP.toMillis()) {
            return true;
        }
        if (n < 6) {
            return false;
        }
        double mean = Arrays.stream(gaps).average().orElse(0);
        double variance = Arrays.stream(gaps).map(g -> (g - mean) * (g - mean)).sum() / n;
        return mean > 0 && Math.sqrt(variance) / mean < 0.10;
    }

    /** The block an address belongs to: /24 for IPv4, /48 for IPv6. */
    public static String prefixOf(String address) {
        if (address == null) {
            return null;
        }
        if (address.indexOf(':') >= 0) {
            String[] groups = address.split(":", -1);
            return groups.length >= 3 ? groups[0] + ":" + groups[1] + ":" + groups[2] + "::/48" : address;
        }
        int last = address.lastIndexOf('.');
        return last > 0 ? address.substring(0, last) + ".0/24" : address;
    }
}
