package io.minyi.reporting;

import io.minyi.casework.CaseEvents.CaseRejected;
import io.minyi.casework.CaseType;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.supervision.EventFixture;
import io.minyi.supervision.SupervisionTestContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static io.minyi.supervision.EventFixture.dispatched;
import static io.minyi.supervision.EventFixture.received;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11: a received case's row and its day's and month's roll-ups are written by one statement. The figures must
 * be what the three statements wrote: every level of the lineage, the category the case's row holds, 未分类 for a
 * blank one, and the lineage of the row when another event made it first under another jurisdiction.
 */
@SupervisionTestContext
class ReceivedRollupTests {

    @Autowired OrgDirectory org;
    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate tx;
    @Autowired JdbcClient jdbc;

    @Test
    void a_received_case_is_counted_on_its_day_and_month_at_every_level() {
        long village = deepest();
        List<Long> lineage = org.lineage(village).stream().map(JurisdictionRef::id).toList();
        LocalDate day = LocalDate.of(2031, 6, 3);
        fixture().publish(
                received(7_910_001L, CaseType.PETITION, village, null, null, null, "回归核对甲", at(day)),
                received(7_910_002L, CaseType.PETITION, village, null, null, null, "回归核对甲", at(day)),
                received(7_910_003L, CaseType.PETITION, village, null, null, null, "  ", at(day.plusDays(1))));
        for (long j : lineage) {
            assertThat(fixture().receivedOnDay(j, day, "回归核对甲")).as("day at %d", j).isEqualTo(2);
            assertThat(fixture().receivedInMonth(j, day, "回归核对甲")).as("month at %d", j).isEqualTo(2);
            assertThat(fixture().receivedOnDay(j, day.plusDays(1), "未分类")).as("blank category at %d", j).isEqualTo(1);
        }
    }

    @Test
    void a_case_first_seen_through_another_event_is_counted_with_its_rows_category_and_jurisdiction() {
        long village = deepest();
        long county = org.lineage(village).get(1).id();
        long unit = jdbc.sql("SELECT id FROM unit WHERE active ORDER BY id LIMIT 1").query(Long.class).single();
        LocalDate day = LocalDate.of(2031, 6, 10);
        fixture().publish(
                dispatched(7_910_011L, CaseType.DISPUTE, "回归核对乙", "LOW", unit, village, day.plusDays(9), at(day)),
                received(7_910_011L, CaseType.DISPUTE, village, null, null, null, null, at(day)),
                new CaseRejected(7_910_012L, CaseType.DISPUTE, county, "回归核对", at(day)),
                received(7_910_012L, CaseType.DISPUTE, village, null, null, null, "回归核对丙", at(day)));
        assertThat(fixture().receivedOnDay(village, day, "回归核对乙")).isEqualTo(1);
        assertThat(fixture().receivedInMonth(county, day, "回归核对乙")).isEqualTo(1);
        // the row was made under the county: counted there and above, not in the village
        assertThat(fixture().receivedOnDay(county, day, "回归核对丙")).isEqualTo(1);
        assertThat(fixture().receivedInMonth(county, day, "回归核对丙")).isEqualTo(1);
        assertThat(fixture().receivedOnDay(village, day, "回归核对丙")).isZero();
    }

    private long deepest() {
        return jdbc.sql("SELECT id FROM jurisdiction WHERE level = 'VILLAGE' ORDER BY id LIMIT 1").query(Long.class)
                .single();
    }

    private EventFixture fixture() {
        return new EventFixture(events, tx, jdbc);
    }

    private static Instant at(LocalDate day) {
        return day.atTime(10, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
    }
}
