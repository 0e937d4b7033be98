package io.minyi.integration;

import io.minyi.casework.CaseIntake;
import io.minyi.casework.CaseType;
import io.minyi.casework.NewCase;
import io.minyi.casework.SourceChannel;
import io.minyi.integration.internal.Open311Clients;
import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@FullStackTest
class Open311FullStackTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Open311Clients clients;
    @Autowired
    CaseIntake intake;
    @Autowired
    TransactionTemplate tx;

    Open311Http api;
    String key;
    String clientName;

    @BeforeEach
    void client() {
        api = new Open311Http(port);
        clientName = "test-" + UUID.randomUUID();
        key = Open311TestClients.newKey(jdbc, tx, clients, clientName);
    }

    @Test
    void services_and_their_definitions_match_the_official_schemas_in_json_and_xml() throws Exception {
        HttpResponse<String> res = api.get("services.json");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode services = GeoReportSchemas.assertValid("services.json", res.body());
        assertThat(services.size()).isGreaterThanOrEqualTo(4);
        for (JsonNode s : services) {
            GeoReportSchemas.assertValid("service.json", s.toString());
            if (s.get("metadata").asBoolean()) {
                HttpResponse<String> def = api.get("services/" + s.get("service_code").asString() + ".json");
                assertThat(def.statusCode()).isEqualTo(200);
                GeoReportSchemas.assertValid("service-definition.json", def.body());
            }
        }
        HttpResponse<String> xml = api.get("services.xml");
        assertThat(xml.headers().firstValue("Content-Type").orElse("")).startsWith("application/xml");
        var doc = parse(xml.body());
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("services");
        assertThat(doc.getElementsByTagName("service").getLength()).isEqualTo(services.size());
        var def = parse(api.get("services/safety-hazard.xml").body());
        assertThat(def.getDocumentElement().getTagName()).isEqualTo("service_definition");
        assertThat(def.getElementsByTagName("attribute").getLength()).isEqualTo(2);
        assertThat(def.getElementsByTagName("value").getLength()).isEqualTo(4);

        HttpResponse<String> discovery = api.get("discovery.json");
        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(discovery.body()).contains("\"endpoints\"", "/open311/v2/")
                // the city's own centre, as registered (the demo city's), and the key service in the reader's words
                .contains("\"contact\":\"示范市社会治安综合治理中心\"", "向系统管理员申请 API key");
        assertThat(api.get("discovery.json?lang=en").body()).contains("Ask the system administrator for an API key");
    }

    /**
     * Issue 11, decision 0041: a posted request leaves one event publication per listener that acts on it — the
     * supervision and reporting projections, and the dispute follower only for a dispute — and no second event for
     * what it resembles (supervision asks for that after the commit).
     */
    @Test
    void a_posted_request_is_published_only_to_the_listeners_that_act_on_it() throws Exception {
        String[][] posts = {{"environment", "路口垃圾堆放多日无人清理 " + UUID.randomUUID()},
                {"neighbour-dispute", "邻居深夜装修噪音扰民 " + UUID.randomUUID()}};
        for (String[] p : posts) {
            HttpResponse<String> res = api.post("requests.json", form("api_key", key, "service_code", p[0],
                    "address_string", "示范路9号", "description", p[1]));
            assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
            String id = tools.jackson.databind.json.JsonMapper.builder().build().readTree(res.body()).get(0)
                    .get("service_request_id").asString();
            Map<String, Object> c = jdbc.queryForMap("SELECT id, type FROM cases WHERE id = ?", Long.parseLong(id));
            var listeners = jdbc.queryForList("""
                            SELECT listener_id FROM event_publication
                            WHERE serialized_event LIKE ? AND publication_date > now() - interval '10 minutes'""",
                    String.class, "%\"caseId\":" + c.get("id") + ",%");
            assertThat(listeners).as(p[0]).noneMatch(l -> l.contains("Resembles"))
                    .anyMatch(l -> l.startsWith("io.minyi.supervision."))
                    .anyMatch(l -> l.startsWith("io.minyi.reporting."));
            if ("DISPUTE".equals(c.get("type"))) {
                assertThat(listeners).as(p[0]).anyMatch(l -> l.startsWith("io.minyi.dispute."));
            } else {
                assertThat(listeners).as(p[0]).noneMatch(l -> l.startsWith("io.minyi.dispute."));
            }
        }
    }

    /**
     * Decision 0041: a POST goes the lean way (Open311PostMapping) unless it carries {@code lang}, which the
     * controllers' mapping handles; both ways give the same answers — a receipt, and the same errors in both formats.
     */
    @Test
    void the_lean_post_path_answers_as_the_controller_does() throws Exception {
        for (String lang : new String[]{null, "zh-CN"}) {
            String[] extra = lang == null ? new String[0] : new String[]{"lang", lang};
            HttpResponse<String> ok = api.post("requests.json", form(concat(new String[]{"api_key", key,
                    "service_code", "environment", "address_string", "示范路10号", "description",
                    "垃圾桶满溢 " + UUID.randomUUID()}, extra)));
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
            assertThat(ok.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            JsonNode receipt = tools.jackson.databind.json.JsonMapper.builder().build().readTree(ok.body()).get(0);
            assertThat(receipt.get("service_request_id").asString()).isNotBlank();
            assertThat(receipt.get("token").asString()).isNotBlank();
            HttpResponse<String> badKey = api.post("requests.xml", form(concat(new String[]{"api_key", "wrong",
                    "service_code", "environment", "address_string", "x"}, extra)));
            assertThat(badKey.statusCode()).isEqualTo(403);
            assertThat(badKey.headers().firstValue("Content-Type").orElse("")).startsWith("application/xml");
            assertThat(parse(badKey.body()).getDocumentElement().getTagName()).isEqualTo("errors");
            HttpResponse<String> unknown = api.post("requests.json", form(concat(new String[]{"api_key", key,
                    "service_code", "no-such-service", "address_string", "x"}, extra)));
            assertError(unknown, 400);
            assertThat(unknown.body()).contains("no-such-service");
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void a_posted_request_becomes_a_case_in_the_pool_and_reads_back_as_the_schema_says() throws Exception {
        HttpResponse<String> res = api.post("requests.json", form("api_key", key, "service_code", "safety-hazard",
                "lat", "30.5928", "long", "114.3055", "address_string", "示范路1号", "description", "楼道堆放杂物堵塞消防通道",
                "attribute[hazard_kind]", "fire", "attribute[fixmystreet_id]", "4711", "first_name", "三",
                "last_name", "张", "phone", "13800138000", "email", "z@example.org",
                "media_url", "https://fms.example.org/photo/1.jpeg", "device_id", "dev-1"));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
        JsonNode receipt = tools.jackson.databind.json.JsonMapper.builder().build().readTree(res.body());
        String id = receipt.get(0).get("service_request_id").asString();
        String token = receipt.get(0).get("token").asString();

        Map<String, Object> row = jdbc.queryForMap("SELECT type, channel, category, state, content, raiser_phone_masked "
                + "FROM cases WHERE id = ?", Long.parseLong(id));
        assertThat(row.get("type")).isEqualTo("GRID_EVENT");
        assertThat(row.get("channel")).isEqualTo("OPEN311");
        assertThat(row.get("category")).isEqualTo("安全隐患");
        assertThat(row.get("state")).isEqualTo("RECEIVED");
        assertThat((String) row.get("content")).contains("楼道堆放杂物", "示范路1号", "隐患类型：消防");

        HttpResponse<String> one = api.get("requests/" + id + ".json");
        assertThat(one.statusCode()).isEqualTo(200);
        JsonNode list = GeoReportSchemas.assertValid("requests.json", one.body());
        JsonNode r = list.get(0);
        GeoReportSchemas.assertValid("request.json", r.toString());
        assertThat(r.get("status").asString()).isEqualTo("open");
        assertThat(r.get("service_code").asString()).isEqualTo("safety-hazard");
        assertThat(r.get("lat").asDouble()).isEqualTo(30.5928);
        assertThat(r.get("requested_datetime").asString()).endsWith("+08:00");
        // the raiser never leaves: no name, phone or e-mail anywhere in the answer
        assertThat(one.body()).doesNotContain("13800138000", "138****8000", "张三", "z@example.org");

        HttpResponse<String> byToken = api.get("tokens/" + token + ".json");
        assertThat(byToken.statusCode()).isEqualTo(200);
        assertThat(byToken.body()).contains(id);

        HttpResponse<String> listed = api.get("requests.json?service_code=safety-hazard&status=open");
        GeoReportSchemas.assertValid("requests.json", listed.body());
        assertThat(listed.body()).contains(id);
        assertThat(api.get("requests.json?service_code=safety-hazard&status=closed").body()).doesNotContain(id);
        assertThat(api.get("requests.json?service_request_id=" + id).body()).contains(id);
        var xml = parse(api.get("requests/" + id + ".xml").body());
        assertThat(xml.getDocumentElement().getTagName()).isEqualTo("service_requests");
        assertThat(xml.getElementsByTagName("service_request_id").item(0).getTextContent()).isEqualTo(id);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE actor = ? AND action = ?",
                Long.class, "open311:" + clientName, "integration.open311_request.post")).isEqualTo(1L);
    }

    @Test
    void errors_are_the_specifications_array_with_the_right_status() {
        assertError(api.post("requests.json", form("service_code", "safety-hazard", "lat", "1", "long", "1")), 403);
        assertError(api.post("requests.json", form("api_key", "wrong", "service_code", "safety-hazard",
                "address_string", "x")), 403);
        assertError(api.post("requests.json", form("api_key", key, "address_string", "x")), 400);
        assertError(api.post("requests.json", form("api_key", key, "service_code", "environment")), 400);
        assertError(api.post("requests.json", form("api_key", key, "service_code", "no-such", "address_string", "x")),
                400);
        assertError(api.post("requests.json", form("api_key", key, "service_code", "safety-hazard",
                "address_string", "x")), 400); // required attribute hazard_kind missing
        assertError(api.post("requests.json", form("api_key", key, "service_code", "safety-hazard",
                "address_string", "x", "attribute[hazard_kind]", "volcano")), 400);
        assertError(api.post("requests.json", form("api_key", key, "service_code", "environment", "lat", "91",
                "long", "1")), 400);
        assertError(api.post("requests.json", form("api_key", key, "service_code", "environment",
                "address_string", "x", "phone", "12")), 400);
        assertError(api.get("requests/NOSUCHCODE.json"), 404);
        assertError(api.get("services/no-such.json"), 404);
        assertError(api.get("tokens/no-such-token.json"), 404);
        assertError(api.get("requests.json?start_date=2026-01-01T00:00:00%2B08:00&end_date=2026-06-01T00:00:00%2B08:00"),
                400);
        assertError(api.get("requests.json?start_date=yesterday"), 400);
        assertError(api.get("requests.json?status=pending"), 400);
        HttpResponse<String> xml = api.get("requests/NOSUCHCODE.xml");
        assertThat(xml.statusCode()).isEqualTo(404);
        assertThat(xml.body()).contains("<errors><error><code>404</code><description>");
    }

    @Test
    void a_case_about_an_officer_never_leaves_and_other_channels_keep_their_words() {
        long village = jdbc.queryForObject("SELECT id FROM jurisdiction WHERE level = 'VILLAGE' ORDER BY id LIMIT 1",
                Long.class);
        long officer = jdbc.queryForObject("SELECT id FROM officer ORDER BY id LIMIT 1", Long.class);
        String secret = "涉及民警的隐患线索" + UUID.randomUUID();
        String walkIn = "来访群众反映的隐患" + UUID.randomUUID();
        CaseIntake.Receipt about = tx.execute(s -> intake.receive(new NewCase(CaseType.GRID_EVENT,
                SourceChannel.WALK_IN, village, null, officer, null, null, secret, "安全隐患", null, null)));
        CaseIntake.Receipt plain = tx.execute(s -> intake.receive(new NewCase(CaseType.GRID_EVENT,
                SourceChannel.WALK_IN, village, null, null, "李四", "13900139000", walkIn, "安全隐患", null, null)));

        String list = api.get("requests.json?service_code=safety-hazard").body();
        assertThat(list).doesNotContain(about.trackingCode(), secret, "\"" + about.caseId() + "\"")
                .contains("\"service_request_id\":\"" + plain.caseId() + "\"");
        assertThat(list).doesNotContain(walkIn, "13900139000", "李四");
        assertError(api.get("requests/" + about.caseId() + ".json"), 404);
        GeoReportSchemas.assertValid("requests.json", api.get("requests/" + plain.caseId() + ".json").body());
    }

    /**
     * Decision 0073: the tracking code opens the tracking page and lets its holder rate the handling, so the open GET
     * requests never show one — not even of the client's own posts; the posting client alone reads it, in the notice it
     * shows its user. A tracking code is not a request id.
     */
    @Test
    void no_public_answer_carries_a_tracking_code_and_the_poster_reads_it_in_the_notice() throws Exception {
        var json = tools.jackson.databind.json.JsonMapper.builder().build();
        long village = jdbc.queryForObject("SELECT id FROM jurisdiction WHERE level = 'VILLAGE' ORDER BY id LIMIT 1",
                Long.class);
        CaseIntake.Receipt walkIn = tx.execute(s -> intake.receive(new NewCase(CaseType.GRID_EVENT,
                SourceChannel.WALK_IN, village, null, null, "王五", "13700137000", "来访反映楼道隐患 " + UUID.randomUUID(),
                "安全隐患", null, null)));
        HttpResponse<String> posted = api.post("requests.json", form("api_key", key, "service_code", "environment",
                "address_string", "示范路3号", "description", "垃圾清运不及时 " + UUID.randomUUID()));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        JsonNode receipt = json.readTree(posted.body()).get(0);
        String id = receipt.get("service_request_id").asString();
        String code = jdbc.queryForObject("SELECT tracking_code FROM cases WHERE id = ?", String.class,
                Long.parseLong(id));
        assertThat(receipt.get("service_notice").asString()).contains(code, "已受理");
        assertThat(id).isNotEqualTo(code).doesNotContain(code);

        String start = Open311Http.enc(java.time.OffsetDateTime.now().minusHours(1).toString());
        String end = Open311Http.enc(java.time.OffsetDateTime.now().plusMinutes(5).toString());
        for (String path : new String[]{"requests.json?service_code=safety-hazard", "requests.xml",
                "requests.json?service_code=environment",
                "requests.json?service_request_id=" + id + "," + walkIn.caseId(), "requests/" + id + ".json",
                "requests/" + walkIn.caseId() + ".xml", "tokens/" + receipt.get("token").asString() + ".json",
                "servicerequestupdates.json?start_date=" + start + "&end_date=" + end}) {
            HttpResponse<String> res = api.get(path);
            assertThat(res.statusCode()).as(path).isEqualTo(200);
            assertThat(res.body()).as(path).doesNotContain(code, walkIn.trackingCode());
        }
        assertThat(api.get("requests.json?service_request_id=" + id + "," + walkIn.caseId()).body())
                .contains("\"" + id + "\"", "\"" + walkIn.caseId() + "\"");
        assertError(api.get("requests/" + code + ".json"), 404);
        assertError(api.get("requests/" + walkIn.trackingCode() + ".xml"), 404);
        assertError(api.get("requests.json?service_request_id=" + code), 400);
    }

    /** Decision 0075: GeoReport v2 has no idempotency key; the same request sent again the same day is one request. */
    @Test
    void a_request_sent_again_after_a_lost_answer_is_one_request() throws Exception {
        var json = tools.jackson.databind.json.JsonMapper.builder().build();
        Map<String, String> request = form("api_key", key, "service_code", "environment", "address_string", "示范路5号",
                "description", "路灯不亮 " + UUID.randomUUID(), "device_id", "phone-1");
        JsonNode first = json.readTree(api.post("requests.json", request).body()).get(0);
        JsonNode again = json.readTree(api.post("requests.json", request).body()).get(0);
        assertThat(again.get("service_request_id").asString()).isEqualTo(first.get("service_request_id").asString());
        assertThat(again.get("token").asString()).isEqualTo(first.get("token").asString());
        Map<String, String> other = new java.util.LinkedHashMap<>(request);
        other.put("description", request.get("description") + "，已三天");
        JsonNode another = json.readTree(api.post("requests.json", other).body()).get(0);
        assertThat(another.get("service_request_id").asString()).isNotEqualTo(first.get("service_request_id").asString());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM open311_request WHERE case_id IN (?, ?)", Long.class,
                Long.parseLong(first.get("service_request_id").asString()),
                Long.parseLong(another.get("service_request_id").asString()))).isEqualTo(2L);
    }

    @Test
    void keys_are_rate_limited_and_revocable() {
        long city = jdbc.queryForObject("SELECT id FROM jurisdiction WHERE parent_id IS NULL ORDER BY id LIMIT 1",
                Long.class);
        var slow = tx.execute(s -> clients.create("slow-" + UUID.randomUUID(), city, 2, "test"));
        assertThat(api.get("services.json?api_key=" + slow.apiKey()).statusCode()).isEqualTo(200);
        assertThat(api.get("services.json?api_key=" + slow.apiKey()).statusCode()).isEqualTo(200);
        assertError(api.get("services.json?api_key=" + slow.apiKey()), 429);

        assertThat(jdbc.queryForObject("SELECT key_hash FROM open311_client WHERE id = ?", String.class,
                slow.clientId())).doesNotContain(slow.apiKey()).hasSize(64);
        tx.executeWithoutResult(s -> clients.revoke(slow.clientId()));
        assertError(api.get("services.json?api_key=" + slow.apiKey()), 403);
        assertThat(api.get("services.json").statusCode()).isEqualTo(200);
    }

    @Test
    void fixmystreet_reads_the_progress_as_updates_and_its_comment_reaches_the_case() throws Exception {
        var json = tools.jackson.databind.json.JsonMapper.builder().build();
        String id = json.readTree(api.post("requests.json", form("api_key", key, "service_code", "environment",
                "address_string", "示范路9号", "description", "垃圾清运不及时 " + UUID.randomUUID())).body()).get(0)
                .get("service_request_id").asString();
        long caseId = Long.parseLong(id);
        String county = jdbc.queryForObject("SELECT jurisdiction_path FROM cases WHERE id = ?", String.class, caseId);
        assertThat(county).isNotBlank();
        StaffClient dispatcher = new StaffClient(port);
        dispatcher.login("dispatcher");
        dispatcher.get("/cases/" + caseId);
        assertThat(dispatcher.postForm("/cases/" + caseId + "/accept", Map.of()).statusCode()).isEqualTo(302);

        String start = Open311Http.enc(java.time.OffsetDateTime.now().minusHours(1).toString());
        String end = Open311Http.enc(java.time.OffsetDateTime.now().plusMinutes(5).toString());
        HttpResponse<String> updates = api.get("servicerequestupdates.json?api_key=" + key + "&start_date=" + start
                + "&end_date=" + end);
        assertThat(updates.statusCode()).as(updates.body()).isEqualTo(200);
        JsonNode mine = null;
        for (JsonNode u : json.readTree(updates.body())) {
            if (u.get("service_request_id").asString().equals(id) && u.get("status").asString().equals("INVESTIGATING")) {
                mine = u;
            }
        }
        assertThat(mine).as(updates.body()).isNotNull();
        assertThat(mine.get("update_id").asString()).isNotBlank();
        assertThat(mine.get("external_status_code").asString()).isEqualTo("ACCEPTED");
        assertThat(mine.get("updated_datetime").asString()).endsWith("+08:00");
        var xml = parse(api.get("servicerequestupdates.xml?start_date=" + start + "&end_date=" + end).body());
        assertThat(xml.getDocumentElement().getTagName()).isEqualTo("service_requests_updates");
        assertThat(xml.getElementsByTagName("request_update").getLength()).isPositive();
        assertError(api.get("servicerequestupdates.json?start_date=" + start), 400);

        Map<String, String> comment = form("api_key", key, "service_request_id", id, "update_id", "fms-77",
                "status", "OPEN", "description", "垃圾又堆起来了", "first_name", "三", "last_name", "张",
                "updated_datetime", java.time.OffsetDateTime.now().toString());
        HttpResponse<String> posted = api.post("servicerequestupdates.json", comment);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
        String updateId = json.readTree(posted.body()).get(0).get("update_id").asString();
        assertThat(json.readTree(api.post("servicerequestupdates.json", comment).body()).get(0).get("update_id")
                .asString()).isEqualTo(updateId);
        assertThat(jdbc.queryForList("SELECT comment FROM case_step WHERE case_id = ? AND action = 'COMMENT'",
                String.class, caseId)).singleElement().asString().contains("垃圾又堆起来了");
        assertThat(jdbc.queryForObject("SELECT state FROM cases WHERE id = ?", String.class, caseId))
                .isEqualTo("ACCEPTED");

        long city = jdbc.queryForObject("SELECT id FROM jurisdiction WHERE parent_id IS NULL ORDER BY id LIMIT 1",
                Long.class);
        String other = tx.execute(s -> clients.create("other-" + UUID.randomUUID(), city, 100, "test")).apiKey();
        comment.put("api_key", other);
        assertError(api.post("servicerequestupdates.json", comment), 404);
        comment.put("api_key", "nonsense");
        assertError(api.post("servicerequestupdates.json", comment), 403);
    }

    @Test
    void admin_issues_a_key_once_on_its_page_and_revokes_it() {
        StaffClient admin = new StaffClient(port);
        admin.login("admin");
        HttpResponse<String> page = admin.get("/admin/open311");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/admin/notifications?channel=HOTLINE", "示范市 FixMyStreet");
        String name = "页面签发-" + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> created = admin.postForm("/admin/open311", Map.of("name", name, "perMinute", "60"));
        assertThat(created.statusCode()).isEqualTo(302);
        String shown = admin.get("/admin/open311").body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<code>([A-Za-z0-9_-]{43})</code>").matcher(shown);
        assertThat(m.find()).as(shown).isTrue();
        String issued = m.group(1);
        assertThat(api.get("services.json?api_key=" + issued).statusCode()).isEqualTo(200);
        assertThat(admin.get("/admin/open311").body()).doesNotContain(issued);
        long id = jdbc.queryForObject("SELECT id FROM open311_client WHERE name = ?", Long.class, name);
        admin.get("/admin/open311");
        assertThat(admin.postForm("/admin/open311/" + id + "/revoke", Map.of()).statusCode()).isEqualTo(302);
        assertError(api.get("services.json?api_key=" + issued), 403);
        assertThat(admin.get("/admin/notifications?channel=HOTLINE").statusCode()).isEqualTo(200);
        StaffClient dispatcher = new StaffClient(port);
        dispatcher.login("dispatcher");
        assertThat(dispatcher.get("/admin/open311").statusCode()).isEqualTo(403);
    }

    @Test
    void the_schemas_do_reject_a_wrong_document() {
        assertThat(GeoReportSchemas.errors("request.json",
                "{\"service_request_id\": 5, \"status\": \"pending\", \"service_code\": \"x\"}")).hasSizeGreaterThanOrEqualTo(3);
    }

    private static void assertError(HttpResponse<String> res, int status) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(status);
        if (res.uri().getPath().endsWith(".json")) {
            JsonNode errors = tools.jackson.databind.json.JsonMapper.builder().build().readTree(res.body());
            assertThat(errors.isArray()).isTrue();
            assertThat(errors.get(0).get("code").asInt()).isEqualTo(status);
            assertThat(errors.get(0).get("description").asString()).isNotBlank();
        }
    }

    private static Map<String, String> form(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static org.w3c.dom.Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
