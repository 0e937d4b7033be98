package io.minyi.reporting.internal;

import io.minyi.support.FullStackTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 核查中 is read as a standing at the end of the range, whatever the range: three clues went under verification in
 * December, two of them got their verdicts in January. Summed over January alone the moves would say −2.
 */
@FullStackTest
class UnderVerificationStandingTests {

    @Autowired Rollups rollups;
    @Autowired JdbcClient jdbc;

    @Test
    void the_clues_under_verification_are_those_still_waiting_for_a_verdict_at_the_ranges_end() {
        long city = jdbc.sql("SELECT id FROM org_jurisdiction WHERE parent_id IS NULL ORDER BY id LIMIT 1")
                .query(Long.class).single();
        // a jurisdiction id of its own, so that the rows read are this test's alone
        long j = 9_000_000_000L + System.nanoTime() % 1_000_000_000L;
        move(j, city, LocalDate.of(2025, 12, 10), 3, 0);
        move(j, city, LocalDate.of(2026, 1, 3), -2, 2);

        Rollups.Totals january = Rollups.of(rollups.byType(j, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 5)), "CLUE");
        assertThat(january.underVerification()).isEqualTo(1);
        assertThat(january.substantiated()).as("the verdicts remain what came in the range").isEqualTo(2);
        assertThat(Rollups.of(rollups.byType(j, LocalDate.of(2025, 12, 1), LocalDate.of(2025, 12, 31)), "CLUE")
                .underVerification()).isEqualTo(3);
        assertThat(Rollups.of(rollups.byType(j, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 2)), "CLUE")
                .underVerification()).as("before the verdicts").isEqualTo(3);
        assertThat(Rollups.of(rollups.byType(j, LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 5)), "CLUE")
                .underVerification()).as("a range with no moves of its own").isEqualTo(1);
        assertThat(rollups.byJurisdiction(List.of(j), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31)).get(j)
                .underVerification()).isEqualTo(1);
        assertThat(Rollups.of(rollups.byType(j, LocalDate.of(2025, 11, 1), LocalDate.of(2025, 11, 30)), "CLUE")
                .underVerification()).isZero();
    }

    /** A day's moves, in the daily table and in its month's row, as the projection writes them. */
    private void move(long jurisdictionId, long cityId, LocalDate day, int underVerification, int substantiated) {
        for (String[] table : new String[][]{{"case_rollup_daily", "day"}, {"case_rollup_monthly", "month"}}) {
            LocalDate at = table[0].endsWith("monthly") ? day.withDayOfMonth(1) : day;
            jdbc.sql("INSERT INTO " + table[0] + " (" + table[1] + ", jurisdiction_id, type, category, "
                            + "under_verification, substantiated, city_id) VALUES (?, ?, 'CLUE', '执法作风', ?, ?, ?)")
                    .params(Date.valueOf(at), jurisdictionId, underVerification, substantiated, cityId).update();
        }
    }
}
