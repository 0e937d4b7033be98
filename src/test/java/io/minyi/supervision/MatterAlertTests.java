package io.minyi.supervision;

import io.minyi.casework.CaseIntake;
import io.minyi.casework.CaseType;
import io.minyi.casework.NewCase;
import io.minyi.casework.SourceChannel;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDateTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same matter, reported by three residents of one village without naming any unit or officer, raises a
 * high-frequency alert about the matter (found by Lucene over the reports' distinctive words), addressed to the
 * governance centre.
 */
@SupervisionTestContext
class MatterAlertTests {

    @Autowired CaseIntake intake;
    @Autowired TransactionTemplate tx;
    @Autowired JdbcClient jdbc;
    @Autowired ApplicationEventPublisher events;
    @Autowired MutableClock clock;

    @Test
    void three_residents_reporting_one_matter_without_a_subject_raise_an_alert_about_the_matter() {
        clock.set(LocalDateTime.of(2026, 9, 7, 10, 0));
        long village = jdbc.sql("SELECT id FROM jurisdiction WHERE level = 'VILLAGE' ORDER BY id DESC LIMIT 1")
                .query(Long.class).single();
        String[] reports = {
                "槐树湾村三组路口的路灯坏了一个多月，晚上漆黑一片，老人出行摔倒过，请尽快修好路灯",
                "槐树湾村三组路口路灯坏了一个多月没人修，晚上漆黑，老人摔倒了，请修好路灯",
                "反映槐树湾村三组路口的路灯坏了一个多月，晚上漆黑一片，老人出行不便，请修好"};
        long first = 0;
        for (int i = 0; i < reports.length; i++) {
            String phone = "1380013" + (1000 + i);
            String text = reports[i];
            long id = tx.execute(s -> intake.receive(new NewCase(CaseType.GRID_EVENT, SourceChannel.WALK_IN, village,
                    null, null, null, phone, text, "公共设施", null, null))).caseId();
            first = first == 0 ? id : first;
        }
        new EventFixture(events, tx, jdbc).awaitListeners();

        Map<String, Object> alert = jdbc.sql("""
                        SELECT subject_kind, subject_id, raisers, cases, subject_name FROM supervision_alert
                        WHERE subject_kind = 'MATTER' AND subject_id = ? AND kind = 'MANY_RAISERS'""")
                .param(first).query().singleRow();
        assertThat(((Number) alert.get("raisers")).intValue()).isEqualTo(3);
        assertThat(((Number) alert.get("cases")).intValue()).isEqualTo(3);
        assertThat((String) alert.get("subject_name")).contains("公共设施");
    }
    /**
     * Issue 11 (decision 0046): the distinct raisers are counted first, over the reports that have a raiser; reports
     * without contacts raise nothing by themselves, and once three residents have reported the matter the alert counts
     * every report of the window, those without contacts too.
     */
    @Test
    void reports_without_contacts_count_as_cases_of_the_matter_once_three_residents_have_reported_it() {
        clock.set(LocalDateTime.of(2026, 9, 14, 9, 0));
        long village = jdbc.sql("SELECT id FROM jurisdiction WHERE level = 'VILLAGE' ORDER BY id DESC LIMIT 1 OFFSET 1")
                .query(Long.class).single();
        String text = "石桥社区菜市场入口东侧的窨井盖缺失好几天了，晚上路过很危险，已经有人差点掉下去，请尽快补上井盖";
        long first = 0;
        for (int i = 0; i < 4; i++) {
            long id = tx.execute(s -> intake.receive(new NewCase(CaseType.GRID_EVENT, SourceChannel.WALK_IN, village,
                    null, null, null, null, text, "公共设施", null, null))).caseId();
            first = first == 0 ? id : first;
        }
        new EventFixture(events, tx, jdbc).awaitListeners();
        String alerts = "SELECT count(*) FROM supervision_alert WHERE subject_kind = 'MATTER' AND subject_id = ?";
        assertThat(jdbc.sql(alerts).param(first).query(Long.class).single()).as("anonymous reports only").isZero();

        for (int i = 0; i < 3; i++) {
            String phone = "1390014" + (2000 + i);
            tx.execute(s -> intake.receive(new NewCase(CaseType.GRID_EVENT, SourceChannel.WALK_IN, village, null, null,
                    null, phone, text, "公共设施", null, null)));
        }
        new EventFixture(events, tx, jdbc).awaitListeners();
        Map<String, Object> alert = jdbc.sql("""
                        SELECT raisers, cases FROM supervision_alert
                        WHERE subject_kind = 'MATTER' AND subject_id = ? AND kind = 'MANY_RAISERS'""")
                .param(first).query().singleRow();
        assertThat(((Number) alert.get("raisers")).intValue()).isEqualTo(3);
        assertThat(((Number) alert.get("cases")).intValue()).isEqualTo(7);
    }
}
