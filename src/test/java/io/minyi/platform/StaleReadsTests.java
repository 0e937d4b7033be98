package io.minyi.platform;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StaleReadsTests {

    @Test
    void a_fresh_read_inside_a_stale_section_leaves_it_and_the_section_resumes_after() {
        assertThat(StaleReads.active()).isFalse();
        boolean[] seen = new boolean[3];
        StaleReads.run(() -> {
            seen[0] = StaleReads.active();
            seen[1] = StaleReads.fresh(StaleReads::active);
            seen[2] = StaleReads.active();
        });
        assertThat(seen).containsExactly(true, false, true);
        assertThat(StaleReads.fresh(StaleReads::active)).isFalse();
        assertThat(StaleReads.active()).isFalse();
    }
}
