package io.minyi.integration.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.minyi.integration.simulator.HotlineSignature;
import io.minyi.notification.OutboundChannel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Delivers the outbox's HOTLINE messages: signed like every message on the channel, with short timeouts, behind a
 * circuit breaker (Resilience4j) so that a hotline that is down costs one quick refusal per message instead of a
 * timeout each; the outbox retries with back-off either way.
 */
@Component
public class HotlineChannel implements OutboundChannel {

    private final HotlineProperties props;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final HttpClient http;
    private final CircuitBreaker breaker;

    HotlineChannel(HotlineProperties props, JdbcClient jdbc, Clock clock) {
        this.props = props;
        this.jdbc = jdbc;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(props.connectTimeout()).build();
        this.breaker = CircuitBreaker.of("hotline", CircuitBreakerConfig.custom()
                .slidingWindowSize(10).minimumNumberOfCalls(5).failureRateThreshold(50)
                .waitDurationInOpenState(props.breakerOpenFor()).permittedNumberOfCallsInHalfOpenState(1)
                .build());
    }

    @Override
    public String name() {
        return HotlineRelay.CHANNEL;
    }

    @Override
    public void send(String address, String body) {
        record Endpoint(String baseUrl, boolean enabled) {
        }
        Endpoint e = jdbc.sql("SELECT base_url, enabled FROM hotline_endpoint WHERE id = 1")
                .query((rs, i) -> new Endpoint(rs.getString(1), rs.getBoolean(2))).single();
        if (!e.enabled()) {
            throw new IllegalStateException("the 12345 endpoint is switched off");
        }
        breaker.executeRunnable(() -> post(e.baseUrl() + address, body));
    }

    public CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    private void post(String url, String body) {
        long ts = clock.instant().getEpochSecond();
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(props.readTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header(HotlineSignature.TIMESTAMP_HEADER, String.valueOf(ts))
                .header(HotlineSignature.SIGNATURE_HEADER, HotlineSignature.sign(props.secret(), ts, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() / 100 != 2) {
                throw new IllegalStateException("12345 answered " + res.statusCode());
            }
        } catch (IOException e) {
            throw new IllegalStateException("12345 unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
