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

    @Test
    void a_sweep_that_says_when_its_first_key_can_expire_is_not_run_again_before_then() {
        Map<Integer, String> map = live(15);
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        long tenMinutes = TimeUnit.MINUTES.toNanos(10);
        schedule.sweepUntil(map, m -> {
            sweeps.incrementAndGet();
            return tenMinutes;
        });
        assertThat(sweeps).hasValue(1);
        for (int second = 1; second < 600; second++) {
            now.addAndGet(TimeUnit.SECONDS.toNanos(1));
            schedule.sweepUntil(map, m -> sweeps.incrementAndGet());
        }
        assertThat(sweeps).as("no key could expire: a scan of the map would have found nothing").hasValue(1);
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        schedule.sweepUntil(map, m -> sweeps.incrementAndGet());
        assertThat(sweeps).hasValue(2);
        assertThat(map).hasSize(15);
    }

    @Test
    void between_sweeps_a_map_past_the_hard_bound_is_still_dropped() {
        Map<Integer, String> map = live(15);
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        schedule.sweepUntil(map, m -> TimeUnit.MINUTES.toNanos(10));
        for (int i = 15; i <= 20; i++) {
            map.put(i, "live");
        }
        schedule.sweepUntil(map, m -> sweeps.incrementAndGet());
        assertThat(map).as("21 keys > 20").isEmpty();
        assertThat(sweeps).hasValue(0);
    }
}
