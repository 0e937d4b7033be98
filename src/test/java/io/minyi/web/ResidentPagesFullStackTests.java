package io.minyi.web;

import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@FullStackTest
class ResidentPagesFullStackTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_bad_tracking_or_qr_code_is_answered_in_residents_words_without_a_staff_login() {
        StaffClient resident = new StaffClient(port);
        HttpResponse<String> tracking = resident.get("/t/ABCDEFGHJK");
        assertThat(tracking.statusCode()).isEqualTo(404);
        assertThat(tracking.body()).contains("没有找到这个查询码").contains("name=\"code\"")
                .doesNotContain("管辖范围").doesNotContain("/login").doesNotContain("href=\"/\"");
        HttpResponse<String> rating = resident.get("/e/NO-SUCH-CODE-42");
        assertThat(rating.statusCode()).isEqualTo(404);
        assertThat(rating.body()).contains("二维码已失效或无法识别").doesNotContain("管辖范围").doesNotContain("/login");
    }

    @Test
    void a_resident_whose_clue_was_merged_follows_the_main_case_to_its_outcome_and_rates_it() {
        long station = jdbc.queryForObject("SELECT unit_id FROM staff_account WHERE username = 'handler'", Long.class);
        long county1 = jdbc.queryForObject("SELECT jurisdiction_id FROM staff_account WHERE username = 'dispatcher1'", Long.class);
        StaffClient dispatcher = new StaffClient(port);
        dispatcher.login("dispatcher1");
        long main = register(dispatcher, county1, "路口红绿灯损坏多日无人修");
        long merged = register(dispatcher, county1, "同一路口红绿灯坏了，很危险");
        String mergedCode = jdbc.queryForObject("SELECT tracking_code FROM cases WHERE id = ?", String.class, merged);

        dispatcher.get("/cases/" + merged);
        ok(dispatcher.postForm("/cases/" + merged + "/merge", Map.of("targetId", String.valueOf(main))));
        StaffClient resident = new StaffClient(port);
        assertThat(resident.get("/t/" + mergedCode).body()).contains("合并办理").doesNotContain("name=\"verdict\"");

        dispatcher.get("/cases/" + main);
        ok(dispatcher.postForm("/cases/" + main + "/accept", Map.of()));
        ok(dispatcher.postForm("/cases/" + main + "/triage", Map.of("category", "安全隐患", "risk", "LOW",
                "unitId", String.valueOf(station))));
        ok(dispatcher.postForm("/cases/" + main + "/dispatch", Map.of("unitId", String.valueOf(station))));
        StaffClient handler = new StaffClient(port);
        handler.login("handler");
        handler.get("/cases/" + main);
        ok(handler.postForm("/cases/" + main + "/sign", Map.of()));
        ok(handler.postForm("/cases/" + main + "/report", Map.of("outcome", "RESOLVED", "findings", "已联系交管部门修复")));
        StaffClient unitLeader = new StaffClient(port);
        unitLeader.login("unitleader");
        unitLeader.get("/cases/" + main);
        ok(unitLeader.postForm("/cases/" + main + "/unit-approve", Map.of()));
        StaffClient reviewer = new StaffClient(port);
        reviewer.login("policeleader");
        reviewer.get("/cases/" + main);
        ok(reviewer.postForm("/cases/" + main + "/approve", Map.of()));

        // Staff read staff wording; the resident's own words stay on the resident's page.
        assertThat(handler.get("/cases/" + main).body()).contains("待群众评价").doesNotContain("请您评价");

        String page = resident.get("/t/" + mergedCode).body();
        assertThat(page).contains("合并办理").contains("已联系交管部门修复").contains("name=\"verdict\"")
                .contains("class=\"choices\"");
        ok(resident.postForm("/t/" + mergedCode + "/rating", Map.of("verdict", "SATISFIED")));
        assertThat(jdbc.queryForObject("SELECT state FROM cases WHERE id = ?", String.class, main)).isEqualTo("CLOSED");
        assertThat(resident.get("/t/" + mergedCode).body()).contains("已办结");
    }

    private long register(StaffClient dispatcher, long place, String content) {
        dispatcher.get("/cases/new");
        String token = UUID.randomUUID().toString();
        HttpResponse<String> res = dispatcher.postForm("/cases/new", Map.of("type", "GRID_EVENT", "channel", "WALK_IN",
                "jurisdictionId", String.valueOf(place), "raiserPhone", "13900001111",
                "content", content + " " + token.substring(0, 6), "formToken", token));
        assertThat(res.statusCode()).isEqualTo(302);
        String location = res.headers().firstValue("Location").orElseThrow();
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    private static void ok(HttpResponse<String> res) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(302);
    }
}
