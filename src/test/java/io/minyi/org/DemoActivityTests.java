package io.minyi.org;

import io.minyi.support.DemoActivityTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo city's 90 days, as a new user finds them on first start: every kind of record the dashboard and the
 * role home pages count exists, spread over the past, made by the real services (ledger steps, audit entries and
 * events, not bare rows).
 */
@DemoActivityTest
class DemoActivityTests {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.springframework.context.ApplicationContext context;

    @LocalServerPort
    int port;

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    @Test
    void the_generated_past_is_recorded_once_and_spans_ninety_days_ending_yesterday() {
        var row = jdbc.sql("SELECT level, first_day, last_day FROM demo_activity").query().singleRow();
        assertThat(row.get("level")).isEqualTo("SMALL");
        // yesterday as the demo saw it when the context started, which a suite running past midnight in China has left
        LocalDate startedOn = LocalDate.ofInstant(java.time.Instant.ofEpochMilli(context.getStartupDate()), CHINA);
        assertThat(((java.sql.Date) row.get("last_day")).toLocalDate())
                .isIn(startedOn.minusDays(1), LocalDate.now(CHINA).minusDays(1));
        assertThat(count("SELECT count(DISTINCT (received_at AT TIME ZONE 'Asia/Shanghai')::date) FROM cases"))
                .isGreaterThan(60);
        assertThat(count("SELECT count(*) FROM cases WHERE received_at > now()")).isZero();
    }

    @Test
    void cases_of_every_pool_kind_run_the_loop_to_each_end() {
        Map<String, Long> byState = jdbc.sql("SELECT state, count(*) FROM cases GROUP BY state")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(byState).containsKeys("CLOSED", "CLOSED_NO_FEEDBACK", "REJECTED", "TRANSFERRED", "SIGNED");
        assertThat(byState.getOrDefault("CLOSED", 0L)).isGreaterThan(50);
        for (String type : new String[]{"CLUE", "PETITION", "HOTLINE_ORDER", "GRID_EVENT"}) {
            assertThat(count("SELECT count(*) FROM cases WHERE type = ?", type)).as(type).isGreaterThan(5);
        }
        // Every move left its ledger step and audit entry, dated in the past.
        assertThat(count("SELECT count(*) FROM case_step")).isGreaterThan(5 * byState.values().stream()
                .mapToLong(Long::longValue).sum() / 2);
        assertThat(count("SELECT count(*) FROM audit_event WHERE occurred_at < now() - interval '30 days'")).isPositive();
    }

    @Test
    void clues_end_substantiated_unfounded_or_still_under_verification_as_in_the_seeds() {
        long unfounded = count("SELECT count(*) FROM cases WHERE type = 'CLUE' AND outcome = 'UNFOUNDED'");
        long substantiated = count("SELECT count(*) FROM cases WHERE type = 'CLUE' AND outcome = 'SUBSTANTIATED'");
        long verifying = count("SELECT count(*) FROM cases WHERE type = 'CLUE' AND state = 'SIGNED'");
        assertThat(unfounded).isGreaterThan(substantiated);
        assertThat(substantiated).isPositive();
        assertThat(verifying).isPositive();
    }

    @Test
    void late_units_earned_letters_alerts_were_raised_and_each_day_has_its_report() {
        assertThat(count("SELECT count(*) FROM supervision_letter WHERE kind = 'REMINDER'")).isPositive();
        assertThat(count("SELECT count(*) FROM supervision_letter WHERE kind = 'SUPERVISION'")).isPositive();
        assertThat(count("SELECT count(*) FROM supervision_letter WHERE acknowledged_at IS NOT NULL")).isPositive();
        assertThat(count("SELECT count(*) FROM supervision_alert")).isPositive();
        assertThat(count("SELECT count(DISTINCT day) FROM daily_report")).isGreaterThanOrEqualTo(90);
        assertThat(count("SELECT count(*) FROM cases WHERE state IN ('DISPATCHED','SIGNED','REOPENED') AND deadline < current_date"))
                .as("overdue cases for the ladder and the to-do lists").isPositive();
    }

    @Test
    void residents_rated_units_and_officers_every_day() {
        assertThat(count("SELECT count(*) FROM evaluation")).isGreaterThan(2000);
        assertThat(count("SELECT count(*) FROM evaluation WHERE officer_id IS NOT NULL")).isPositive();
        assertThat(count("SELECT count(DISTINCT day) FROM evaluation")).isGreaterThanOrEqualTo(85);
    }

    @Test
    void the_handlers_home_page_has_work_waiting() {
        StaffClient client = new StaffClient(port);
        client.login("handler");
        String home = client.get("/").body();
        assertThat(home).contains("本单位在办事项");
        assertThat(home).doesNotContain("<span class=\"todo-count\">0</span>\n          <span class=\"todo-label\">本单位在办事项");
    }

    @Test
    void the_mediator_has_a_past_and_a_desk_made_by_the_mediation_services() {
        long mediator = count("SELECT id FROM mediator WHERE staff_id = (SELECT id FROM staff_account WHERE username = 'mediator')");
        assertThat(count("SELECT count(DISTINCT accepted_on) FROM dispute WHERE registered_by = 'dispatcher1'"))
                .isGreaterThan(30);
        assertThat(count("SELECT count(*) FROM dispute_assignment WHERE mediator_id = ?", mediator)).isGreaterThan(10);
        assertThat(count("SELECT count(*) FROM screening_round")).isGreaterThan(5);
        assertThat(count("SELECT count(*) FROM dispute WHERE screening_round_id IS NOT NULL")).isPositive();
        assertThat(count("SELECT count(*) FROM mediation_agreement WHERE effective_on < current_date - 30")).isPositive();
        assertThat(count("SELECT count(*) FROM dispute WHERE prevented")).isPositive();
        assertThat(count("SELECT count(*) FROM dispute WHERE status IN ('NOT_REACHED', 'WITHDRAWN')")).isPositive();
        assertThat(count("SELECT count(*) FROM judicial_confirmation WHERE status = 'CONFIRMED'")).isPositive();
        assertThat(count("SELECT count(*) FROM follow_up WHERE done_on IS NOT NULL")).isPositive();
        assertThat(count("SELECT count(*) FROM legal_consultation")).isPositive();
        // through the services: every outcome has its audit entry, dated in the simulated past
        assertThat(count("SELECT count(*) FROM audit_event WHERE action = 'dispute.dispute.record_outcome' AND occurred_at < now() - interval '30 days'"))
                .isPositive();
        // the daily reports of those days carry the figures counted from these records
        assertThat(count("""
                SELECT count(*) FROM daily_report WHERE (content::jsonb -> 'disputes' ->> 'mediatedSuccessfully')::int > 0"""))
                .isPositive();

        StaffClient client = new StaffClient(port);
        client.login("mediator");
        String desk = client.get("/mediation").body();
        assertThat(desk).contains("今日调解");
        assertThat(count("""
                SELECT count(*) FROM dispute d JOIN dispute_assignment a ON a.dispute_id = d.id AND a.ended_at IS NULL
                WHERE a.mediator_id = ? AND d.status = 'MEDIATING' AND d.registered_by = 'dispatcher1'""", mediator))
                .as("open disputes of the generated past on the mediator's desk").isPositive();
    }
}
