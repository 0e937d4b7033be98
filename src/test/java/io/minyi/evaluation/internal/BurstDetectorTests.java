package io.minyi.evaluation.internal;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class BurstDetectorTests {

    private static final Instant T0 = Instant.parse("2026-11-29T02:00:00Z");

    @Test
    void a_burst_on_one_target_from_one_address_is_flagged_from_the_fourth() {
        BurstDetector d = new BurstDetector();
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            reasons.add(d.observe(7, "addr", "net", T0.plusSeconds(3L * i)));
        }
        assertThat(reasons.subList(0, 3)).containsOnlyNulls();
        assertThat(reasons.subList(3, 10)).allSatisfy(r -> assertThat(r).startsWith("R:"));
        assertThat(reasons.get(3)).isEqualTo("R:4>3");
    }

    @Test
    void a_village_sharing_one_address_rating_one_after_another_still_counts() {
        BurstDetector d = new BurstDetector();
        Random random = new Random(18);
        Instant t = T0;
        int flagged = 0;
        for (int i = 0; i < 400; i++) {
            t = t.plusSeconds(60 + random.nextInt(120)); // a minute or three per person, irregular
            if (d.observe(7, "village", "village-net", t) != null) {
                flagged++;
            }
        }
        assertThat(flagged).isZero();
    }

    @Test
    void a_script_keeping_a_slow_steady_beat_is_flagged_by_its_regularity() {
        BurstDetector d = new BurstDetector();
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            reasons.add(d.observe(7, "addr", null, T0.plusSeconds(45L * i)));
        }
        assertThat(reasons.subList(0, 6)).containsOnlyNulls();
        assertThat(reasons.get(6)).isEqualTo("R:7>3");
    }

    @Test
    void rotating_addresses_within_one_block_is_flagged_by_the_prefix_and_other_targets_are_apart() {
        BurstDetector d = new BurstDetector();
        String last = null;
        for (int i = 0; i < 31; i++) {
            last = d.observe(9, "addr" + i, "block", T0.plusSeconds(10L * i));
        }
        assertThat(last).isEqualTo("N:31>30");
        assertThat(d.observe(10, "addr0", "block", T0.plusSeconds(400))).isNull();
        assertThat(BurstDetector.prefixOf("203.0.113.77")).isEqualTo("203.0.113.0/24");
        assertThat(BurstDetector.prefixOf("2001:db8:1:2::5")).isEqualTo("2001:db8:1::/48");
    }

    @Test
    void a_sweep_drops_the_keys_that_left_the_window_and_says_when_the_next_one_will() {
        java.util.Map<String, java.util.Deque<Instant>> map = new java.util.concurrent.ConcurrentHashMap<>();
        Instant now = T0.plusSeconds(3600);
        map.put("left", new java.util.ArrayDeque<>(List.of(now.minusSeconds(700), now.minusSeconds(601))));
        map.put("soon", new java.util.ArrayDeque<>(List.of(now.minusSeconds(540))));
        map.put("fresh", new java.util.ArrayDeque<>(List.of(now.minusSeconds(900), now.minusSeconds(5))));

        long next = BurstDetector.sweep(map, now);

        assertThat(map).containsOnlyKeys("soon", "fresh");
        assertThat(next).as("'soon' leaves the ten-minute window in a minute")
                .isEqualTo(java.time.Duration.ofSeconds(60).toNanos());
        map.clear();
        assertThat(BurstDetector.sweep(map, now)).as("a key made now leaves it in a window at the earliest")
                .isEqualTo(BurstDetector.WINDOW.toNanos());
    }
}
