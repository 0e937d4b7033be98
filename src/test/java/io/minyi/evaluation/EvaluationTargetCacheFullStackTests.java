package io.minyi.evaluation;

import io.minyi.platform.ChangeHeardCache;
import io.minyi.support.FullStackTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static io.minyi.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each node keeps the evaluation targets it has read by code until it hears that a commit changed them (decision
 * 0064): no expiry, so no minute at which every code is read again at once. Here "another node" is plain SQL, which
 * no code of this node sees: a change made without a notification stays unseen (the page comes from memory), and a
 * revocation or a renamed officer is seen as soon as its notification arrives.
 */
@FullStackTest
class EvaluationTargetCacheFullStackTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    List<ChangeHeardCache> caches;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void listening() {
        eventually(() -> caches.stream().allMatch(ChangeHeardCache::trusted), "the caches are used");
    }

    @Test
    void an_officer_renamed_on_another_node_is_shown_from_memory_until_the_notification_of_a_change_arrives() {
        var row = jdbc.queryForMap("""
                SELECT t.code, o.id AS officer, o.name FROM evaluation_target t JOIN officer o ON o.id = t.officer_id
                WHERE t.active ORDER BY t.id DESC OFFSET 40 LIMIT 1""");
        String code = (String) row.get("code");
        long officer = (Long) row.get("officer");
        String name = (String) row.get("name");
        String renamed = "缓存" + UUID.randomUUID().toString().substring(0, 6);
        try {
            assertThat(page(code).body()).contains(name);
            // a write whose trigger does not fire: nothing tells this node, so the page it keeps is served
            tx.executeWithoutResult(s -> {
                jdbc.execute("SET LOCAL session_replication_role = replica");
                jdbc.update("UPDATE officer SET name = ? WHERE id = ?", renamed, officer);
            });
            assertThat(page(code).body()).as("served from memory").contains(name).doesNotContain(renamed);

            jdbc.update("UPDATE officer SET name = ? WHERE id = ?", renamed, officer);
            eventually(() -> page(code).body().contains(renamed), "the renamed officer is shown");
        } finally {
            jdbc.update("UPDATE officer SET name = ? WHERE id = ?", name, officer);
        }
    }

    @Test
    void a_code_revoked_on_another_node_takes_no_more_forms_as_soon_as_its_notification_arrives() {
        String code = jdbc.queryForObject("""
                SELECT code FROM evaluation_target WHERE active AND officer_id IS NOT NULL
                ORDER BY id DESC OFFSET 41 LIMIT 1""", String.class);
        try {
            assertThat(page(code).body()).doesNotContain("此二维码已停用");

            jdbc.update("UPDATE evaluation_target SET active = false, revoked_at = now() WHERE code = ?", code);

            eventually(() -> page(code).body().contains("此二维码已停用"), "the revoked code's page");
        } finally {
            jdbc.update("UPDATE evaluation_target SET active = true, revoked_at = NULL WHERE code = ?", code);
        }
    }

    private HttpResponse<String> page(String code) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/e/" + code))
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(r.statusCode()).isIn(200, 410);
            return r;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
