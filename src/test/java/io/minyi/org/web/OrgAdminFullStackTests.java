package io.minyi.org.web;

import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@FullStackTest
class OrgAdminFullStackTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private StaffClient admin() {
        StaffClient admin = new StaffClient(port);
        admin.login("admin");
        admin.get("/admin/officers");
        return admin;
    }

    private static String path(HttpResponse<String> res) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(302);
        return res.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
    }

    private List<String> auditActions(String type, String id) {
        return jdbc.sql("SELECT action FROM audit_event WHERE record_type = ? AND record_id = ? ORDER BY id")
                .params(type, id).query(String.class).list();
    }

    @Test
    void an_officer_is_created_edited_deactivated_and_activated_with_an_audit_event_for_each_change() {
        StaffClient admin = admin();
        long unit = jdbc.sql("SELECT id FROM unit WHERE code = 'U-0003-10'").query(Long.class).single();
        Map<String, String> form = new HashMap<>(Map.of("badgeNo", "ADM-1", "name", "测试干警", "position", "民警",
                "unitId", String.valueOf(unit)));
        String page = path(admin.postForm("/admin/officers", form));
        String id = page.substring(page.lastIndexOf('/') + 1);
        assertThat(admin.get(page).body()).contains("已新增。").contains("测试干警");

        form.put("name", "测试干警改");
        path(admin.postForm(page, form));
        assertThat(jdbc.sql("SELECT name FROM officer WHERE id = ?").param(Long.parseLong(id)).query(String.class)
                .single()).isEqualTo("测试干警改");

        path(admin.postForm(page + "/active", Map.of("active", "false")));
        assertThat(admin.get("/admin/officers?q=ADM-1&status=active").body()).contains("暂无数据");
        assertThat(admin.get("/admin/officers?q=ADM-1&status=inactive").body()).contains("测试干警改");
        path(admin.postForm(page + "/active", Map.of("active", "true")));

        assertThat(auditActions("officer", id)).containsExactly("org.officer.create", "org.officer.update",
                "org.officer.deactivate", "org.officer.activate");
        assertThat(jdbc.sql("SELECT before_state FROM audit_event WHERE record_type = 'officer' AND record_id = ? AND action = 'org.officer.update'")
                .param(id).query(String.class).single()).contains("姓名=测试干警，");
    }

    @Test
    void a_badge_number_taken_in_the_same_system_is_refused_with_a_chinese_message_and_nothing_changes() {
        StaffClient admin = admin();
        long station = jdbc.sql("SELECT id FROM unit WHERE code = 'U-0003-10'").query(Long.class).single();
        long court = jdbc.sql("SELECT id FROM unit WHERE code = 'U-0003-04'").query(Long.class).single();
        String policeBadge = jdbc.sql("SELECT badge_no FROM officer WHERE unit_system = 'POLICE' ORDER BY id LIMIT 1")
                .query(String.class).single();
        HttpResponse<String> clash = admin.postForm("/admin/officers", Map.of("badgeNo", policeBadge, "name", "重号",
                "unitId", String.valueOf(station)));
        assertThat(clash.statusCode()).isEqualTo(400);
        assertThat(clash.body()).contains("警号" + policeBadge + "在本系统内已被使用");
        // another system numbers its own people: the same number is free there
        path(admin.postForm("/admin/officers", Map.of("badgeNo", policeBadge, "name", "法院同号",
                "unitId", String.valueOf(court))));
    }

    @Test
    void a_locked_account_is_unlocked_and_its_password_reset_by_the_admin() {
        StaffClient admin = admin();
        long unit = jdbc.sql("SELECT id FROM unit WHERE code = 'U-0001-02'").query(Long.class).single();
        String page = path(admin.postForm("/admin/staff", Map.of("username", "locktest1", "displayName", "锁定测试",
                "roles", "DISPATCHER", "unitId", String.valueOf(unit), "jurisdictionCode", "990101",
                "password", "Before2026")));
        for (int i = 0; i < 5; i++) {
            new StaffClient(port).login("locktest1", "wrong-" + i);
        }
        // failures slow the guessing address down (growing delays, no hard lock): it has to wait now
        assertThat(new StaffClient(port).login("locktest1", "Before2026").headers().firstValue("Location").orElseThrow())
                .contains("error=wait");

        path(admin.postForm(page + "/unlock", Map.of()));
        HttpResponse<String> weak = admin.postForm(page + "/password", Map.of("password", "short"));
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(weak.body()).contains("密码长度应为8到100位");
        path(admin.postForm(page + "/password", Map.of("password", "After2026x")));

        assertThat(new StaffClient(port).login("locktest1", "Before2026").headers().firstValue("Location").orElseThrow())
                .contains("error=bad");
        assertThat(new StaffClient(port).login("locktest1", "After2026x").headers().firstValue("Location").orElseThrow())
                .doesNotContain("error");
        String id = page.substring(page.lastIndexOf('/') + 1);
        assertThat(auditActions("staff_account", id)).contains("org.staff_account.create", "org.staff_account.unlock",
                "org.staff_account.reset_password");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE after_state LIKE '%After2026x%'").query(Long.class)
                .single()).isZero();
    }

    @Test
    void the_jurisdiction_tree_is_browsed_level_by_level_with_breadcrumbs() {
        StaffClient admin = admin();
        String top = admin.get("/admin/jurisdictions").body();
        assertThat(top).contains("示范市");
        long county = jdbc.sql("SELECT id FROM jurisdiction WHERE name = '东川县'").query(Long.class).single();
        String children = admin.get("/admin/jurisdictions?parent=" + county).body();
        assertThat(children).contains("crumbs").contains("示范市").contains("乡镇（街道）");
        assertThat(admin.get("/admin/jurisdictions?parent=" + county + "&level=VILLAGE").body()).contains("村（社区）");
    }

    @Test
    void a_grid_gets_and_loses_a_grid_worker() {
        StaffClient admin = admin();
        long grid = jdbc.sql("SELECT id FROM grid WHERE code = 'G-00100'").query(Long.class).single();
        HttpResponse<String> notAWorker = admin.postForm("/admin/grids/" + grid + "/workers", Map.of("username", "leader"));
        assertThat(notAWorker.statusCode()).isEqualTo(400);
        assertThat(notAWorker.body()).contains("不是网格员");
        path(admin.postForm("/admin/grids/" + grid + "/workers", Map.of("username", "gridworker")));
        assertThat(admin.get("/admin/grids/" + grid).body()).contains("gridworker");
        long staff = jdbc.sql("SELECT id FROM staff_account WHERE username = 'gridworker'").query(Long.class).single();
        path(admin.postForm("/admin/grids/" + grid + "/workers/" + staff + "/remove", Map.of()));
        assertThat(auditActions("grid", String.valueOf(grid))).containsExactly("org.grid.add_worker", "org.grid.remove_worker");
    }

    @Test
    void the_audit_page_searches_events_and_verifies_the_chain() {
        StaffClient admin = admin();
        String found = admin.get("/admin/audit?actor=admin&action=STAFF_LOGIN").body();
        // searched by the name it had before decision 0025, shown under its current one
        assertThat(found).contains("org.staff_account.login").doesNotContain("暂无数据");
        assertThat(admin.get("/admin/audit?actor=nobody-at-all").body()).contains("暂无数据");
        assertThat(admin.get("/admin/audit?from=2000-01-01&to=2000-01-02").body()).contains("暂无数据");
        assertThat(admin.get("/admin/audit?from=not-a-date").statusCode()).isEqualTo(400);

        HttpResponse<String> verified = admin.postForm("/admin/audit/verify", Map.of());
        assertThat(verified.statusCode()).isEqualTo(200);
        assertThat(verified.body()).contains("id=\"chain-intact\"").contains("哈希链完整")
                .contains("id=\"chain-count\"").doesNotContain("chain-broken-city");
    }
}
