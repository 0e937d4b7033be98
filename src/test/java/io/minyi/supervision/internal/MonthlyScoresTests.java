package io.minyi.supervision.internal;

import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.UnitRef;
import io.minyi.supervision.SupervisionFigures.UnitScore;
import io.minyi.support.FullStackTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Date;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The annual assessment reads a year of monthly scores in one pass (the units once, no month scored twice); each
 * month's scores must be the month's ranking as the score page shows it, units and counties alike. The months are in
 * 2019, written and rolled back inside the test's transaction, so no other test's figures see them.
 */
@FullStackTest
class MonthlyScoresTests {

    @Autowired UnitScores scores;
    @Autowired OrgDirectory org;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;

    @Test
    void a_year_of_monthly_scores_is_each_months_ranking() {
        List<YearMonth> months = List.of(YearMonth.of(2019, 1), YearMonth.of(2019, 2), YearMonth.of(2019, 3));
        String city = org.root().path();
        tx.executeWithoutResult(status -> {
            status.setRollbackOnly();
            List<UnitRef> units = org.unitsWithin(city);
            long cityId = jdbc.sql("SELECT city_of_path(?)").param(city).query(Long.class).single();
            // different counters per unit and month, so that ranks and means differ
            for (int i = 0; i < Math.min(units.size(), 12); i++) {
                for (int m = 0; m < 2; m++) {
                    jdbc.sql("""
                                    INSERT INTO unit_month (unit_id, month, closed, closed_on_time, satisfied, reopened,
                                                            clues_decided, clues_substantiated, letters, open_overdue_end,
                                                            city_id)
                                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                            .params(units.get(i).id(), Date.valueOf(months.get(m).atDay(1)), 10 + i, 5 + (i * 7 + m) % 6,
                                    3 + m, i % 3, 4, i % 4, (i + m) % 3, i % 2, cityId)
                            .update();
                }
            }
            Map<YearMonth, List<UnitScore>> unitsByMonth = scores.unitScoresByMonth(city, units, months);
            Map<YearMonth, List<UnitScore>> countiesByMonth = scores.countyScoresByMonth(scores.unitsOfCounties(), months);
            assertThat(unitsByMonth.keySet()).containsExactlyElementsOf(months);
            for (YearMonth m : months) {
                assertThat(withoutArrows(unitsByMonth.get(m))).as("units " + m)
                        .isEqualTo(withoutArrows(scores.unitRanking(city, m)));
                assertThat(withoutArrows(countiesByMonth.get(m))).as("counties " + m)
                        .isEqualTo(withoutArrows(scores.countyRanking(m)));
            }
            assertThat(unitsByMonth.get(months.get(0))).hasSizeGreaterThanOrEqualTo(Math.min(units.size(), 12));
            assertThat(countiesByMonth.get(months.get(1))).isNotEmpty();
            assertThat(unitsByMonth.get(months.get(2))).as("a month without counters").isEmpty();
        });
    }

    /** The rankings add the previous run's rank and score for their arrows; the assessment does not use them. */
    private static List<UnitScore> withoutArrows(List<UnitScore> ranking) {
        return ranking.stream().map(s -> new UnitScore(s.id(), s.name(), s.closed(), s.closedOnTime(), s.openOverdue(),
                s.onTimeRate(), s.handlingSatisfaction(), s.evaluationSatisfaction(), s.substantiatedRate(),
                s.reopenRate(), s.letters(), s.score(), s.rank(), null, null)).toList();
    }
}
