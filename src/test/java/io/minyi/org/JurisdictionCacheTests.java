package io.minyi.org;

import io.minyi.org.OrgRefs.JurisdictionRef;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The cache's own rules, without a database: what it serves, and what it refuses to keep (decision 0048). */
class JurisdictionCacheTests {

    private static JurisdictionRef place(String name) {
        return new JurisdictionRef(7, 1L, JurisdictionLevel.VILLAGE, "990199", name, "/1/7/");
    }

    @Test
    void a_place_read_once_is_served_from_memory_while_the_feed_listens() {
        JurisdictionCache cache = new JurisdictionCache();
        cache.trust();
        AtomicInteger reads = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            assertThat(cache.byId(7, () -> {
                reads.incrementAndGet();
                return Optional.of(place("甲村"));
            })).map(JurisdictionRef::name).contains("甲村");
        }
        assertThat(reads).hasValue(1);
    }

    @Test
    void a_change_heard_while_a_place_was_being_read_outdates_what_was_read() {
        JurisdictionCache cache = new JurisdictionCache();
        cache.trust();
        // the database answered with the old name, but the change was heard before the answer was kept
        cache.byId(7, () -> {
            cache.clear();
            return Optional.of(place("旧名村"));
        });
        assertThat(cache.byId(7, () -> Optional.of(place("新名村")))).map(JurisdictionRef::name).contains("新名村");
    }

    @Test
    void nothing_is_served_or_kept_while_the_feed_does_not_listen_and_a_place_not_found_is_not_remembered() {
        JurisdictionCache cache = new JurisdictionCache();
        AtomicInteger reads = new AtomicInteger();
        cache.byId(7, () -> {
            reads.incrementAndGet();
            return Optional.of(place("甲村"));
        });
        cache.byId(7, () -> {
            reads.incrementAndGet();
            return Optional.of(place("甲村"));
        });
        assertThat(reads).hasValue(2);

        cache.trust();
        assertThat(cache.byId(8, Optional::empty)).isEmpty();
        assertThat(cache.byId(8, () -> Optional.of(place("新建村")))).isPresent();

        cache.byId(7, () -> Optional.of(place("甲村")));
        cache.distrust();
        assertThat(cache.byId(7, () -> Optional.of(place("乙村")))).map(JurisdictionRef::name).contains("乙村");
    }
}
