package io.minyi.platform;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The cache's own rules, without a database: what it serves, and what it refuses to keep (decision 0048). */
class ChangeHeardCacheTests {

    static final class Names extends ChangeHeardCache {
        final Map<Long, Entry<String>> byId = newMap();

        @Override
        public java.util.List<String> channels() {
            return java.util.List.of("test_names");
        }

        Optional<String> get(long id, java.util.function.Supplier<Optional<String>> read) {
            return cached(byId, id, read);
        }
    }

    @Test
    void a_row_read_once_is_served_from_memory_while_the_feed_listens() {
        Names cache = new Names();
        cache.trust();
        AtomicInteger reads = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            assertThat(cache.get(7, () -> {
                reads.incrementAndGet();
                return Optional.of("甲村");
            })).contains("甲村");
        }
        assertThat(reads).hasValue(1);
        cache.changed();
        assertThat(cache.get(7, () -> Optional.of("乙村"))).contains("乙村");
    }

    @Test
    void a_change_heard_while_a_row_was_being_read_outdates_what_was_read() {
        Names cache = new Names();
        cache.trust();
        // the database answered with the old name, but the change was heard before the answer was kept
        cache.get(7, () -> {
            cache.changed();
            return Optional.of("旧名村");
        });
        assertThat(cache.get(7, () -> Optional.of("新名村"))).contains("新名村");
    }

    @Test
    void nothing_is_served_or_kept_while_the_feed_does_not_listen_and_a_row_not_found_is_not_remembered() {
        Names cache = new Names();
        AtomicInteger reads = new AtomicInteger();
        for (int i = 0; i < 2; i++) {
            cache.get(7, () -> {
                reads.incrementAndGet();
                return Optional.of("甲村");
            });
        }
        assertThat(reads).hasValue(2);

        cache.trust();
        assertThat(cache.get(8, Optional::empty)).isEmpty();
        assertThat(cache.get(8, () -> Optional.of("新建村"))).contains("新建村");

        cache.get(7, () -> Optional.of("甲村"));
        cache.distrust();
        assertThat(cache.get(7, () -> Optional.of("乙村"))).contains("乙村");
    }

    @Test
    void a_feed_that_has_not_confirmed_for_three_seconds_is_not_trusted() throws Exception {
        Names cache = new Names();
        cache.trust();
        assertThat(cache.trusted()).isTrue();
        var at = ChangeHeardCache.class.getDeclaredField("confirmedAt");
        at.setAccessible(true);
        at.setLong(cache, System.nanoTime() - ChangeHeardCache.CONFIRMED_FOR - 1);
        assertThat(cache.trusted()).isFalse();
        assertThat(cache.get(7, () -> Optional.of("甲村"))).contains("甲村");
        assertThat(cache.get(7, () -> Optional.of("乙村"))).contains("乙村");
        cache.confirm();
        assertThat(cache.trusted()).isTrue();
    }
}
