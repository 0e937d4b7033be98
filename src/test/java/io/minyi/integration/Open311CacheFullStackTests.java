package io.minyi.integration;

import io.minyi.integration.internal.Open311Clients;
import io.minyi.platform.ChangeHeardCache;
import io.minyi.support.FullStackTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.minyi.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each node keeps the Open311 clients and services it has read (decision 0048). A key revoked or a service switched
 * off by another node — here by plain SQL, which no code of this node sees — must be refused as soon as the change's
 * notification arrives; this node's own revocation is refused at once ({@link Open311FullStackTests}).
 */
@FullStackTest
class Open311CacheFullStackTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Open311Clients clients;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    List<ChangeHeardCache> caches;

    Open311Http api;
    long city;

    @BeforeEach
    void api() {
        api = new Open311Http(port);
        city = jdbc.queryForObject("SELECT id FROM jurisdiction WHERE parent_id IS NULL ORDER BY id LIMIT 1", Long.class);
        // the node serves from its caches (else these tests would pass without a single notification)
        eventually(() -> caches.size() >= 2 && caches.stream().allMatch(ChangeHeardCache::trusted), "the caches are used");
    }

    @Test
    void a_key_revoked_on_another_node_is_refused_as_soon_as_its_notification_arrives() {
        String key = tx.execute(s -> clients.create("cache-" + UUID.randomUUID(), city, 1000, "test")).apiKey();
        assertThat(api.get("services.json?api_key=" + key).statusCode()).isEqualTo(200);
        assertThat(api.get("services.json?api_key=" + key).statusCode()).isEqualTo(200);

        jdbc.update("UPDATE open311_client SET active = false, revoked_at = now() WHERE key_prefix = ? AND active",
                key.substring(0, 6));

        eventually(() -> api.get("services.json?api_key=" + key).statusCode() == 403, "the revoked key is refused");
    }

    @Test
    void a_service_switched_off_or_renamed_on_another_node_is_seen_as_soon_as_its_notification_arrives() {
        String key = tx.execute(s -> clients.create("cache-" + UUID.randomUUID(), city, 1000, "test")).apiKey();
        String code = "cache-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.update("""
                INSERT INTO open311_service (code, name, description, group_name, keywords, case_type, category,
                                             sort_order) VALUES (?, '缓存测试', '缓存测试', '测试', '测试', 'PETITION', '其他', 99)""",
                code);
        Map<String, String> post = Map.of("api_key", key, "service_code", code, "address_string", "示范路1号",
                "description", "缓存测试 " + UUID.randomUUID());
        assertThat(api.get("services/" + code + ".json?api_key=" + key).statusCode()).isIn(200, 404);
        HttpResponse<String> first = api.post("requests.json", post);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);

        jdbc.update("UPDATE open311_service SET active = false WHERE code = ?", code);

        eventually(() -> api.post("requests.json", post).statusCode() == 400, "the switched-off service is refused");
    }
}
