package io.minyi.platform;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class SweepScheduleTests {

    private final AtomicLong now = new AtomicLong(TimeUnit.DAYS.toNanos(3));
    private final SweepSchedule schedule = new SweepSchedule(10, 20, now::get);
    private final AtomicInteger sweeps = new AtomicInteger();

    private static Map<Integer, String> live(int keys) {
        Map<Integer, String> map = new HashMap<>();
        for (int i = 0; i < keys; i++) {
            map.put(i, "live");
        }
        return map;
    }

    @Test
    void a_map_full_of_live_keys_is_swept_once_a_second_not_on_every_request() {
        Map<Integer, String> map = live(15);
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        for (int request = 0; request < 1_000; request++) {
            schedule.sweepIfDue(map, m -> sweeps.incrementAndGet());
        }
        assertThat(sweeps).hasValue(1);
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(999));
        schedule.sweepIfDue(map, m -> sweeps.incrementAndGet());
        assertThat(sweeps).hasValue(1);
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
        schedule.sweepIfDue(map, m -> sweeps.incrementAndGet());
        assertThat(sweeps).hasValue(2);
        assertThat(map).hasSize(15);
    }

    @Test
    void a_small_map_is_never_swept_and_one_still_too_large_after_a_sweep_is_dropped() {
        Map<Integer, String> small = live(10);
        now.addAndGet(TimeUnit.SECONDS.toNanos(5));
        schedule.sweepIfDue(small, m -> sweeps.incrementAndGet());
        assertThat(sweeps).hasValue(0);

        Map<Integer, String> large = live(25);
        schedule.sweepIfDue(large, m -> m.remove(0));
        assertThat(large).isEmpty();

        Map<Integer, String> swept = live(25);
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        schedule.sweepIfDue(swept, m -> m.keySet().removeIf(k -> k >= 12));
        assertThat(swept).hasSize(12);
    }
}
