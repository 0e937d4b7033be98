package io.minyi.evaluation;

import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 18: a fresh device cookie per submission stored 10 of 10 unflagged. */
@FullStackTest
class BallotBurstFullStackTests {

    private static final Pattern KEY = Pattern.compile("name=\"key\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_burst_dropping_its_cookies_is_flagged_early_and_supervisors_see_why() {
        long officerId = jdbc.queryForObject("""
                SELECT officer_id FROM evaluation_target WHERE active AND officer_id IS NOT NULL
                ORDER BY officer_id DESC OFFSET 11 LIMIT 1""", Long.class);
        String code = jdbc.queryForObject("SELECT code FROM evaluation_target WHERE active AND officer_id = ?",
                String.class, officerId);
        for (int i = 0; i < 10; i++) {
            StaffClient fresh = new StaffClient(port, "127.0.0.61"); // no cookies kept from the last one
            Matcher m = KEY.matcher(fresh.get("/e/" + code).body());
            assertThat(m.find()).isTrue();
            HttpResponse<String> res = fresh.postForm("/e/" + code, Map.of("key", m.group(1),
                    "overall", "SATISFIED"));
            assertThat(res.statusCode()).isEqualTo(200);
        }
        Long flagged = jdbc.queryForObject("SELECT count(*) FROM evaluation WHERE officer_id = ? AND flagged",
                Long.class, officerId);
        assertThat(flagged).as("flagged of 10").isGreaterThanOrEqualTo(6);
        assertThat(jdbc.queryForObject("SELECT flag_reason FROM evaluation WHERE officer_id = ? AND flagged "
                + "ORDER BY id LIMIT 1", String.class, officerId)).isEqualTo("R:4>3");

        StaffClient supervisor = new StaffClient(port);
        supervisor.login("supervisor");
        HttpResponse<String> page = supervisor.get("/evaluations?flagged=true");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("同一网络地址10分钟内第4次评议同一对象，且提交节奏过快或过于规律");
    }
}
