package io.minyi.casework;

import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

@FullStackTest
class TriageFormFullStackTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void triage_proposes_the_unit_the_resident_named_and_keeps_the_risk_on_re_triage() {
        long station = jdbc.queryForObject("SELECT unit_id FROM staff_account WHERE username = 'handler'", Long.class);
        long county1 = jdbc.queryForObject("SELECT jurisdiction_id FROM staff_account WHERE username = 'dispatcher1'", Long.class);
        StaffClient dispatcher = new StaffClient(port);
        dispatcher.login("dispatcher1");
        dispatcher.get("/cases/new");
        String token = UUID.randomUUID().toString();
        HttpResponse<String> res = dispatcher.postForm("/cases/new", Map.of("type", "CLUE", "channel", "WALK_IN",
                "jurisdictionId", String.valueOf(county1), "subjectUnitId", String.valueOf(station),
                "content", "窗口办事排队两小时无人引导 " + token.substring(0, 6), "formToken", token));
        String location = res.headers().firstValue("Location").orElseThrow();
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        dispatcher.get("/cases/" + id);
        assertThat(dispatcher.postForm("/cases/" + id + "/accept", Map.of()).statusCode()).isEqualTo(302);

        String form = dispatcher.get("/cases/" + id).body();
        assertThat(Pattern.compile("<option value=\"" + station + "\" selected=\"selected\"").matcher(form).find())
                .as("the named unit is proposed").isTrue();

        assertThat(dispatcher.postForm("/cases/" + id + "/triage", Map.of("category", "办事效率", "risk", "HIGH",
                "unitId", String.valueOf(station))).statusCode()).isEqualTo(302);
        String again = dispatcher.get("/cases/" + id).body();
        assertThat(again).contains("<option value=\"HIGH\" selected=\"selected\"");
    }
}
