package io.minyi.org.web;

import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Script and SQL typed into every text field of every create form: either stored exactly as typed and shown
 * escaped, or refused with a 400 that echoes it escaped. The officer table survives the DROP.
 */
@FullStackTest
class HostileInputFullStackTests {

    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String SQL = "'; DROP TABLE officer;--";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private StaffClient admin() {
        StaffClient admin = new StaffClient(port);
        admin.login("admin");
        admin.get("/admin/officers/new");
        return admin;
    }

    private static void assertEscaped(String html, String payload) {
        assertThat(html).doesNotContain("<script>alert(1)</script>");
        if (payload.equals(SCRIPT)) {
            assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        }
    }

    private static Map<String, String> fill(String payload, String... names) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String n : names) {
            form.put(n, payload);
        }
        return form;
    }

    private String createAndShow(StaffClient admin, String path, Map<String, String> form) {
        HttpResponse<String> res = admin.postForm(path, form);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(302);
        String location = res.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> page = admin.get(location.replaceFirst("^https?://[^/]+", ""));
        assertThat(page.statusCode()).isEqualTo(200);
        return page.body();
    }

    @Test
    void hostile_text_in_every_free_text_field_is_stored_as_typed_and_shown_escaped() {
        StaffClient admin = admin();
        long unit = jdbc.sql("SELECT id FROM unit WHERE code = 'U-0001-10'").query(Long.class).single();
        int i = 0;
        for (String payload : List.of(SCRIPT, SQL)) {
            i++;
            Map<String, String> officer = fill(payload, "badgeNo", "name", "position");
            officer.put("unitId", String.valueOf(unit));
            assertEscaped(createAndShow(admin, "/admin/officers", officer), payload);
            assertThat(jdbc.sql("SELECT count(*) FROM officer WHERE badge_no = ? AND name = ? AND position = ?")
                    .params(payload, payload, payload).query(Long.class).single()).isEqualTo(1);

            Map<String, String> unitForm = fill(payload, "code", "name", "phone", "address");
            unitForm.putAll(Map.of("type", "POLICE_STATION", "jurisdictionCode", "990101"));
            assertEscaped(createAndShow(admin, "/admin/units", unitForm), payload);
            assertThat(jdbc.sql("SELECT count(*) FROM unit WHERE code = ? AND name = ? AND address = ?")
                    .params(payload, payload, payload).query(Long.class).single()).isEqualTo(1);

            Map<String, String> place = fill(payload, "code", "name");
            place.put("parentCode", "990101");
            assertEscaped(createAndShow(admin, "/admin/jurisdictions", place), payload);
            String villageCode = jdbc.sql("SELECT code FROM jurisdiction WHERE level = 'VILLAGE' ORDER BY id LIMIT 1")
                    .query(String.class).single();

            Map<String, String> grid = fill(payload, "code", "name");
            grid.putAll(Map.of("type", "RURAL", "villageCode", villageCode, "households", "10"));
            assertEscaped(createAndShow(admin, "/admin/grids", grid), payload);

            Map<String, String> staff = fill(payload, "displayName");
            staff.putAll(Map.of("username", "hostile" + i, "roles", "DISPATCHER", "unitId", String.valueOf(unit),
                    "jurisdictionCode", "990101", "password", "Hostile2026"));
            assertEscaped(createAndShow(admin, "/admin/staff", staff), payload);
            assertThat(jdbc.sql("SELECT display_name FROM staff_account WHERE username = ?").param("hostile" + i)
                    .query(String.class).single()).isEqualTo(payload);
        }
        assertEscaped(admin.get("/admin/officers?q=" + java.net.URLEncoder.encode(SCRIPT, java.nio.charset.StandardCharsets.UTF_8)).body(), SCRIPT);
        assertEscaped(admin.get("/admin/audit?recordType=officer").body(), SCRIPT);
        assertThat(jdbc.sql("SELECT count(*) FROM officer").query(Long.class).single()).isGreaterThan(2000);
    }

    @Test
    void hostile_text_in_every_field_including_references_is_refused_with_400_and_echoed_escaped() {
        StaffClient admin = admin();
        Map<String, List<String>> forms = Map.of(
                "/admin/officers", List.of("badgeNo", "name", "position", "unitId"),
                "/admin/units", List.of("code", "name", "type", "jurisdictionCode", "phone", "address"),
                "/admin/jurisdictions", List.of("parentCode", "code", "name"),
                "/admin/grids", List.of("code", "name", "type", "villageCode", "households"),
                "/admin/staff", List.of("username", "displayName", "roles", "jurisdictionCode", "officerBadge",
                        "phone", "email", "password"));
        long before = jdbc.sql("SELECT count(*) FROM audit_event").query(Long.class).single();
        forms.forEach((path, fields) -> {
            Map<String, String> form = fill(SCRIPT, fields.stream().filter(f -> !f.equals("unitId")).toArray(String[]::new));
            HttpResponse<String> res = admin.postForm(path, form);
            assertThat(res.statusCode()).as(path).isEqualTo(400);
            assertEscaped(res.body(), SCRIPT);
            assertThat(res.body()).contains("class=\"alert error\"");
        });
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void like_wildcards_in_a_search_match_only_themselves() {
        StaffClient admin = admin();
        // unescaped, "王%伟" and "王_" would match hundreds of demo officers (王伟, 王建伟, 王芳 …)
        assertThat(admin.get("/admin/officers?q=" + enc("王%伟")).body()).contains("暂无数据");
        assertThat(admin.get("/admin/officers?q=" + enc("王_")).body()).contains("暂无数据");
        assertThat(admin.get("/admin/units?q=" + enc("示范%局")).body()).contains("暂无数据");
        assertThat(admin.get("/admin/officers?q=" + enc("王")).body()).doesNotContain("暂无数据");
    }

    /**
     * The searches outside the admin pages escape LIKE's wildcards and its escape character too: a name with % or _ or
     * a backslash before a character finds no more rows than a name nobody has.
     */
    @Test
    void like_wildcards_and_backslashes_match_only_themselves_in_every_search() {
        Map<String, String> searches = new LinkedHashMap<>();
        searches.put("leader", "/evaluations/officers?q=");
        searches.put("orgdept", "/orgdept/officers?q=");
        searches.put("admin", "/evaluations/codes?officers=true&q=");
        searches.forEach((user, path) -> {
            StaffClient c = new StaffClient(port);
            assertThat(c.login(user).statusCode()).isEqualTo(302);
            int nobody = rows(c, path + enc("查无此人"));
            assertThat(rows(c, path + enc("王"))).as(user + " 王").isGreaterThan(nobody);
            for (String hostile : List.of("王%伟", "王_", "\\王", "%")) {
                assertThat(rows(c, path + enc(hostile))).as(user + " " + hostile).isEqualTo(nobody);
            }
        });
        StaffClient leader = new StaffClient(port);
        leader.login("leader");
        assertThat(rows(leader, "/evaluations?q=" + enc("%"))).isEqualTo(rows(leader, "/evaluations?q=" + enc("查无此评")));
    }

    private static int rows(StaffClient c, String path) {
        HttpResponse<String> res = c.get(path);
        assertThat(res.statusCode()).as(path).isEqualTo(200);
        return res.body().split("<tr", -1).length - 1;
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
