package io.minyi.evaluation;

import io.minyi.support.FullStackTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Figures for long periods read whole months from the per-unit monthly totals and the partial months from the
 * daily ones; both must give the same answer as adding up the days, also after a day's totals change.
 */
@FullStackTest
class EvaluationMonthlyTotalsTests {

    @Autowired
    EvaluationFigures figures;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void whole_months_and_edge_days_add_up_to_the_daily_totals() {
        long unit = jdbc.queryForObject("SELECT min(id) FROM unit WHERE type = 'POLICE_STATION'", Long.class);
        String path = jdbc.queryForObject("SELECT j.path FROM unit u JOIN jurisdiction j ON j.id = u.jurisdiction_id WHERE u.id = ?",
                String.class, unit);
        long officer = 900_000_000L + ThreadLocalRandom.current().nextInt(1_000_000);
        int year = 2001 + ThreadLocalRandom.current().nextInt(15);
        day(unit, officer, LocalDate.of(year, 1, 15), 3, 2, 1, 0);
        day(unit, officer, LocalDate.of(year, 2, 10), 10, 6, 3, 1);
        day(unit, officer, LocalDate.of(year, 3, 31), 5, 1, 1, 3);
        day(unit, officer, LocalDate.of(year, 4, 2), 7, 7, 0, 0);

        assertThat(figures.forJurisdiction(path, LocalDate.of(year, 1, 15), LocalDate.of(year, 4, 2)).evaluations()).isEqualTo(25);
        assertThat(figures.forJurisdiction(path, LocalDate.of(year, 2, 1), LocalDate.of(year, 3, 31)).evaluations()).isEqualTo(15);
        assertThat(figures.forJurisdiction(path, LocalDate.of(year, 1, 16), LocalDate.of(year, 3, 30)).evaluations()).isEqualTo(10);
        assertThat(figures.forJurisdiction(path, LocalDate.of(year, 2, 11), LocalDate.of(year, 2, 20)).evaluations()).isZero();
        var whole = figures.forJurisdiction(path, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
        assertThat(whole.satisfied()).isEqualTo(16);
        assertThat(whole.dissatisfied()).isEqualTo(4);
        assertThat(figures.byUnit(path, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)))
                .filteredOn(u -> u.unitId() == unit).singleElement()
                .satisfies(u -> assertThat(u.satisfaction().evaluations()).isEqualTo(25));

        // the writer adds to a day that already has totals: the month follows
        jdbc.update("UPDATE evaluation_daily SET evaluations = evaluations + 4, satisfied = satisfied + 4 WHERE unit_id = ? AND officer_id = ? AND day = ?",
                unit, officer, LocalDate.of(year, 2, 10));
        assertThat(figures.forJurisdiction(path, LocalDate.of(year, 2, 1), LocalDate.of(year, 2, 28)).evaluations()).isEqualTo(14);
        assertThat(jdbc.queryForObject("SELECT sum(evaluations) FROM evaluation_unit_monthly WHERE unit_id = ? AND month = ?",
                Long.class, unit, LocalDate.of(year, 2, 1))).isEqualTo(jdbc.queryForObject(
                "SELECT sum(evaluations) FROM evaluation_daily WHERE unit_id = ? AND day BETWEEN ? AND ?", Long.class,
                unit, LocalDate.of(year, 2, 1), LocalDate.of(year, 2, 28)));
    }

    private void day(long unit, long officer, LocalDate day, int evaluations, int satisfied, int basically, int dissatisfied) {
        jdbc.update("""
                INSERT INTO evaluation_daily (day, unit_id, officer_id, evaluations, satisfied, basically_satisfied, dissatisfied,
                                              city_id)
                SELECT ?, ?, ?, ?, ?, ?, ?, city_of_path(j.path) FROM unit u JOIN jurisdiction j ON j.id = u.jurisdiction_id
                WHERE u.id = ?""", day, unit, officer, evaluations, satisfied, basically, dissatisfied, unit);
    }
}
