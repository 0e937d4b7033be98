package io.minyi.integration;

import com.sun.net.httpserver.HttpServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.minyi.integration.internal.HotlineChannel;
import io.minyi.notification.Notifications;
import io.minyi.notification.OutboundChannel;
import io.minyi.notification.internal.OutboxDelivery;
import io.minyi.support.FullStackTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The 12345 channel's circuit breaker against a real HTTP server started here (the JDK's HttpServer), through the real
 * channel and outbox: closed → open after N failures in a row → half-open after the open time (one trial message) →
 * closed on success, open again on failure; and while it is open the outbox's messages wait, costing no attempts,
 * instead of running into DEAD.
 */
@FullStackTest
class HotlineCircuitBreakerTests {

    static final int FAILURES = 3;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    HotlineChannel channel;
    @Autowired
    OutboxDelivery outbox;
    @Autowired
    Notifications notifications;
    @Autowired
    TransactionTemplate tx;

    HttpServer server;
    final AtomicInteger answer = new AtomicInteger(503);
    final AtomicReference<CountDownLatch> hold = new AtomicReference<>();
    final List<String> received = new CopyOnWriteArrayList<>();
    Map<String, Object> saved;
    String marker;

    @BeforeEach
    void start() throws IOException {
        marker = UUID.randomUUID().toString().substring(0, 8);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            received.add(exchange.getRequestURI().getPath());
            exchange.getRequestBody().readAllBytes();
            CountDownLatch gate = hold.get();
            if (gate != null) {
                try {
                    gate.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        saved = jdbc.queryForMap("SELECT base_url, enabled FROM hotline_endpoint WHERE id = 1");
        // the settings as ADMIN keeps them: a breaker of 3 failures and 2 s, built anew (closed) for this test
        jdbc.update("""
                UPDATE hotline_endpoint SET base_url = ?, enabled = true, breaker_failures = ?, breaker_open_seconds = 2,
                       connect_timeout_ms = 1000, read_timeout_ms = 5000 WHERE id = 1""",
                "http://127.0.0.1:" + server.getAddress().getPort(), FAILURES);
        // messages other test classes left for the hotline would reach this server too and blur its counts: they are
        // put off for the length of this test, and due again afterwards
        jdbc.update("""
                UPDATE notification SET next_attempt_at = now() + interval '1 hour', last_error = 'held:breaker-test'
                WHERE channel = 'HOTLINE' AND status IN ('PENDING', 'FAILED')""");
    }

    @AfterEach
    void stop() {
        hold.set(null);
        server.stop(0);
        jdbc.update("UPDATE notification SET status = 'DEAD' WHERE dedup_key LIKE ? AND status <> 'SENT'",
                "breaker-" + marker + "%");
        jdbc.update("UPDATE notification SET next_attempt_at = now(), last_error = NULL WHERE last_error = 'held:breaker-test'");
        jdbc.update("""
                UPDATE hotline_endpoint SET base_url = ?, enabled = ?, breaker_failures = NULL, breaker_open_seconds = NULL,
                       connect_timeout_ms = NULL, read_timeout_ms = NULL WHERE id = 1""",
                saved.get("base_url"), saved.get("enabled"));
        // built anew from the restored settings, so the next test starts from a fresh breaker too
        channel.breakerState();
    }

    @Test
    void the_breaker_opens_after_n_failures_in_a_row_tries_one_message_after_its_open_time_and_closes_on_success()
            throws Exception {
        assertThat(channel.breakerState()).isEqualTo(State.CLOSED);
        for (int i = 1; i < FAILURES; i++) {
            assertThatThrownBy(() -> channel.send("/probe", "{}")).isNotInstanceOf(OutboundChannel.NotNow.class);
            assertThat(channel.breakerState()).as("after %d failures", i).isEqualTo(State.CLOSED);
        }
        assertThatThrownBy(() -> channel.send("/probe", "{}")).isNotInstanceOf(OutboundChannel.NotNow.class);
        assertThat(channel.breakerState()).isEqualTo(State.OPEN);
        assertThat(probes()).hasSize(FAILURES);

        // open: the hotline is not asked at all, and the caller is told to wait rather than that it failed
        assertThatThrownBy(() -> channel.send("/probe", "{}")).isInstanceOf(OutboundChannel.NotNow.class)
                .satisfies(e -> assertThat(((OutboundChannel.NotNow) e).retryAfter()).isEqualTo(Duration.ofSeconds(2)));
        assertThat(probes()).hasSize(FAILURES);

        // after the open time one trial goes through (half-open); it fails, and the breaker is open again
        Thread.sleep(2100);
        assertThatThrownBy(() -> channel.send("/probe", "{}")).isNotInstanceOf(OutboundChannel.NotNow.class);
        assertThat(probes()).hasSize(FAILURES + 1);
        assertThat(channel.breakerState()).isEqualTo(State.OPEN);

        // the next trial is held by the server: while it is in flight the breaker is half-open and lets no second
        // message through; the trial succeeds and the breaker closes
        Thread.sleep(2100);
        answer.set(200);
        CountDownLatch gate = new CountDownLatch(1);
        hold.set(gate);
        CompletableFuture<Void> trial = CompletableFuture.runAsync(() -> channel.send("/trial", "{}"));
        await().atMost(Duration.ofSeconds(5)).until(() -> channel.breakerState() == State.HALF_OPEN);
        assertThatThrownBy(() -> channel.send("/second", "{}")).isInstanceOf(OutboundChannel.NotNow.class);
        gate.countDown();
        trial.get(10, TimeUnit.SECONDS);
        hold.set(null);
        assertThat(channel.breakerState()).isEqualTo(State.CLOSED);
        assertThat(received).contains("/trial").doesNotContain("/second");
        channel.send("/after", "{}");
        assertThat(received).contains("/after");
    }

    @Test
    void while_the_breaker_is_open_outbox_messages_wait_without_attempts_and_all_go_out_once_the_hotline_is_back()
            throws Exception {
        int messages = 6;
        long city = jdbc.queryForObject("SELECT min(id) FROM jurisdiction WHERE parent_id IS NULL", Long.class);
        tx.executeWithoutResult(s -> {
            for (int i = 0; i < messages; i++) {
                notifications.toEndpoint("HOTLINE", "/breaker/" + marker + "/" + i, "12345", "{\"n\":" + i + "}",
                        "breaker-" + marker + "-" + i, city);
            }
        });
        // the hotline is down: the first N deliveries fail and open the breaker, the rest wait
        deliverMine(messages);
        assertThat(channel.breakerState()).isEqualTo(State.OPEN);
        int asked = mineReceived();
        assertThat(asked).isEqualTo(FAILURES);

        // many delivery rounds while it stays open (each as if the back-off had passed): nothing reaches the hotline,
        // no message gains an attempt, none is given up
        for (int round = 0; round < 10; round++) {
            deliverMine(messages);
        }
        assertThat(mineReceived()).isEqualTo(asked);
        List<Map<String, Object>> rows = mine();
        assertThat(rows).hasSize(messages).noneMatch(r -> "DEAD".equals(r.get("status")))
                .noneMatch(r -> "SENT".equals(r.get("status")));
        assertThat(rows.stream().mapToInt(r -> ((Number) r.get("attempts")).intValue()).sum()).isEqualTo(FAILURES);
        assertThat(rows).filteredOn(r -> ((Number) r.get("attempts")).intValue() == 0)
                .allSatisfy(r -> assertThat((String) r.get("last_error")).startsWith("waiting:"));

        // the hotline is back: after the open time the trial message closes the breaker and every message goes out
        answer.set(200);
        Thread.sleep(2100);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            deliverMine(messages);
            return mine().stream().allMatch(r -> "SENT".equals(r.get("status")));
        });
        assertThat(channel.breakerState()).isEqualTo(State.CLOSED);
        for (int i = 0; i < messages; i++) {
            String path = "/breaker/" + marker + "/" + i;
            assertThat(received.stream().filter(path::equals).count()).as(path).isBetween(1L, 2L);
        }
        // delivered ones are not sent again
        int before = mineReceived();
        deliverMine(messages);
        assertThat(mineReceived()).isEqualTo(before);
    }

    /**
     * One delivery round for this test's messages: made due first in the outbox's order (older than anything other
     * test classes left due), so {@code n} deliveries take exactly them.
     */
    private void deliverMine(int n) {
        jdbc.update("""
                UPDATE notification SET next_attempt_at = timestamptz '2000-01-01 00:00:00+00'
                WHERE dedup_key LIKE ? AND status IN ('PENDING', 'FAILED')""", "breaker-" + marker + "%");
        outbox.deliverDue(n);
    }

    private int mineReceived() {
        return (int) received.stream().filter(p -> p.startsWith("/breaker/" + marker + "/")).count();
    }

    private List<String> probes() {
        return received.stream().filter("/probe"::equals).toList();
    }

    private List<Map<String, Object>> mine() {
        return jdbc.queryForList("SELECT status, attempts, last_error FROM notification WHERE dedup_key LIKE ? ORDER BY id",
                "breaker-" + marker + "%");
    }
}
