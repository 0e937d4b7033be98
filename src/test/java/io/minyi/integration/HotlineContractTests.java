package io.minyi.integration;

import io.minyi.integration.simulator.HotlineSimulator;
import io.minyi.integration.simulator.HotlineSimulator.Received;
import io.minyi.notification.internal.OutboxDelivery;
import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The 12345 protocol (docs/integration-12345.md) against the simulator that speaks it: Minyi on one side, the
 * simulated hotline on the other, over real HTTP with real signatures.
 */
@FullStackTest
class HotlineContractTests {

    static final String SECRET = "demo-12345-secret-change-me";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    OutboxDelivery outbox;
    @Autowired
    io.minyi.integration.internal.HotlineChannel channel;

    HotlineSimulator hotline;

    @BeforeEach
    void start() throws Exception {
        hotline = new HotlineSimulator(0, "http://localhost:" + port, SECRET);
        jdbc.update("UPDATE hotline_endpoint SET base_url = ?, enabled = true WHERE id = 1", hotline.baseUrl());
        // messages other test classes queued for a hotline that was never there (the shared context transfers cases to
        // 12345 too): this simulator knows none of their orders, and their failures would keep the breaker open
        jdbc.update("UPDATE notification SET status = 'DEAD' WHERE channel = 'HOTLINE' AND status IN ('PENDING', 'FAILED')");
        // and a breaker those failures opened lets a call through again once its (test) open time of 1 s has passed
        if (channel.breakerState() == io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN) {
            Thread.sleep(1200);
        }
    }

    @AfterEach
    void stop() {
        hotline.close();
    }

    @Test
    void an_order_becomes_one_case_and_acceptance_progress_and_result_go_back_to_the_hotline() {
        String no = orderNo();
        String county1 = jdbc.queryForObject("SELECT j.code FROM staff_account s JOIN jurisdiction j "
                + "ON j.id = s.jurisdiction_id WHERE s.username = 'dispatcher1'", String.class);
        HttpResponse<String> res = hotline.pushOrder(order(no, county1));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
        String code = HotlineSimulator.field(res.body(), "minyi_id");
        Map<String, Object> c = jdbc.queryForMap("SELECT id, type, channel, state FROM cases WHERE tracking_code = ?",
                code);
        assertThat(c.get("type")).isEqualTo("HOTLINE_ORDER");
        assertThat(c.get("channel")).isEqualTo("HOTLINE");
        long id = ((Number) c.get("id")).longValue();

        deliverUntil(r -> r.path().equals("/orders/" + no + "/events") && r.body().contains("\"ACCEPTED\""));

        long station = jdbc.queryForObject("SELECT unit_id FROM staff_account WHERE username = 'handler'", Long.class);
        StaffClient dispatcher = new StaffClient(port);
        dispatcher.login("dispatcher1");
        dispatcher.get("/cases/" + id);
        ok(dispatcher.postForm("/cases/" + id + "/accept", Map.of()));
        ok(dispatcher.postForm("/cases/" + id + "/triage", Map.of("category", "民生诉求", "risk", "LOW",
                "unitId", String.valueOf(station))));
        ok(dispatcher.postForm("/cases/" + id + "/dispatch", Map.of("unitId", String.valueOf(station))));
        deliverUntil(r -> r.path().equals("/orders/" + no + "/events") && r.body().contains("\"DISPATCHED\""));

        StaffClient leader = new StaffClient(port);
        leader.login("unitleader");
        leader.get("/cases/" + id);
        ok(leader.postForm("/cases/" + id + "/sign", Map.of()));
        leader.get("/cases/" + id);
        ok(leader.postMultipart("/cases/" + id + "/report", Map.of("outcome", "RESOLVED",
                "findings", "已更换路灯灯泡，恢复照明"), null, null, null, null));
        StaffClient reviewer = new StaffClient(port);
        reviewer.login("policeleader");
        reviewer.get("/cases/" + id);
        ok(reviewer.postForm("/cases/" + id + "/approve", Map.of()));

        Received result = deliverUntil(r -> r.path().equals("/orders/" + no + "/events")
                && r.body().contains("\"RESULT\""));
        assertThat(result.body()).contains("已更换路灯灯泡", "已解决");
        assertThat(hotline.refusedSignatures()).isZero();
    }

    @Test
    void an_order_with_a_nul_character_is_refused_with_400_and_nothing_is_created() {
        String no = orderNo();
        HttpResponse<String> res = hotline.pushOrder(order(no, null).replace("连续一周不亮", "连续\\u0000一周不亮"));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM hotline_order WHERE order_no = ?", Long.class, no))
                .isZero();
    }

    @Test
    void a_tampered_signature_or_a_stale_timestamp_is_refused_with_401_and_nothing_is_created() {
        String no = orderNo();
        String body = order(no, null);
        long now = System.currentTimeMillis() / 1000;
        String tampered = body.replace("路灯", "路面");
        assertThat(hotline.postRaw("/integration/12345/v1/orders", tampered, String.valueOf(now),
                hotline.sign(now, body)).statusCode()).isEqualTo(401);
        assertThat(hotline.postRaw("/integration/12345/v1/orders", body, null, null).statusCode()).isEqualTo(401);
        long old = now - 6 * 60;
        HttpResponse<String> stale = hotline.postRaw("/integration/12345/v1/orders", body, String.valueOf(old),
                hotline.sign(old, body));
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(stale.body()).contains("stale");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM hotline_order WHERE order_no = ?", Long.class, no))
                .isZero();
    }

    @Test
    void a_replayed_message_is_refused_and_the_same_order_pushed_again_stays_one_case() {
        String no = orderNo();
        String body = order(no, null);
        long now = System.currentTimeMillis() / 1000;
        String sig = hotline.sign(now, body);
        HttpResponse<String> first = hotline.postRaw("/integration/12345/v1/orders", body, String.valueOf(now), sig);
        assertThat(first.statusCode()).isEqualTo(201);
        HttpResponse<String> replay = hotline.postRaw("/integration/12345/v1/orders", body, String.valueOf(now), sig);
        assertThat(replay.statusCode()).isEqualTo(409);
        assertThat(replay.body()).contains("replay");

        // the hotline's own retry: the same order, signed anew a moment later
        HttpResponse<String> again = hotline.postRaw("/integration/12345/v1/orders", body, String.valueOf(now + 1),
                hotline.sign(now + 1, body));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(HotlineSimulator.field(again.body(), "minyi_id"))
                .isEqualTo(HotlineSimulator.field(first.body(), "minyi_id"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM cases WHERE content LIKE ?", Long.class,
                "%12345工单号：" + no)).isEqualTo(1L);
    }

    @Test
    void a_hotline_that_is_down_gets_every_message_after_it_returns() {
        hotline.setDown(true);
        String no = orderNo();
        assertThat(hotline.pushOrder(order(no, null)).statusCode()).isEqualTo(201);
        outbox.deliverDue(50);
        assertThat(hotline.attempts()).isPositive();
        assertThat(hotline.received()).isEmpty();
        Map<String, Object> row = jdbc.queryForMap("SELECT status, attempts, next_attempt_at > now() AS later "
                + "FROM notification WHERE channel = 'HOTLINE' AND address = ?", "/orders/" + no + "/events");
        assertThat(row.get("status")).isEqualTo("FAILED");
        assertThat(row.get("later")).isEqualTo(true);

        hotline.setDown(false);
        // the back-off has passed (here: by moving the due time, instead of waiting 30 s)
        jdbc.update("UPDATE notification SET next_attempt_at = now() WHERE channel = 'HOTLINE' AND address = ?",
                "/orders/" + no + "/events");
        deliverUntil(r -> r.path().equals("/orders/" + no + "/events") && r.body().contains("\"ACCEPTED\""));
        assertThat(jdbc.queryForObject("SELECT status FROM notification WHERE channel = 'HOTLINE' AND address = ?",
                String.class, "/orders/" + no + "/events")).isEqualTo("SENT");
    }

    @Test
    void a_livelihood_item_forwarded_to_12345_comes_back_with_its_result_and_the_raiser_is_told() {
        long county1 = jdbc.queryForObject("SELECT jurisdiction_id FROM staff_account WHERE username = 'dispatcher1'",
                Long.class);
        String marker = UUID.randomUUID().toString().substring(0, 8);
        StaffClient dispatcher = new StaffClient(port);
        dispatcher.login("dispatcher1");
        dispatcher.get("/cases/new");
        HttpResponse<String> registered = dispatcher.postForm("/cases/new", Map.of("type", "GRID_EVENT",
                "channel", "WALK_IN", "jurisdictionId", String.valueOf(county1), "raiserName", "赵六",
                "raiserPhone", "13612345678", "content", "小区供暖不热，室温只有十二度 " + marker,
                "category", "民生诉求", "formToken", marker));
        assertThat(registered.statusCode()).isEqualTo(302);
        long id = Long.parseLong(registered.headers().firstValue("Location").orElseThrow()
                .replaceAll(".*/cases/(\\d+).*", "$1"));
        String code = jdbc.queryForObject("SELECT tracking_code FROM cases WHERE id = ?", String.class, id);
        dispatcher.get("/cases/" + id);
        ok(dispatcher.postForm("/cases/" + id + "/transfer", Map.of("target", "HOTLINE",
                "reason", "属供暖民生事项，转12345")));

        Received forward = deliverUntil(r -> r.path().equals("/forwards") && r.body().contains(code));
        String forwardNo = HotlineSimulator.field(forward.body(), "forward_no");
        assertThat(forward.body()).contains(marker, "13612345678");

        HttpResponse<String> back = hotline.sendResult(forwardNo, "热力公司已上门检修，室温恢复到二十度");
        assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
        // the hotline's retry of the same result, signed anew, records nothing twice
        String again = "{\"forward_no\":\"" + forwardNo + "\",\"result\":\"热力公司已上门检修\"}";
        long later = System.currentTimeMillis() / 1000 + 1;
        assertThat(hotline.postRaw("/integration/12345/v1/results", again, String.valueOf(later),
                hotline.sign(later, again)).statusCode()).isEqualTo(200);

        assertThat(jdbc.queryForList("SELECT action FROM case_step WHERE case_id = ? ORDER BY id", String.class, id))
                .containsSubsequence("TRANSFER", "TRANSFER_RESULT").filteredOn("TRANSFER_RESULT"::equals).hasSize(1);
        assertThat(new StaffClient(port).get("/t/" + code).body()).contains("室温恢复到二十度");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM notification WHERE channel = 'SMS' AND dedup_key = ?",
                Long.class, "hotline-result:" + forwardNo)).isEqualTo(1L);
        assertThat(hotline.sendResult("MY-NOSUCH", "x").statusCode()).isEqualTo(404);
    }

    private Received deliverUntil(Predicate<Received> wanted) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            // time passes faster here than the back-off: a message refused while the breaker was still open (it opens
            // on failures of any test, it is one per node) is due again at once instead of in 30 s
            jdbc.update("UPDATE notification SET next_attempt_at = now() WHERE channel = 'HOTLINE' AND status = 'FAILED'");
            outbox.deliverDue(50);
            List<Received> got = hotline.received();
            return got.stream().filter(wanted).findFirst().orElse(null);
        }, r -> r != null);
    }

    private static String orderNo() {
        return "GD" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private static String order(String no, String region) {
        return "{\"order_no\":\"" + no + "\",\"title\":\"小区路灯不亮\",\"content\":\"示范路3号小区门口路灯连续一周不亮\","
                + "\"category\":\"民生诉求\",\"caller_name\":\"王五\",\"caller_phone\":\"13700137000\","
                + "\"address\":\"示范路3号\"" + (region == null ? "" : ",\"region_code\":\"" + region + "\"") + "}";
    }

    private static void ok(HttpResponse<String> res) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(302);
    }
}
