package io.minyi.integration;

import io.minyi.integration.internal.Open311Clients;
import io.minyi.integration.simulator.HotlineSimulator;
import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ADMIN's settings of the outside connections over HTTP (issue 11): the Open311 service catalogue and the 12345
 * endpoint are edited in forms, refused with Chinese messages when wrong, audited, and in force on the next call —
 * no restart. A rotated hotline secret keeps the previous one valid for its grace period only.
 */
@FullStackTest
class IntegrationSettingsFullStackTests {

    static final String CONFIGURED_SECRET = "demo-12345-secret-change-me";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Open311Clients clients;
    @Autowired
    TransactionTemplate tx;

    HotlineSimulator hotline;

    @AfterEach
    void restore() {
        if (hotline != null) {
            hotline.close();
        }
        // the other 12345 tests sign with the configured secret
        jdbc.update("""
                UPDATE hotline_endpoint SET secret_enc = NULL, previous_secret_enc = NULL, previous_valid_until = NULL,
                       connect_timeout_ms = NULL, read_timeout_ms = NULL, breaker_failures = NULL,
                       breaker_open_seconds = NULL WHERE id = 1""");
    }

    @Test
    void admin_maps_a_service_code_to_a_kind_of_case_and_a_unit_and_clients_see_it_at_once() throws Exception {
        StaffClient admin = new StaffClient(port);
        admin.login("admin");
        HttpResponse<String> page = admin.get("/admin/open311/services");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("safety-hazard", "邻里纠纷");
        String marker = UUID.randomUUID().toString().substring(0, 6);
        String code = "noise-" + marker;
        String category = "噪声扰民" + marker;
        long unit = jdbc.queryForObject("SELECT unit_id FROM staff_account WHERE username = 'handler'", Long.class);
        String unitName = jdbc.queryForObject("SELECT name FROM unit WHERE id = ?", String.class, unit);

        HttpResponse<String> bad = admin.postForm("/admin/open311/services", Map.of("code", "噪声 扰民", "name", "",
                "caseType", "NOPE", "sortOrder", "-1"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("服务编码须为", "请填写服务名称", "请选择有效的事项类型", "排序须在");

        Map<String, String> form = new LinkedHashMap<>(Map.of("code", code, "name", "夜间噪声", "description",
                "施工、娱乐场所夜间噪声", "group", "网格事件", "caseType", "GRID_EVENT", "category", category,
                "unitId", String.valueOf(unit), "sortOrder", "9", "active", "true"));
        admin.get("/admin/open311/services");
        assertThat(admin.postForm("/admin/open311/services", form).statusCode()).isEqualTo(302);
        assertThat(admin.get("/admin/open311/services").body()).contains(code, category, unitName);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE action = 'integration.open311_service.create' "
                + "AND record_id = ?", Long.class, code)).isEqualTo(1L);

        Open311Http api = new Open311Http(port);
        assertThat(api.get("services.json").body()).contains(code);
        Map<String, String> twin = new LinkedHashMap<>(form);
        twin.put("code", code + "-2");
        assertThat(admin.postForm("/admin/open311/services", twin).body())
                .as("two active services for one kind of case").contains("已有启用的服务对应同一事项类型和类别");

        // a request posted to it becomes that kind of case; the service's unit answers for it until one is dispatched
        String key = Open311TestClients.newKey(jdbc, tx, clients, "settings-" + marker);
        HttpResponse<String> posted = api.post("requests.json", Map.of("api_key", key, "service_code", code,
                "address_string", "示范路9号", "description", "工地夜间施工噪声"));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        String id = JsonMapper.builder().build().readTree(posted.body()).get(0).get("service_request_id").asString();
        assertThat(jdbc.queryForObject("SELECT category FROM cases WHERE id = ?", String.class, Long.parseLong(id)))
                .isEqualTo(category);
        JsonNode read = JsonMapper.builder().build().readTree(api.get("requests/" + id + ".json").body()).get(0);
        assertThat(read.get("agency_responsible").asString()).isEqualTo(unitName);

        // switched off: no longer offered or accepted, and what was posted stays readable
        form.put("active", "false");
        form.remove("code");
        admin.get("/admin/open311/services/" + code);
        assertThat(admin.postForm("/admin/open311/services/" + code, form).statusCode()).isEqualTo(302);
        assertThat(api.get("services.json").body()).doesNotContain(code);
        assertThat(api.post("requests.json", Map.of("api_key", key, "service_code", code, "address_string", "x"))
                .statusCode()).isEqualTo(400);
        assertThat(api.get("requests/" + id + ".json").statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT after_state FROM audit_event WHERE action = 'integration.open311_service.update' "
                + "AND record_id = ? ORDER BY id DESC LIMIT 1", String.class, code)).contains("停用");
        assertThat(admin.get("/admin/open311/services/no-such-code").statusCode()).isEqualTo(404);

        StaffClient dispatcher = new StaffClient(port);
        dispatcher.login("dispatcher");
        assertThat(dispatcher.get("/admin/open311/services").statusCode()).isEqualTo(403);
    }

    @Test
    void the_hotline_endpoint_is_edited_checked_and_audited_and_a_rotated_secret_keeps_the_old_one_for_its_grace()
            throws Exception {
        StaffClient admin = new StaffClient(port);
        admin.login("admin");
        HttpResponse<String> page = admin.get("/admin/hotline");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("12345", "熔断");
        String url = jdbc.queryForObject("SELECT base_url FROM hotline_endpoint WHERE id = 1", String.class);

        HttpResponse<String> bad = admin.postForm("/admin/hotline", Map.of("baseUrl", "ftp://hotline", "enabled", "true",
                "connectTimeoutMs", "5", "readTimeoutMs", "5000", "breakerFailures", "0", "breakerOpenSeconds", "30"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("接口地址须为", "连接超时须在", "熔断前连续失败次数须在");
        admin.get("/admin/hotline");
        assertThat(admin.postForm("/admin/hotline", Map.of("baseUrl", url, "enabled", "true", "connectTimeoutMs", "1500",
                "readTimeoutMs", "4000", "breakerFailures", "4", "breakerOpenSeconds", "20")).statusCode()).isEqualTo(302);
        Map<String, Object> row = jdbc.queryForMap("SELECT connect_timeout_ms, breaker_failures FROM hotline_endpoint");
        assertThat(row).containsEntry("connect_timeout_ms", 1500).containsEntry("breaker_failures", 4);
        assertThat(jdbc.queryForObject("SELECT after_state FROM audit_event WHERE action = 'integration.hotline_settings.update' "
                + "ORDER BY id DESC LIMIT 1", String.class)).contains("connect=1500ms", "breaker=4/20s");

        admin.get("/admin/hotline");
        assertThat(admin.postForm("/admin/hotline/secret", Map.of("secret", "short", "graceHours", "24")).body())
                .contains("密钥须为16到200个可见字符");
        admin.get("/admin/hotline");
        HttpResponse<String> rotated = admin.postForm("/admin/hotline/secret", Map.of("secret", "", "graceHours", "1"));
        assertThat(rotated.statusCode()).isEqualTo(302);
        String shown = admin.get("/admin/hotline").body();
        String secret = shown.replaceAll("(?s).*<code>([A-Za-z0-9_-]{40,})</code>.*", "$1");
        assertThat(secret).hasSizeGreaterThanOrEqualTo(40);
        assertThat(admin.get("/admin/hotline").body()).as("shown once").doesNotContain(secret);
        assertThat(jdbc.queryForList("SELECT coalesce(before_state, '') || coalesce(after_state, '') FROM audit_event "
                + "WHERE action = 'integration.hotline_secret.rotate'", String.class)).isNotEmpty().noneMatch(s -> s.contains(secret));
        assertThat(jdbc.queryForObject("SELECT secret_enc FROM hotline_endpoint", String.class))
                .as("stored encrypted").doesNotContain(secret);

        // the hotline still signing with the old secret is let in during the grace period, and with the new one too
        hotline = new HotlineSimulator(0, "http://localhost:" + port, CONFIGURED_SECRET);
        assertThat(hotline.pushOrder(order()).statusCode()).isEqualTo(201);
        HotlineSimulator rotatedHotline = new HotlineSimulator(0, "http://localhost:" + port, secret);
        try {
            assertThat(rotatedHotline.pushOrder(order()).statusCode()).isEqualTo(201);
            // the grace period is over: only the new secret opens the gate
            jdbc.update("UPDATE hotline_endpoint SET previous_valid_until = now() - interval '1 second'");
            assertThat(hotline.pushOrder(order()).statusCode()).isEqualTo(401);
            assertThat(rotatedHotline.pushOrder(order()).statusCode()).isEqualTo(201);
        } finally {
            rotatedHotline.close();
        }
    }

    private static String order() {
        String no = "GD" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return "{\"order_no\":\"" + no + "\",\"title\":\"楼道灯不亮\",\"content\":\"示范路5号楼道灯不亮\","
                + "\"category\":\"民生诉求\",\"caller_name\":\"赵七\",\"caller_phone\":\"13700137001\"}";
    }
}
