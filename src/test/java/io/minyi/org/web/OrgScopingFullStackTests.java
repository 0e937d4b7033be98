package io.minyi.org.web;

import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@FullStackTest
class OrgScopingFullStackTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private long county(String name) {
        return jdbc.sql("SELECT id FROM jurisdiction WHERE name = ? AND level = 'COUNTY'").param(name)
                .query(Long.class).single();
    }

    private long officerOf(long county) {
        return jdbc.sql("""
                        SELECT o.id FROM officer o JOIN unit u ON u.id = o.unit_id JOIN jurisdiction j ON j.id = u.jurisdiction_id
                        WHERE j.path LIKE '%/' || ? || '/%' ORDER BY o.id LIMIT 1""")
                .param(county).query(Long.class).single();
    }

    private long unitOf(long county) {
        return jdbc.sql("SELECT id FROM unit WHERE jurisdiction_id = ? ORDER BY id LIMIT 1").param(county)
                .query(Long.class).single();
    }

    @Test
    void a_county_dispatcher_gets_404_for_another_countys_officer_unit_grid_and_jurisdiction() {
        long county1 = county("城关区");
        long officer = officerOf(county1);
        long unit = unitOf(county1);
        long grid = jdbc.sql("SELECT min(id) FROM grid").query(Long.class).single();
        StaffClient dispatcher2 = new StaffClient(port);
        dispatcher2.login("dispatcher2");

        for (String path : List.of("/admin/officers/" + officer, "/admin/units/" + unit, "/admin/grids/" + grid,
                "/admin/jurisdictions/" + county1, "/admin/jurisdictions?parent=" + county1)) {
            HttpResponse<String> res = dispatcher2.get(path);
            assertThat(res.statusCode()).as(path).isEqualTo(404);
            assertThat(res.body()).contains("不在您的管辖范围内");
        }

        StaffClient dispatcher1 = new StaffClient(port);
        dispatcher1.login("dispatcher1");
        HttpResponse<String> own = dispatcher1.get("/admin/officers/" + officer);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).doesNotContain("type=\"submit\" class=\"primary\"");
    }

    @Test
    void a_county_dispatchers_lists_and_exports_hold_no_row_of_another_county() throws Exception {
        long county1 = county("城关区");
        long county2 = county("东川县");
        String badge = jdbc.sql("SELECT badge_no FROM officer WHERE id = ?").param(officerOf(county1))
                .query(String.class).single();
        StaffClient dispatcher2 = new StaffClient(port);
        dispatcher2.login("dispatcher2");

        HttpResponse<String> officers = dispatcher2.get("/admin/officers?size=200");
        assertThat(officers.statusCode()).isEqualTo(200);
        assertThat(officers.body()).contains("东川县").doesNotContain("城关区");
        long inCounty2 = jdbc.sql("""
                        SELECT count(*) FROM officer o JOIN unit u ON u.id = o.unit_id JOIN jurisdiction j ON j.id = u.jurisdiction_id
                        WHERE j.path LIKE '%/' || ? || '/%'""").param(county2).query(Long.class).single();
        assertThat(officers.body()).contains("共 " + inCounty2 + " 条");

        assertThat(ok(dispatcher2.get("/admin/officers?q=" + badge))).contains("暂无数据");
        assertThat(ok(dispatcher2.get("/admin/units?size=200"))).contains("东川县公安局").doesNotContain("城关区");
        assertThat(ok(dispatcher2.get("/admin/staff?size=200"))).contains("dispatcher2").doesNotContain("dispatcher1");
        long gridsInCounty2 = jdbc.sql("""
                        SELECT count(*) FROM grid g JOIN jurisdiction j ON j.id = g.village_id
                        WHERE j.path LIKE '%/' || ? || '/%'""").param(county2).query(Long.class).single();
        assertThat(ok(dispatcher2.get("/admin/grids"))).contains("共 " + gridsInCounty2 + " 条")
                .doesNotContain("G-00001");
        assertThat(ok(dispatcher2.get("/admin/jurisdictions"))).contains("东川县").doesNotContain("示范市</a>");

        byte[] export = dispatcher2.getBytes("/admin/officers/export").body();
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(export))) {
            var sheet = wb.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo((int) inCounty2);
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                assertThat(sheet.getRow(r).getCell(4).getStringCellValue()).isNotEqualTo("城关区");
            }
        }
    }

    private static String ok(HttpResponse<String> res) {
        assertThat(res.statusCode()).isEqualTo(200);
        return res.body();
    }

    @Test
    void only_an_admin_may_change_the_organisation() {
        StaffClient dispatcher = new StaffClient(port);
        dispatcher.login("dispatcher");
        dispatcher.get("/admin/officers");
        assertThat(dispatcher.get("/admin/officers/new").statusCode()).isEqualTo(403);
        assertThat(dispatcher.postForm("/admin/officers", java.util.Map.of("badgeNo", "x", "name", "y")).statusCode())
                .isEqualTo(403);
        assertThat(dispatcher.get("/admin/officers/import").statusCode()).isEqualTo(403);
        assertThat(dispatcher.get("/admin/audit").statusCode()).isEqualTo(403);

        StaffClient handler = new StaffClient(port);
        handler.login("handler");
        assertThat(handler.get("/admin/officers").statusCode()).isEqualTo(403);
    }
}
