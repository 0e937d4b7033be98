package io.minyi.integration;

import io.minyi.casework.internal.DuplicateIndex;
import io.minyi.casework.internal.DuplicateSuggestions;
import io.minyi.integration.internal.Open311Clients;
import io.micrometer.core.instrument.MeterRegistry;
import io.minyi.support.FullStackTest;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an Open311 call's own request path keeps after decision 0052: the security headers, no session ever, every
 * call audited with the case's receipt in the same commit, and the case found by the duplicate search right after
 * its POST.
 */
@FullStackTest
class Open311RequestPathFullStackTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Open311Clients clients;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    DuplicateSuggestions duplicates;
    @Autowired
    MeterRegistry meters;
    @Autowired
    @Qualifier("springSecurityFilterChain")
    Filter security;

    Open311Http api;
    String key;
    String clientName;

    @BeforeEach
    void client() {
        api = new Open311Http(port);
        clientName = "path-" + UUID.randomUUID();
        key = Open311TestClients.newKey(jdbc, tx, clients, clientName);
    }

    @Test
    void no_call_sets_a_cookie_and_every_answer_carries_the_security_headers() throws Exception {
        List<HttpResponse<String>> answers = List.of(
                api.post("requests.json", Map.of("api_key", key, "service_code", "environment",
                        "address_string", "示范路3号", "description", "路边垃圾桶满了没人清 " + UUID.randomUUID())),
                api.post("requests.xml", Map.of("api_key", key, "service_code", "environment",
                        "address_string", "示范路3号", "description", "路边垃圾桶满了没人清 " + UUID.randomUUID())),
                api.post("requests.json", Map.of("api_key", "wrong-key", "service_code", "environment")),
                api.post("requests.json", Map.of("api_key", key, "service_code", "no-such", "address_string", "x")),
                api.get("services.json"),
                api.get("requests/NOSUCHCODE.json"),
                HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create("http://localhost:" + port + "/integration/12345/v1/orders"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"orderNo\":\"x\"}")).build(),
                        HttpResponse.BodyHandlers.ofString()));
        assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(201, 201, 403, 400, 200, 404, 401);
        for (HttpResponse<String> a : answers) {
            String what = a.request().method() + " " + a.uri() + " " + a.statusCode();
            assertThat(a.headers().allValues("Set-Cookie")).as(what).isEmpty();
            assertThat(a.headers().firstValue("Content-Security-Policy")).as(what).hasValue("default-src 'none'");
            assertThat(a.headers().firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
            assertThat(a.headers().firstValue("X-Frame-Options")).as(what).hasValue("DENY");
            assertThat(a.headers().firstValue("Cache-Control").orElse("")).as(what).contains("no-store");
        }
    }

    /** The machine chain writes the headers and nothing else: no context, session, principal, rule or translation. */
    @Test
    void the_machine_chain_runs_no_session_or_principal_machinery() {
        for (String path : new String[]{"/open311/v2/requests.json", "/integration/12345/v1/orders"}) {
            List<String> filters = ((FilterChainProxy) security).getFilters(path).stream()
                    .map(f -> f.getClass().getSimpleName()).toList();
            assertThat(filters).as(path).contains(HeaderWriterFilter.class.getSimpleName())
                    .doesNotContain("SecurityContextHolderFilter", "SessionManagementFilter",
                            "AnonymousAuthenticationFilter", "ExceptionTranslationFilter", "AuthorizationFilter",
                            "RequestCacheAwareFilter", "SecurityContextHolderAwareRequestFilter", "CsrfFilter",
                            "LogoutFilter", "DisableEncodeUrlFilter", "CorsFilter");
        }
    }

    /** Both mappings' POSTs are timed in their own meter (by outcome), not in the generic request observation. */
    @Test
    void posts_are_timed_in_their_own_meter_by_outcome() {
        double created = posts("created");
        double refused = posts("refused");
        double generic = genericOpen311PostTimings();
        for (String path : new String[]{"requests.json", "requests.json?lang=en"}) {
            HttpResponse<String> res = api.post(path, Map.of("api_key", key, "service_code", "environment",
                    "address_string", "示范路7号", "description", "井盖松动 " + UUID.randomUUID()));
            assertThat(res.statusCode()).as(path + " " + res.body()).isEqualTo(201);
        }
        assertThat(api.post("requests.xml", Map.of("api_key", "wrong-key")).statusCode()).isEqualTo(403);

        assertThat(posts("created")).isEqualTo(created + 2);
        assertThat(posts("refused")).isEqualTo(refused + 1);
        assertThat(genericOpen311PostTimings()).isEqualTo(generic);
    }

    private double posts(String outcome) {
        return meters.get("minyi.open311.posts").tag("outcome", outcome).timer().count();
    }

    private double genericOpen311PostTimings() {
        return meters.find("http.server.requests").tag("method", "POST").timers().stream()
                .filter(t -> String.valueOf(t.getId().getTag("uri")).contains("requests")
                        || "UNKNOWN".equals(t.getId().getTag("uri")))
                .mapToDouble(t -> t.count()).sum();
    }

    @Test
    void a_post_is_audited_with_its_case_in_the_case_city_and_found_by_the_duplicate_search_at_once()
            throws Exception {
        String place = "玉兰巷" + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> res = api.post("requests.json", Map.of("api_key", key, "service_code", "environment",
                "address_string", "示范路5号", "description", place + "垃圾站的垃圾三天没有清运，臭气熏天，苍蝇很多"));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
        String code = JsonMapper.builder().build().readTree(res.body()).get(0).get("service_request_id").asString();
        Map<String, Object> c = jdbc.queryForMap(
                "SELECT id, city_id, jurisdiction_path AS path FROM cases WHERE id = ?", Long.parseLong(code));
        long caseId = ((Number) c.get("id")).longValue();

        // searched right after the acknowledgement, with nothing waited for
        assertThat(duplicates.similar(place + "垃圾站垃圾好几天没清运，很臭，苍蝇多", (String) c.get("path"), -1, 5))
                .extracting(DuplicateIndex.Hit::caseId).contains(caseId);

        List<Map<String, Object>> events = jdbc.queryForList("""
                SELECT actor, actor_roles, action, city_id, seal FROM audit_event
                WHERE record_type = 'case' AND record_id = ? ORDER BY id""", String.valueOf(caseId));
        assertThat(events).extracting(e -> e.get("action"))
                .containsExactly("casework.case.receive", "integration.open311_request.post");
        assertThat(events.get(1).get("actor")).isEqualTo("open311:" + clientName);
        assertThat(events.get(1).get("actor_roles")).isEqualTo("OPEN311_CLIENT");
        assertThat(events).allSatisfy(e -> {
            assertThat(((Number) e.get("city_id")).longValue()).isEqualTo(((Number) c.get("city_id")).longValue());
            assertThat(e.get("seal")).isNotNull();
        });
    }
}
