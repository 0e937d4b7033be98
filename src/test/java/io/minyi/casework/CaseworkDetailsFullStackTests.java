package io.minyi.casework;

import io.minyi.casework.internal.Actor;
import io.minyi.casework.internal.CaseWorkflow;
import io.minyi.casework.internal.ContentSearchCheck;
import io.minyi.casework.Outcome;
import io.minyi.casework.RiskLevel;
import io.minyi.platform.WorkingDays;
import io.minyi.org.Role;
import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Calendar, feedback time-out, idempotent intake, scoping of the pool and bad input, on the real stack. */
@FullStackTest
class CaseworkDetailsFullStackTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CaseIntake intake;
    @Autowired
    CaseWorkflow workflow;
    @Autowired
    WorkingDays calendar;
    @Autowired
    RaiserContacts contacts;
    @Autowired
    ContentSearchCheck searchCheck;

    @Test
    void deadlines_skip_the_national_day_holiday_and_count_the_make_up_saturday() {
        // 30 Sep 2026 + 5 working days: 1-7 Oct off, 8 and 9 Oct worked, Saturday 10 Oct is a make-up day, then 12, 13
        assertThat(calendar.plusWorkingDays(LocalDate.of(2026, 9, 30), 5)).isEqualTo(LocalDate.of(2026, 10, 13));
        assertThat(calendar.plusWorkingDays(LocalDate.of(2026, 11, 20), 1)).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 14))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 17))).isFalse();
    }

    @Test
    void a_retried_hand_in_returns_the_first_receipt_and_the_phone_is_only_readable_through_raiser_contacts() {
        long county1 = county("dispatcher1");
        String key = "evaluation:" + UUID.randomUUID();
        String code = io.minyi.platform.TrackingCode.random().value();
        NewCase n = new NewCase(CaseType.CLUE, SourceChannel.EVALUATION, county1, null, null, null, "13912345678",
                "评议线索：窗口人员态度差 " + key, null, key, code);
        var first = intake.receive(n);
        var again = intake.receive(n);
        assertThat(again).isEqualTo(first);
        assertThat(first.trackingCode()).isEqualTo(code);
        assertThat(contacts.phoneFor(first.caseId())).contains("13912345678");
        assertThat(contacts.trackingCodeFor(first.caseId())).contains(code);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM cases WHERE idempotency_key = ?", Long.class, key))
                .isEqualTo(1);
    }

    @Test
    void a_case_nobody_rated_in_time_is_closed_without_feedback() {
        long id = walkToAwaitingFeedback();
        assertThat(workflow.closeWithoutFeedback(id)).as("not yet due").isFalse();
        jdbc.update("UPDATE cases SET feedback_due = current_date - 1 WHERE id = ?", id);
        assertThat(workflow.closeWithoutFeedback(id)).isTrue();
        assertThat(jdbc.queryForObject("SELECT state FROM cases WHERE id = ?", String.class, id))
                .isEqualTo("CLOSED_NO_FEEDBACK");
    }

    @Test
    void the_pool_shows_only_the_users_county_and_filters_by_state_and_overdue() {
        long county1 = county("dispatcher1");
        long county2 = county("dispatcher2");
        String marker = UUID.randomUUID().toString().substring(0, 8);
        intake.receive(newCase(county1, "一区池测试 " + marker));
        intake.receive(newCase(county2, "二区池测试 " + marker));
        StaffClient d1 = new StaffClient(port);
        d1.login("dispatcher1");
        String page = d1.get("/pool?q=" + marker).body();
        assertThat(page).contains("一区池测试").doesNotContain("二区池测试");
        StaffClient city = new StaffClient(port);
        city.login("dispatcher");
        assertThat(city.get("/pool?q=" + marker).body()).contains("一区池测试").contains("二区池测试");
        assertThat(city.get("/pool?q=" + marker + "&state=DISPATCHED").body()).doesNotContain("一区池测试");
        assertThat(city.get("/pool?q=" + marker + "&overdue=true").body()).doesNotContain("一区池测试");
        assertThat(city.get("/pool?state=NOT_A_STATE").statusCode()).isEqualTo(400);
        StaffClient handler = new StaffClient(port);
        handler.login("handler");
        assertThat(handler.get("/pool").statusCode()).isEqualTo(403);
    }

    @Test
    void the_pool_finds_a_case_by_any_part_of_its_content_through_the_trigram_index() {
        long county1 = county("dispatcher1");
        // a phrase no other case holds, in the middle of the content, as a dispatcher remembers it
        String phrase = "青" + ThreadLocalRandom.current().ints(5, 0x4E00, 0x9FA5)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append) + "巷";
        var received = intake.receive(newCase(county1, "东关街居民反映" + phrase + "路口积水严重"));
        StaffClient d1 = new StaffClient(port);
        d1.login("dispatcher1");
        String middle = phrase.substring(1, 5);
        assertThat(d1.get("/pool?q=" + URLEncoder.encode(middle, StandardCharsets.UTF_8)).body())
                .as("four characters from the middle").contains(received.trackingCode()).contains("共 1 条");
        assertThat(d1.get("/pool?q=" + URLEncoder.encode(phrase.substring(2, 4), StandardCharsets.UTF_8)).body())
                .as("two characters: no trigram, the rows are read").contains(received.trackingCode());
        assertThat(d1.get("/pool?q=" + received.trackingCode().toLowerCase()).body())
                .as("the tracking code, as typed").contains(received.trackingCode()).contains("共 1 条");
        assertThat(d1.get("/pool?q=" + URLEncoder.encode(phrase + "无", StandardCharsets.UTF_8)).body())
                .doesNotContain(received.trackingCode());
        // the database makes trigrams of Chinese text (a server whose LC_CTYPE is C does not: docs/operations.md)
        assertThat(jdbc.queryForObject("SELECT cardinality(show_trgm(?))", Integer.class, middle)).isPositive();
        assertThat(searchCheck.chineseMakesTrigrams()).isTrue();
    }

    @Test
    void bad_input_gets_a_clear_chinese_answer_and_stores_nothing() {
        StaffClient d1 = new StaffClient(port);
        d1.login("dispatcher1");
        d1.get("/cases/new");
        long before = jdbc.queryForObject("SELECT count(*) FROM cases", Long.class);
        HttpResponse<String> empty = d1.postForm("/cases/new", Map.of("type", "DISPUTE", "channel", "WALK_IN",
                "jurisdictionId", String.valueOf(county("dispatcher1")), "content", "  ", "raiserPhone", "abc"));
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("事项内容不能为空").contains("联系电话格式不正确");
        HttpResponse<String> outside = d1.postForm("/cases/new", Map.of("type", "DISPUTE", "channel", "WALK_IN",
                "jurisdictionId", String.valueOf(county("dispatcher2")), "content", "越界登记"));
        assertThat(outside.statusCode()).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM cases", Long.class)).isEqualTo(before);
        assertThat(d1.get("/cases/999999999").statusCode()).isEqualTo(404);
        assertThat(new StaffClient(port).get("/t/ZZZZZZZZZZ").statusCode()).isEqualTo(404);
    }

    @Test
    void evidence_that_is_not_a_picture_or_pdf_is_refused_and_the_report_is_not_made() throws Exception {
        long id = walkTo("SIGNED");
        StaffClient handler = new StaffClient(port);
        handler.login("handler");
        handler.get("/cases/" + id);
        HttpResponse<String> res = handler.postMultipart("/cases/" + id + "/report", Map.of("outcome", "RESOLVED",
                        "findings", "已处理"), "evidence", "photo.jpg", "image/jpeg",
                "MZ this is a program".getBytes());
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body()).contains("只接受JPG、PNG图片或PDF文件");
        assertThat(jdbc.queryForObject("SELECT state FROM cases WHERE id = ?", String.class, id)).isEqualTo("SIGNED");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM case_attachment WHERE case_id = ?", Long.class, id)).isZero();
    }

    @Test
    void a_dispatcher_accepts_several_cases_at_once_and_sees_which_ones_were_refused() {
        long county1 = county("dispatcher1");
        long a = intake.receive(newCase(county1, "批量一 " + UUID.randomUUID())).caseId();
        long b = intake.receive(newCase(county1, "批量二 " + UUID.randomUUID())).caseId();
        long other = intake.receive(newCase(county("dispatcher2"), "批量外县 " + UUID.randomUUID())).caseId();
        StaffClient d1 = new StaffClient(port);
        d1.login("dispatcher1");
        d1.get("/pool");
        var res = d1.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(d1.baseUrl() + "/pool/bulk"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("action=accept&ids=" + a + "&ids=" + b
                        + "&ids=" + other + "&_csrf=" + d1.csrfToken())).build());
        assertThat(res.statusCode()).isEqualTo(302);
        assertThat(d1.get("/pool").body()).contains("已完成 2 件").contains("#" + other);
        assertThat(jdbc.queryForList("SELECT state FROM cases WHERE id IN (?, ?)", String.class, a, b))
                .containsOnly("ACCEPTED");
        assertThat(jdbc.queryForObject("SELECT state FROM cases WHERE id = ?", String.class, other))
                .isEqualTo("RECEIVED");
    }

    private long walkToAwaitingFeedback() {
        long id = walkTo("UNDER_REVIEW");
        long bureau = jdbc.queryForObject("SELECT unit_id FROM staff_account WHERE username = 'policeleader'", Long.class);
        workflow.approve(id, staff("policeleader-test", Role.UNIT_LEADER, bureau), null);
        return id;
    }

    private long walkTo(String state) {
        long county1 = county("dispatcher1");
        long station = jdbc.queryForObject("SELECT unit_id FROM staff_account WHERE username = 'handler'", Long.class);
        long id = intake.receive(newCase(county1, "细节测试 " + UUID.randomUUID())).caseId();
        String path = jdbc.queryForObject("SELECT path FROM jurisdiction WHERE id = ?", String.class, county1);
        Actor dispatcher = new Actor(Actor.Kind.STAFF, "dispatcher-test", Set.of(Role.DISPATCHER), 1L, "综治中心", path, null);
        workflow.accept(id, dispatcher, null);
        workflow.triage(id, dispatcher, "邻里纠纷", RiskLevel.LOW, station, null);
        workflow.dispatch(id, dispatcher, null, null);
        Actor leader = staff("unitleader-test", Role.UNIT_LEADER, station);
        workflow.sign(id, leader);
        if (state.equals("SIGNED")) {
            return id;
        }
        workflow.report(id, leader, Outcome.RESOLVED, "已调解", 0, null, List.of());
        return id;
    }

    private static Actor staff(String name, Role role, long unit) {
        return new Actor(Actor.Kind.STAFF, name, Set.of(role), unit, "单位", "/", null);
    }

    private NewCase newCase(long county, String content) {
        return new NewCase(CaseType.DISPUTE, SourceChannel.WALK_IN, county, null, null, null, null, content, null,
                null, null);
    }

    private long county(String user) {
        return jdbc.queryForObject("SELECT jurisdiction_id FROM staff_account WHERE username = ?", Long.class, user);
    }
}
