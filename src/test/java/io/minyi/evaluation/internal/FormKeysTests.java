package io.minyi.evaluation.internal;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The rating form's idempotency keys (decision 0056): time-ordered as PostgreSQL orders them, yet unguessable. */
class FormKeysTests {

    private static final Instant NOW = Instant.parse("2026-11-30T12:40:00.123Z");

    @Test
    void a_key_is_version_7_with_the_milliseconds_it_was_made_in_its_first_48_bits() {
        UUID key = new FormKeys(true, Clock.fixed(NOW, ZoneOffset.UTC)).next();

        assertThat(key.version()).isEqualTo(7);
        assertThat(key.variant()).isEqualTo(2);
        assertThat(key.getMostSignificantBits() >>> 16).isEqualTo(NOW.toEpochMilli());
        assertThat(UUID.fromString(key.toString())).as("what the form posts back parses to the same key").isEqualTo(key);
    }

    @Test
    void later_keys_sort_after_earlier_ones_byte_by_byte_as_the_database_compares_uuids() {
        UUID earlier = FormKeys.timeOrdered(NOW.toEpochMilli());
        UUID later = FormKeys.timeOrdered(NOW.toEpochMilli() + 1);

        // PostgreSQL compares uuid values as unsigned bytes; the text form's order is the same
        assertThat(later.toString()).isGreaterThan(earlier.toString());
        assertThat(Long.compareUnsigned(later.getMostSignificantBits(), earlier.getMostSignificantBits())).isPositive();
    }

    @Test
    void keys_of_one_millisecond_differ_in_their_random_bits() {
        Set<UUID> keys = new HashSet<>();
        Set<Long> low = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            UUID k = FormKeys.timeOrdered(NOW.toEpochMilli());
            keys.add(k);
            low.add(k.getLeastSignificantBits());
        }
        assertThat(keys).hasSize(10_000);
        assertThat(low).as("the 62 low bits alone are random").hasSize(10_000);
    }

    @Test
    void switched_off_a_key_is_random_as_before() {
        UUID key = new FormKeys(false, Clock.fixed(NOW, ZoneOffset.UTC)).next();

        assertThat(key.version()).isEqualTo(4);
    }
}
