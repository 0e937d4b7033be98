package io.minyi.casework;

import io.minyi.audit.AuditTrail;
import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 主办/协办 and 上报/下交 as the demo city's staff make them over HTTP: only the moves a user may make are offered,
 * refusals come back as 403/409 with the reason and change nothing, and every move is a ledger step and an audit
 * event.
 */
@FullStackTest
class CoHandlingAndLevelsFullStackTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AuditTrail audit;

    @Test
    void the_lead_unit_reports_while_the_assisting_unit_files_its_part_and_is_counted_on_time() throws Exception {
        long station = unitOf("handler");
        long bureau = unitOf("policeleader");
        StaffClient dispatcher = login("dispatcher1");
        long id = register(dispatcher, county1(), "治安巡逻不到位，夜间多次发生盗窃");
        ok(dispatcher.postForm("/cases/" + id + "/accept", Map.of()));
        ok(dispatcher.postForm("/cases/" + id + "/triage", Map.of("category", "涉法涉诉", "risk", "MEDIUM",
                "unitId", String.valueOf(bureau))));
        ok(dispatcher.postForm("/cases/" + id + "/dispatch", Map.of("unitId", String.valueOf(bureau))));
        assertThat(dispatcher.get("/cases/" + id).body()).contains("指定协办单位").contains("name=\"unitIds\"");

        // nothing chosen, the lead itself, or someone who is not a dispatcher: refused, nothing written
        assertThat(dispatcher.postForm("/cases/" + id + "/assist", Map.of()).statusCode()).isEqualTo(400);
        assertThat(dispatcher.postForm("/cases/" + id + "/assist", Map.of("unitIds", String.valueOf(bureau)))
                .statusCode()).isEqualTo(409);
        StaffClient policeLeader = login("policeleader");
        assertThat(policeLeader.postForm("/cases/" + id + "/assist", Map.of("unitIds", String.valueOf(station)))
                .statusCode()).isEqualTo(403);
        assertThat(count("SELECT count(*) FROM case_assist WHERE case_id = ?", id)).isZero();

        ok(dispatcher.postForm("/cases/" + id + "/assist", Map.of("unitIds", String.valueOf(station),
                "comment", "派出所协助走访")));
        assertThat(count("SELECT count(*) FROM case_assist WHERE case_id = ? AND unit_id = ? AND state = 'OPEN'",
                id, station)).isEqualTo(1);

        // the assisting unit sees the case in its inbox and may file its part — not sign or report for the case
        StaffClient handler = login("handler");
        String code = jdbc.queryForObject("SELECT tracking_code FROM cases WHERE id = ?", String.class, id);
        assertThat(handler.get("/inbox").body()).contains(code);
        String page = handler.get("/cases/" + id).body();
        assertThat(page).contains("报送协办意见").doesNotContain("/cases/" + id + "/sign\"")
                .doesNotContain("/cases/" + id + "/report\"");
        assertThat(handler.postForm("/cases/" + id + "/sign", Map.of()).statusCode()).isEqualTo(403);
        assertThat(handler.postForm("/cases/" + id + "/assist-report", Map.of("report", " ")).statusCode())
                .isEqualTo(409);
        ok(handler.postForm("/cases/" + id + "/assist-report", Map.of("report", "已走访周边商户，调取监控三段")));
        assertThat(handler.postForm("/cases/" + id + "/assist-report", Map.of("report", "再报一次")).statusCode())
                .as("a part is filed once").isEqualTo(403);
        assertThat(handler.get("/inbox").body()).doesNotContain(code);

        // the lead unit signs and reports for the case, and sees the part it was given
        String leadPage = policeLeader.get("/cases/" + id).body();
        assertThat(leadPage).contains("已走访周边商户，调取监控三段").contains("已报送");
        ok(policeLeader.postForm("/cases/" + id + "/sign", Map.of()));
        policeLeader.get("/cases/" + id);
        ok(policeLeader.postForm("/cases/" + id + "/report", Map.of("outcome", "RESOLVED",
                "findings", "已加强夜间巡逻，抓获嫌疑人一名")));
        assertThat(state(id)).isEqualTo("UNDER_REVIEW");

        List<String> actions = jdbc.queryForList("SELECT action FROM case_step WHERE case_id = ? ORDER BY id",
                String.class, id);
        assertThat(actions).containsExactly("RECEIVE", "ACCEPT", "TRIAGE", "DISPATCH", "ASSIGN_ASSIST",
                "ASSIST_REPORT", "SIGN", "REPORT");
        assertThat(audit.historyOf("case", String.valueOf(id))).hasSize(actions.size());

        // supervision counts the part for the assisting unit, on time
        awaitTrue(() -> count("""
                SELECT coalesce(sum(on_time), 0) FROM unit_assist_month WHERE unit_id = ?
                AND month = date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai')::date""", station) >= 1);
        assertThat(count("SELECT count(*) FROM supervised_assist WHERE case_id = ? AND state = 'REPORTED'", id))
                .isEqualTo(1);
    }

    @Test
    void a_county_escalates_to_the_city_which_hands_it_down_to_the_township_with_a_deadline_its_dispatch_keeps() {
        StaffClient county = login("dispatcher1");
        long village = jdbc.queryForObject("""
                SELECT j.id FROM jurisdiction j, jurisdiction c WHERE c.id = ? AND j.level = 'VILLAGE'
                AND j.path LIKE c.path || '%' ORDER BY j.id LIMIT 1""", Long.class, county1());
        long township = jdbc.queryForObject("SELECT parent_id FROM jurisdiction WHERE id = ?", Long.class, village);
        long id = register(county, village, "村里征地补偿款迟迟不到位，涉及多个部门");
        String page = county.get("/cases/" + id).body();
        assertThat(page).contains("提请上级办理").contains("示范市");

        assertThat(county.postForm("/cases/" + id + "/escalate", Map.of()).statusCode()).as("a reason is required")
                .isEqualTo(409);
        ok(county.postForm("/cases/" + id + "/escalate", Map.of("reason", "涉及市级多个部门，超出县级处置能力")));
        String city = jdbc.queryForObject("SELECT path FROM jurisdiction WHERE parent_id IS NULL ORDER BY id LIMIT 1",
                String.class);
        assertThat(jdbc.queryForObject("SELECT level_path FROM cases WHERE id = ?", String.class, id)).isEqualTo(city);

        // the county no longer makes the centre's moves, and is not offered them; it still reads the case
        HttpResponse<String> refused = county.postForm("/cases/" + id + "/accept", Map.of());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("其他层级负责");
        assertThat(county.get("/cases/" + id).body()).doesNotContain("/cases/" + id + "/accept\"")
                .contains("提请上级办理");

        StaffClient cityDispatcher = login("dispatcher");
        assertThat(cityDispatcher.get("/cases/" + id).body()).contains("交由下级办理").doesNotContain("/escalate\"");
        LocalDate due = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(4);
        ok(cityDispatcher.postForm("/cases/" + id + "/hand-down", Map.of("jurisdictionId", String.valueOf(township),
                "due", due.toString(), "reason", "请属地乡镇统筹办理")));
        assertThat(jdbc.queryForObject("SELECT level_jurisdiction_id FROM cases WHERE id = ?", Long.class, id))
                .isEqualTo(township);

        // the county is above the township: it may act again, and its dispatch keeps the township's deadline
        long station = unitOf("handler");
        ok(county.postForm("/cases/" + id + "/accept", Map.of()));
        ok(county.postForm("/cases/" + id + "/triage", Map.of("category", "征地拆迁", "risk", "HIGH",
                "unitId", String.valueOf(station))));
        ok(county.postForm("/cases/" + id + "/dispatch", Map.of("unitId", String.valueOf(station))));
        LocalDate deadline = jdbc.queryForObject("SELECT deadline FROM cases WHERE id = ?", LocalDate.class, id);
        assertThat(deadline).isBeforeOrEqualTo(due);

        // the station's leader gives it up before signing: up to the county, above the township, no longer with it
        StaffClient unitLeader = login("unitleader");
        assertThat(unitLeader.get("/cases/" + id).body()).contains("提请上级办理");
        ok(unitLeader.postForm("/cases/" + id + "/escalate", Map.of("reason", "非本所职责范围")));
        assertThat(state(id)).isEqualTo("TRIAGED");
        assertThat(jdbc.queryForObject("SELECT unit_id FROM cases WHERE id = ?", Long.class, id)).isNull();
        assertThat(jdbc.queryForObject("SELECT level_jurisdiction_id FROM cases WHERE id = ?", Long.class, id))
                .isEqualTo(county1());

        List<String> actions = jdbc.queryForList("SELECT action FROM case_step WHERE case_id = ? ORDER BY id",
                String.class, id);
        assertThat(actions).containsExactly("RECEIVE", "ESCALATE", "HAND_DOWN", "ACCEPT", "TRIAGE", "DISPATCH",
                "ESCALATE");
        assertThat(audit.historyOf("case", String.valueOf(id))).hasSize(actions.size());
        assertThat(cityDispatcher.get("/cases/" + id).body()).contains("提请上级办理").contains("交由下级办理")
                .contains("涉及市级多个部门");
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private StaffClient login(String user) {
        StaffClient c = new StaffClient(port);
        c.login(user);
        c.get("/"); // the session's CSRF token after signing in
        return c;
    }

    private long register(StaffClient dispatcher, long jurisdiction, String content) {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> registered = dispatcher.postForm("/cases/new", Map.of("type", "PETITION",
                "channel", "WALK_IN", "jurisdictionId", String.valueOf(jurisdiction), "raiserName", "赵六",
                "raiserPhone", "13900001111", "content", content + " " + marker, "formToken", marker));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(302);
        return CaseFullFlowTests.idFrom(registered);
    }

    private long county1() {
        return jdbc.queryForObject("SELECT jurisdiction_id FROM staff_account WHERE username = 'dispatcher1'",
                Long.class);
    }

    private long unitOf(String user) {
        return jdbc.queryForObject("SELECT unit_id FROM staff_account WHERE username = ?", Long.class, user);
    }

    private String state(long id) {
        return jdbc.queryForObject("SELECT state FROM cases WHERE id = ?", String.class, id);
    }

    private long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    private static void ok(HttpResponse<String> res) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(302);
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not within 20 s");
            }
            Thread.sleep(50);
        }
    }
}
