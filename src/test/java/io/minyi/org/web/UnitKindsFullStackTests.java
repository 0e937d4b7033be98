package io.minyi.org.web;

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

/**
 * Unit kinds come from configuration: an administrator adds a department kind, a unit of that kind is created through
 * the same form and field spec as any unit, shows in the export under its label, and a case can be dispatched to it.
 * Built-in kinds keep their behaviour: they cannot be retired.
 */
@FullStackTest
class UnitKindsFullStackTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_department_kind_added_by_the_administrator_can_be_given_to_a_unit_that_is_dispatched_to() {
        StaffClient admin = login("admin");
        HttpResponse<String> list = admin.get("/admin/unit-kinds");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("GOVERNANCE_CENTRE").contains("综治中心").contains("内置");
        assertThat(admin.get("/admin/units").body()).contains("/admin/unit-kinds");

        String tag = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String code = "HOUSING_" + tag;
        String label = "住房和城乡建设局" + tag;
        ok(admin.postForm("/admin/unit-kinds", Map.of("code", code.toLowerCase(), "label", label,
                "system", "GOVERNMENT", "sort", "150")));
        assertThat(jdbc.queryForObject("SELECT system FROM unit_kind WHERE code = ?", String.class, code))
                .isEqualTo("GOVERNMENT");
        assertThat(admin.postForm("/admin/unit-kinds", Map.of("code", code, "label", "另一个", "system",
                "GOVERNMENT")).statusCode()).as("a code is taken once").isEqualTo(400);
        assertThat(admin.postForm("/admin/unit-kinds", Map.of("code", "X" + tag, "label", label, "system",
                "GOVERNMENT")).statusCode()).as("a label is taken once").isEqualTo(400);

        // the unit form and the field spec take the new kind by its label, like the built-in ones
        String unitCode = "U-H-" + tag;
        HttpResponse<String> created = admin.postForm("/admin/units", Map.of("code", unitCode,
                "name", "示范市住房和城乡建设局" + tag, "type", label, "jurisdictionCode", "990100"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        long unit = jdbc.queryForObject("SELECT id FROM unit WHERE code = ?", Long.class, unitCode);
        assertThat(jdbc.queryForObject("SELECT type FROM unit WHERE id = ?", String.class, unit)).isEqualTo(code);
        assertThat(admin.get("/admin/units?type=" + code).body()).contains(unitCode).contains(label);
        assertThat(admin.getBytes("/admin/units/export").statusCode()).isEqualTo(200);

        // the city's dispatcher dispatches a case to the department
        StaffClient dispatcher = login("dispatcher");
        String marker = UUID.randomUUID().toString().substring(0, 8);
        long city = jdbc.queryForObject("SELECT jurisdiction_id FROM staff_account WHERE username = 'dispatcher'",
                Long.class);
        HttpResponse<String> registered = dispatcher.postForm("/cases/new", Map.of("type", "HOTLINE_ORDER",
                "channel", "WALK_IN", "jurisdictionId", String.valueOf(city), "content", "小区违章搭建无人处理 " + marker,
                "formToken", marker));
        assertThat(registered.statusCode()).isEqualTo(302);
        long id = Long.parseLong(registered.headers().firstValue("Location").orElseThrow()
                .replaceAll(".*/cases/(\\d+).*", "$1"));
        ok(dispatcher.postForm("/cases/" + id + "/accept", Map.of()));
        ok(dispatcher.postForm("/cases/" + id + "/triage", Map.of("category", "民生诉求", "risk", "LOW",
                "unitId", String.valueOf(unit))));
        ok(dispatcher.postForm("/cases/" + id + "/dispatch", Map.of()));
        assertThat(jdbc.queryForObject("SELECT unit_id FROM cases WHERE id = ?", Long.class, id)).isEqualTo(unit);

        // relabelled and retired: existing units keep the kind, new ones cannot take it
        ok(admin.postForm("/admin/unit-kinds/" + code, Map.of("label", label + "（旧）", "system", "GOVERNMENT",
                "sort", "150")));
        assertThat(jdbc.queryForObject("SELECT active FROM unit_kind WHERE code = ?", Boolean.class, code)).isFalse();
        HttpResponse<String> refused = admin.postForm("/admin/units", Map.of("code", unitCode + "B",
                "name", "另一个局" + tag, "type", code, "jurisdictionCode", "990100"));
        assertThat(refused.statusCode()).isNotEqualTo(302);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM unit WHERE code = ?", Long.class, unitCode + "B"))
                .isZero();
    }

    @Test
    void a_built_in_kind_is_never_retired_and_only_administrators_edit_kinds() {
        StaffClient admin = login("admin");
        assertThat(admin.postForm("/admin/unit-kinds/COURT", Map.of("label", "法院", "system", "COURT"))
                .statusCode()).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT active FROM unit_kind WHERE code = 'COURT'", Boolean.class)).isTrue();
        assertThat(admin.postForm("/admin/unit-kinds/POLICE_STATION", Map.of("label", "派出所", "system", "COURT",
                "active", "on")).statusCode()).as("units of the kind have officers").isEqualTo(400);
        assertThat(admin.postForm("/admin/unit-kinds/NO_SUCH_KIND", Map.of("label", "x", "system", "COURT",
                "active", "on")).statusCode()).isEqualTo(404);

        StaffClient dispatcher = login("dispatcher");
        assertThat(dispatcher.get("/admin/unit-kinds").statusCode()).isEqualTo(403);
        assertThat(dispatcher.postForm("/admin/unit-kinds", Map.of("code", "SNEAKY", "label", "偷偷加的",
                "system", "GOVERNMENT")).statusCode()).isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM unit_kind WHERE code = 'SNEAKY'", Long.class)).isZero();
    }

    private StaffClient login(String user) {
        StaffClient c = new StaffClient(port);
        c.login(user);
        c.get("/"); // the session's CSRF token after signing in
        return c;
    }

    private static void ok(HttpResponse<String> res) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(302);
    }
}
