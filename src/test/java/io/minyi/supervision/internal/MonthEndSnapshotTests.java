package io.minyi.supervision.internal;

import io.minyi.org.OrgDirectory;
import io.minyi.support.FullStackTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Date;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The open-overdue count at a month's end is taken once, for every unit: a unit's first overdue case of the next month
 * is not counted into the month that ended before it. Written in 2019 inside a rolled-back transaction.
 */
@FullStackTest
class MonthEndSnapshotTests {

    @Autowired UnitMonths unitMonths;
    @Autowired OrgDirectory org;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;

    @Test
    void a_month_end_count_is_taken_once_for_every_unit_and_never_filled_in_later() {
        LocalDate ended = LocalDate.of(2019, 4, 30);
        tx.executeWithoutResult(status -> {
            status.setRollbackOnly();
            long unit = jdbc.sql("""
                            SELECT u.id FROM org_unit u WHERE NOT EXISTS (SELECT 1 FROM unit_open_overdue o
                                                                         WHERE o.unit_id = u.id AND o.cases > 0)
                            ORDER BY u.id LIMIT 1""").query(Long.class).single();
            unitMonths.snapshotOpenOverdue(ended);
            assertThat(endOfApril(unit)).isEqualTo(0);
            long units = jdbc.sql("SELECT count(*) FROM org_unit").query(Long.class).single();
            assertThat(jdbc.sql("SELECT count(*) FROM unit_month WHERE month = ? AND open_overdue_end IS NOT NULL")
                    .param(Date.valueOf(ended.withDayOfMonth(1))).query(Long.class).single()).isEqualTo(units);

            unitMonths.caseBecameOverdue(unit); // in May
            unitMonths.snapshotOpenOverdue(ended); // the next scans of May
            assertThat(endOfApril(unit)).isEqualTo(0);
        });
    }

    private Integer endOfApril(long unit) {
        return jdbc.sql("SELECT open_overdue_end FROM unit_month WHERE unit_id = ? AND month = '2019-04-01'")
                .param(unit).query(Integer.class).single();
    }
}
