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

    private static final Pattern CELL = Pattern.compile("<td[^>]*>(.*?)</td>", Pattern.DOTALL);
    private static final Pattern ON_TIME = Pattern.compile("\\((\\d+)/(\\d+)\\)");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired Clock clock;

    @Test
    void the_unit_ranking_sums_every_month_of_the_chosen_range() {
        YearMonth last = YearMonth.now(clock).minusMonths(1);
        YearMonth first = last.minusMonths(2);
        StaffClient leader = new StaffClient(port);
        leader.login("leader");

        for (YearMonth from : List.of(first, last)) {
            String page = leader.get("/dashboard?from=" + from.atDay(1) + "&to=" + last.atEndOfMonth()).body();
            assertThat(page).contains("统计期间：" + from + " 至 " + last);
            List<String> row = firstUnitRow(page);
            String unit = row.get(2);
            Matcher m = ON_TIME.matcher(row.get(4));
            assertThat(m.find()).as(row.toString()).isTrue();
            long unitId = jdbc.sql("SELECT id FROM org_unit WHERE name = ? ORDER BY id LIMIT 1").param(unit)
                    .query(Long.class).single();
            int closedOnTime = jdbc.sql("""
                            SELECT coalesce(sum(closed_on_time), 0) FROM unit_month
                            WHERE unit_id = ? AND month BETWEEN ? AND ?""")
                    .params(unitId, Date.valueOf(from.atDay(1)), Date.valueOf(last.atDay(1)))
                    .query(Integer.class).single();
            assertThat(Integer.parseInt(m.group(1))).as("closed on time by %s from %s to %s", unit, from, last)
                    .isEqualTo(closedOnTime);
        }
    }

    private static List<String> firstUnitRow(String page) {
        int section = page.indexOf("单位考评排名");
        assertThat(section).isPositive();
        int body = page.indexOf("<tbody>", section);
        int end = page.indexOf("</tr>", body);
        List<String> cells = new ArrayList<>();
        Matcher m = CELL.matcher(page.substring(body, end));
        while (m.find()) {
            cells.add(m.group(1).replaceAll("<[^>]+>", "").strip());
        }
        assertThat(cells).as("a ranked unit on the dashboard").hasSizeGreaterThanOrEqualTo(10);
        return cells;
    }
}
