package io.minyi.supervision;

import io.minyi.casework.CaseEvents.CaseReceived;
import io.minyi.casework.CaseIntake;
import io.minyi.casework.CaseType;
import io.minyi.casework.NewCase;
import io.minyi.casework.SourceChannel;
import io.minyi.platform.PublicationDrains;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.minyi.supervision.EventFixture.received;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, decision 0060: supervision's projection of received cases and their high-frequency alerts are applied many
 * cases a transaction by a drain of the listener's publications. The alerts must be those of the cases heard one by
 * one — the same kinds, raisers, cases and times — whether the cases came in one batch or each alone; a batch killed
 * halfway leaves its publications to be applied again; several drains (nodes) taking one backlog at once never apply
 * a case twice, never deadlock, and raise each alert once.
 */
@SupervisionTestContext
class CasesReceivedInBatchesTests {

    private static final String LISTENER =
            "io.minyi.supervision.internal.CaseProjection.on(io.minyi.casework.CaseEvents$CaseReceived)";
    private static final String ALERTS = """
            SELECT kind, raiser_key, raisers, cases, first_at, last_at, window_days, status FROM supervision_alert
            WHERE subject_kind = ? AND subject_id = ? ORDER BY kind, raiser_key""";

    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate tx;
    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;
    @Autowired PublicationDrains drains;
    @Autowired CaseIntake intake;
    @Autowired MutableClock clock;

    @Test
    void a_burst_about_one_officer_in_one_batch_raises_the_alerts_of_the_cases_heard_one_by_one() {
        assertThat(drains.drained(LISTENER)).isTrue();
        // two officers of one unit: the same supervisors are told of their alerts
        List<Long> officers = jdbc.sql("""
                        SELECT id FROM officer WHERE unit_id = (SELECT unit_id FROM officer GROUP BY unit_id
                                                                HAVING count(*) >= 2 ORDER BY unit_id DESC LIMIT 1 OFFSET 3)
                        ORDER BY id LIMIT 2""").query(Long.class).list();
        long batched = officers.get(0);
        long alone = officers.get(1);
        List<CaseReceived> together = burst(7_961_000L, batched);
        tx.executeWithoutResult(s -> together.forEach(events::publishEvent));
        fixture().awaitListeners();
        // one by one in the order they were received, each case's listener alone
        fixture().publish(burst(7_961_100L, alone).stream()
                .sorted(java.util.Comparator.comparing(CaseReceived::at)).toArray());

        List<Map<String, Object>> expected = jdbc.sql(ALERTS).params("OFFICER", alone).query().listOfRows();
        assertThat(expected).extracting(r -> r.get("kind")).containsExactly("MANY_RAISERS", "REPEAT_RAISER",
                "REPEAT_RAISER");
        assertThat(expected.getFirst()).containsEntry("raisers", 5).containsEntry("cases", 14);
        assertThat(jdbc.sql(ALERTS).params("OFFICER", batched).query().listOfRows()).isEqualTo(expected);
        assertThat(notices("OFFICER", batched)).isEqualTo(notices("OFFICER", alone)).isPositive();
        assertThat(jdbc.sql("SELECT count(*) FROM raised_about WHERE subject_kind = 'OFFICER' AND subject_id = ?")
                .param(batched).query(Long.class).single()).isEqualTo(together.size());
        for (CaseReceived e : together) {
            assertThat(completedIn(e.caseId())).as("case %d", e.caseId()).isEqualTo(writtenIn(e.caseId()));
        }
        assertThat(together.stream().map(e -> writtenIn(e.caseId())).distinct().count())
                .as("transactions for %d cases", together.size()).isLessThan(together.size());
    }

    @Test
    void a_matter_reported_in_one_batch_raises_the_alerts_of_its_reports_heard_one_by_one() {
        clock.set(LocalDateTime.of(2032, 3, 8, 9, 0));
        // two villages of one township: the same centre and supervisors are told of their alerts
        List<Long> villages = jdbc.sql("""
                        SELECT id FROM jurisdiction WHERE level = 'VILLAGE' AND parent_id = (
                            SELECT parent_id FROM jurisdiction WHERE level = 'VILLAGE' GROUP BY parent_id
                            HAVING count(*) >= 2 ORDER BY parent_id LIMIT 1)
                        ORDER BY id LIMIT 2""").query(Long.class).list();
        String text = "柳林坡村东头水泵房旁的排水沟堵死了半个月，下雨就漫进院子，污水横流气味很大，请派人疏通排水沟";
        List<String> phones = List.of("13700151001", "13700151002", "13700151001", "13700151003", "",
                "13700151001", "", "13700151004");
        long batched = intakeTogether(villages.get(0), text, phones);
        long alone = 0;
        for (String phone : phones) {
            long id = intakeOne(villages.get(1), text, phone);
            alone = alone == 0 ? id : alone;
            fixture().awaitListeners();
        }
        fixture().awaitListeners();

        List<Map<String, Object>> expected = jdbc.sql(ALERTS).params("MATTER", alone).query().listOfRows();
        assertThat(expected).extracting(r -> r.get("kind")).containsExactly("MANY_RAISERS", "REPEAT_RAISER");
        assertThat(expected.getFirst()).containsEntry("raisers", 4).containsEntry("cases", 8);
        List<Map<String, Object>> got = jdbc.sql(ALERTS).params("MATTER", batched).query().listOfRows();
        assertThat(got).hasSize(expected.size());
        for (int i = 0; i < got.size(); i++) {
            // the raiser keys and times are the cases' own: the same shape, other values
            assertThat(got.get(i)).containsEntry("kind", expected.get(i).get("kind"))
                    .containsEntry("raisers", expected.get(i).get("raisers"))
                    .containsEntry("cases", expected.get(i).get("cases"));
        }
        assertThat(jdbc.sql("SELECT count(*) FROM raised_about WHERE subject_kind = 'MATTER' AND subject_id = ?")
                .param(batched).query(Long.class).single()).isEqualTo(phones.size());
        assertThat(notices("MATTER", batched)).isEqualTo(notices("MATTER", alone)).isPositive();
    }

    @Test
    void a_batch_killed_in_its_work_leaves_its_cases_to_be_applied_again_once() throws Exception {
        long officer = officers(1, 6).getFirst();
        long j = jurisdictionOf(officer);
        List<CaseReceived> batch = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            batch.add(received(7_961_300L + i, CaseType.CLUE, j, null, officer, "r-kill-" + (i % 4), "态度问题",
                    at(10, i)));
        }
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            try (PreparedStatement s = blocker.prepareStatement("""
                    INSERT INTO supervised_case (case_id, jurisdiction_id, jurisdiction_path, state)
                    SELECT ?, id, path, 'RECEIVED' FROM jurisdiction WHERE id = ?""")) {
                s.setLong(1, batch.get(3).caseId());
                s.setLong(2, j);
                s.executeUpdate();
            }
            tx.executeWithoutResult(s -> batch.forEach(events::publishEvent));
            fixture().killTheWriterWaitingFor(blocker, "supervised_case");
            blocker.rollback();
        }
        fixture().awaitListeners();

        assertThat(jdbc.sql(ALERTS).params("OFFICER", officer).query().listOfRows())
                .extracting(r -> r.get("kind"), r -> r.get("raisers"), r -> r.get("cases"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("MANY_RAISERS", 4, 6));
        assertThat(jdbc.sql("SELECT count(*) FROM supervised_case WHERE case_id BETWEEN 7961300 AND 7961305 "
                + "AND subject_officer_id = ?").param(officer).query(Long.class).single()).isEqualTo(6);
        for (CaseReceived e : batch) {
            assertThat(completedIn(e.caseId())).as("case %d", e.caseId()).isEqualTo(writtenIn(e.caseId()));
        }
    }

    @Test
    void several_drains_at_once_apply_each_case_once_and_raise_each_alert_once() throws Exception {
        List<Long> officers = officers(3, 8);
        int cases = 150;
        List<CaseReceived> all = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            long officer = officers.get(i % 3);
            all.add(received(7_961_400L + i, CaseType.CLUE, jurisdictionOf(officer), null, officer,
                    "r-drains-" + (i % 12), "态度问题", at(12, i % 40)));
        }
        tx.executeWithoutResult(s -> all.forEach(events::publishEvent));
        EventFixture.drainOnNodesAtOnce(drains, LISTENER, 3, 7);
        fixture().awaitListeners();
        for (long officer : officers) {
            List<Map<String, Object>> alerts = jdbc.sql(ALERTS).params("OFFICER", officer).query().listOfRows();
            // each officer has 50 cases from 12 raisers (i % 12 over i % 3: 4 raisers each), each raiser 12 or 13
            assertThat(alerts).extracting(r -> r.get("kind")).containsExactly("MANY_RAISERS", "REPEAT_RAISER",
                    "REPEAT_RAISER", "REPEAT_RAISER", "REPEAT_RAISER");
            assertThat(alerts.getFirst()).containsEntry("raisers", 4).containsEntry("cases", 50);
            assertThat(alerts.stream().mapToInt(r -> (Integer) r.get("cases")).sum()).isEqualTo(100);
        }
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM event_publication WHERE listener_id = ? AND completion_date IS NOT NULL
                        AND (serialized_event::json ->> 'caseId')::bigint BETWEEN 7961400 AND 7961549""")
                .param(LISTENER).query(Long.class).single()).isEqualTo(cases);
        assertThat(jdbc.sql("SELECT count(*) FROM raised_about WHERE case_id BETWEEN 7961400 AND 7961549")
                .query(Long.class).single()).isEqualTo(cases);
    }

    /**
     * Fourteen cases about one officer within a few days: five raisers (the threshold is three), two of them three
     * times and more, and two cases without contacts; the times are out of order, as listeners hear them.
     */
    private List<CaseReceived> burst(long firstId, long officer) {
        long j = jurisdictionOf(officer);
        String[] raisers = {"a", "b", "a", null, "c", "a", "d", "b", null, "b", "e", "a", "c", "b"};
        int[] hours = {5, 1, 9, 3, 30, 2, 41, 7, 8, 60, 11, 12, 4, 59};
        List<CaseReceived> burst = new ArrayList<>();
        for (int i = 0; i < raisers.length; i++) {
            String raiser = raisers[i] == null ? null : "r-one-" + raisers[i];
            burst.add(received(firstId + i, CaseType.CLUE, j, null, officer, raiser, "态度问题", at(3, hours[i])));
        }
        return burst;
    }

    /** The cases of one matter made in one transaction: their publications are drained in one batch. */
    private long intakeTogether(long village, String text, List<String> phones) {
        List<Long> ids = tx.execute(s -> phones.stream().map(p -> receive(village, text, p)).toList());
        fixture().awaitListeners();
        List<String> xids = ids.stream().map(this::writtenIn).distinct().toList();
        assertThat(xids).as("transactions for the batch").hasSizeLessThan(ids.size());
        return ids.getFirst();
    }

    private long intakeOne(long village, String text, String phone) {
        return tx.execute(s -> receive(village, text, phone));
    }

    private long receive(long village, String text, String phone) {
        clock.set(LocalDateTime.ofInstant(clock.instant(), ZoneId.of("Asia/Shanghai")).plusMinutes(7));
        return intake.receive(new NewCase(CaseType.GRID_EVENT, SourceChannel.WALK_IN, village, null, null, null,
                phone.isEmpty() ? null : phone, text, "排水设施", null, null)).caseId();
    }

    private long notices(String kind, long subject) {
        return jdbc.sql("""
                        SELECT count(*) FROM notification n JOIN supervision_alert a ON n.dedup_key LIKE 'alert:' || a.id || '#%'
                        WHERE a.subject_kind = ? AND a.subject_id = ?""")
                .params(kind, subject).query(Long.class).single();
    }

    private String completedIn(long caseId) {
        return jdbc.sql("""
                        SELECT xmin::text FROM event_publication WHERE completion_date IS NOT NULL AND listener_id = ?
                        AND (serialized_event::json ->> 'caseId')::bigint = ?""")
                .params(LISTENER, caseId).query(String.class).single();
    }

    private String writtenIn(long caseId) {
        return jdbc.sql("SELECT xmin::text FROM supervised_case WHERE case_id = ?").param(caseId).query(String.class)
                .single();
    }

    /** Officers no other test counts cases about (the highest ids are the alert tests'). */
    private List<Long> officers(int n, int offset) {
        return jdbc.sql("""
                        SELECT o.id FROM officer o JOIN unit u ON u.id = o.unit_id ORDER BY o.id DESC LIMIT ? OFFSET ?""")
                .params(n, 10 + offset).query(Long.class).list();
    }

    private long jurisdictionOf(long officer) {
        return jdbc.sql("SELECT u.jurisdiction_id FROM officer o JOIN unit u ON u.id = o.unit_id WHERE o.id = ?")
                .param(officer).query(Long.class).single();
    }

    private EventFixture fixture() {
        return new EventFixture(events, tx, jdbc);
    }

    private static Instant at(int day, int hour) {
        return LocalDateTime.of(2032, 2, day, 8, 0).plusHours(hour).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
    }
}
