package io.minyi.reporting;

import io.minyi.casework.CaseEvents.CaseReceived;
import io.minyi.casework.CaseType;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.platform.PublicationDrains;
import io.minyi.supervision.EventFixture;
import io.minyi.supervision.SupervisionTestContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.minyi.supervision.EventFixture.received;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, decision 0055: the roll-ups of received cases are counted many cases a transaction by a drain of the
 * listener's publications. Exact counts are the invariant: every case once on every level, its publication completed
 * in the transaction that counted it, once again after a batch is killed halfway, and once with several drains (nodes)
 * taking the same backlog at the same time.
 */
@SupervisionTestContext
class ReceivedInBatchesTests {

    private static final String LISTENER =
            "io.minyi.reporting.internal.RollupProjection.on(io.minyi.casework.CaseEvents$CaseReceived)";

    @Autowired OrgDirectory org;
    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate tx;
    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;
    @Autowired PublicationDrains drains;

    @Test
    void the_listener_is_drained_and_a_batch_counts_each_case_once_in_the_transaction_that_completes_it() {
        assertThat(drains.drained(LISTENER)).isTrue();
        List<Long> villages = villages(2);
        LocalDate day = LocalDate.of(2031, 8, 30);
        List<CaseReceived> batch = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            batch.add(received(7_955_000L + i, CaseType.PETITION, villages.get(i % 2), null, null, null,
                    i % 3 == 0 ? "  " : "批量核对甲", at(i < 20 ? day : day.plusDays(2))));
        }
        tx.executeWithoutResult(s -> batch.forEach(events::publishEvent));
        fixture().awaitListeners();

        // cases 0..19 on the day: the even ones in the first village (4 of them blank), the odd ones in the second (3)
        assertThat(fixture().receivedOnDay(villages.get(0), day, "批量核对甲")).isEqualTo(6);
        assertThat(fixture().receivedOnDay(villages.get(0), day, "未分类")).isEqualTo(4);
        assertThat(fixture().receivedOnDay(villages.get(1), day, "批量核对甲")).isEqualTo(7);
        long shared = lineage(villages.get(0)).getFirst();
        assertThat(fixture().receivedOnDay(shared, day, "批量核对甲")).isEqualTo(13);
        assertThat(fixture().receivedOnDay(shared, day, "未分类")).isEqualTo(7);
        assertThat(fixture().receivedOnDay(shared, day.plusDays(2), "批量核对甲") + fixture().receivedOnDay(shared, day.plusDays(2), "未分类")).isEqualTo(10);
        assertThat(fixture().receivedInMonth(shared, day, "批量核对甲")).isEqualTo(13);
        assertThat(fixture().receivedInMonth(shared, day.plusDays(2), "批量核对甲")).isEqualTo(7);
        for (CaseReceived e : batch) {
            assertThat(completedIn(e.caseId())).as("case %d", e.caseId()).isEqualTo(writtenIn(e.caseId()));
        }
        long transactions = batch.stream().map(e -> writtenIn(e.caseId())).distinct().count();
        assertThat(transactions).as("transactions for 30 cases").isLessThan(30);
    }

    @Test
    void a_batch_killed_in_its_work_leaves_nothing_and_is_counted_again_once() throws Exception {
        long village = villages(1).getFirst();
        LocalDate day = LocalDate.of(2031, 9, 3);
        List<CaseReceived> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(received(7_955_101L + i, CaseType.PETITION, village, null, null, null, "批量核对乙", at(day)));
        }
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            try (PreparedStatement s = blocker.prepareStatement("""
                    INSERT INTO report_case (case_id, type, category, jurisdiction_id, jurisdiction_path, received_day)
                    SELECT ?, 'PETITION', '批量核对乙', id, path, ? FROM jurisdiction WHERE id = ?""")) {
                s.setLong(1, batch.get(2).caseId());
                s.setDate(2, Date.valueOf(day));
                s.setLong(3, village);
                s.executeUpdate();
            }
            tx.executeWithoutResult(s -> batch.forEach(events::publishEvent));
            fixture().killTheReportingWriterWaitingFor(blocker);
            blocker.rollback();
        }
        fixture().awaitListeners();
        for (long j : lineage(village)) {
            assertThat(fixture().receivedOnDay(j, day, "批量核对乙")).as("day at %d", j).isEqualTo(5);
            assertThat(fixture().receivedInMonth(j, day, "批量核对乙")).as("month at %d", j).isEqualTo(5);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM report_case WHERE case_id BETWEEN 7955101 AND 7955105")
                .query(Long.class).single()).isEqualTo(5);
        for (CaseReceived e : batch) {
            assertThat(completedIn(e.caseId())).isEqualTo(writtenIn(e.caseId()));
        }
    }

    @Test
    void several_drains_at_once_never_count_a_case_twice() throws Exception {
        long village = villages(1).getFirst();
        LocalDate day = LocalDate.of(2031, 9, 9);
        int cases = 240;
        tx.executeWithoutResult(s -> {
            for (int i = 0; i < cases; i++) {
                events.publishEvent(received(7_955_200L + i, CaseType.PETITION, village, null, null, null,
                        "批量核对丙", at(day)));
            }
        });
        EventFixture.drainOnNodesAtOnce(drains, LISTENER, 3, 7);
        fixture().awaitListeners();
        for (long j : lineage(village)) {
            assertThat(fixture().receivedOnDay(j, day, "批量核对丙")).as("day at %d", j).isEqualTo(cases);
            assertThat(fixture().receivedInMonth(j, day, "批量核对丙")).as("month at %d", j).isEqualTo(cases);
        }
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM event_publication WHERE listener_id = ? AND completion_date IS NOT NULL
                        AND (serialized_event::json ->> 'caseId')::bigint BETWEEN 7955200 AND 7955439""")
                .param(LISTENER).query(Long.class).single()).isEqualTo(cases);
    }

    private String completedIn(long caseId) {
        return jdbc.sql("""
                        SELECT xmin::text FROM event_publication WHERE completion_date IS NOT NULL AND listener_id = ?
                        AND (serialized_event::json ->> 'caseId')::bigint = ?""")
                .params(LISTENER, caseId).query(String.class).single();
    }

    private String writtenIn(long caseId) {
        return jdbc.sql("SELECT xmin::text FROM report_case WHERE case_id = ?").param(caseId).query(String.class)
                .single();
    }

    private List<Long> villages(int n) {
        return jdbc.sql("SELECT id FROM jurisdiction WHERE level = 'VILLAGE' ORDER BY id LIMIT ?").param(n)
                .query(Long.class).list();
    }

    private List<Long> lineage(long village) {
        return org.lineage(village).stream().map(JurisdictionRef::id).toList();
    }

    private EventFixture fixture() {
        return new EventFixture(events, tx, jdbc);
    }

    private static Instant at(LocalDate day) {
        return day.atTime(10, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
    }
}
