package io.minyi.reporting;

import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Date;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 17: the unit ranking on the dashboard covers the dashboard's date range, not the month of its end. */
@FullStackTest
class RankingPeriodFullStackTests {

    private static final Pattern ROW = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern CELL = Pattern.compile("<td[^>]*>(.*?)</td>", Pattern.DOTALL);
    private static final Pattern ON_TIME = Pattern.compile("\\((\\d+)/(\\d+)\\)");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired Clock clock;

    @Test
    void the_unit_ranking_sums_every_month_of_the_chosen_range() {
        long unit = jdbc.sql("SELECT unit_id FROM staff_account WHERE username = 'handler'").query(Long.class).single();
        String name = jdbc.sql("SELECT name FROM org_unit WHERE id = ?").param(unit).query(String.class).single();
        YearMonth last = YearMonth.now(clock).minusMonths(1);
        YearMonth first = last.minusMonths(2);
        // three past months of the unit's counters, as the supervision projection keeps them
        for (int i = 0; i < 3; i++) {
            jdbc.sql("""
                            INSERT INTO unit_month (unit_id, month, closed, closed_on_time, open_overdue_end)
                            VALUES (?, ?, ?, ?, 0)
                            ON CONFLICT (unit_id, month, city_id) DO UPDATE SET closed = unit_month.closed + excluded.closed,
                                closed_on_time = unit_month.closed_on_time + excluded.closed_on_time""")
                    .params(unit, Date.valueOf(first.plusMonths(i).atDay(1)), 3 + i, 2 + i).update();
        }
        StaffClient leader = new StaffClient(port);
        leader.login("leader");

        for (YearMonth from : List.of(first, last)) {
            String page = leader.get("/dashboard?from=" + from.atDay(1) + "&to=" + last.atEndOfMonth()).body();
            assertThat(page).contains("统计期间：" + from + " 至 " + last);
            List<String> row = unitRow(page, name);
            Matcher m = ON_TIME.matcher(row.get(4));
            assertThat(m.find()).as(row.toString()).isTrue();
            int closedOnTime = jdbc.sql("""
                            SELECT coalesce(sum(closed_on_time), 0) FROM unit_month
                            WHERE unit_id = ? AND month BETWEEN ? AND ?""")
                    .params(unit, Date.valueOf(from.atDay(1)), Date.valueOf(last.atDay(1)))
                    .query(Integer.class).single();
            assertThat(Integer.parseInt(m.group(1))).as("closed on time by %s from %s to %s", name, from, last)
                    .isEqualTo(closedOnTime);
        }
    }

    /** The cells of the unit's row in the unit ranking (after the heading 单位考评排名). */
    private static List<String> unitRow(String page, String name) {
        int section = page.indexOf("单位考评排名");
        assertThat(section).isPositive();
        Matcher rows = ROW.matcher(page.substring(section));
        while (rows.find()) {
            List<String> cells = new ArrayList<>();
            Matcher m = CELL.matcher(rows.group(1));
            while (m.find()) {
                cells.add(m.group(1).replaceAll("<[^>]+>", "").strip());
            }
            if (cells.size() >= 10 && cells.get(2).equals(name)) {
                return cells;
            }
        }
        throw new AssertionError(name + " is not in the unit ranking");
    }
}
