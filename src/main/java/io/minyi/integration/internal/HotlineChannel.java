package io.minyi.integration.internal;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.minyi.integration.internal.HotlineSettings.Settings;
import io.minyi.integration.internal.HotlineSettings.Transport;
import io.minyi.integration.simulator.HotlineSignature;
import io.minyi.notification.OutboundChannel;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * Delivers the outbox's HOTLINE messages: signed like every message on the channel, with short timeouts, behind a
 * circuit breaker (Resilience4j) so that a hotline that is down costs one quick refusal per message instead of a
 * timeout each. The breaker opens after N failures in a row; while it is open a message is not tried and not counted
 * as an attempt ({@link OutboundChannel.NotNow}), so it waits in the outbox however long the outage lasts; after the
 * open time one message is let through (half-open) and its answer closes or re-opens the breaker.
 * The settings come from {@link HotlineSettings} on every message; when ADMIN changes the timeouts or the breaker's
 * figures, client and breaker are built anew (and the breaker starts closed).
 */
@Component
@RequiredArgsConstructor
public class HotlineChannel implements OutboundChannel {

    private final HotlineSettings settings;
    private final Clock clock;
    private volatile Built built;

    private record Built(Transport transport, HttpClient http, CircuitBreaker breaker) {
    }

    @Override
    public String name() {
        return HotlineRelay.CHANNEL;
    }

    @Override
    public void send(String address, String body) {
        Settings s = settings.current();
        if (!s.enabled()) {
            throw new NotNow("the 12345 endpoint is switched off", Duration.ofMinutes(1));
        }
        Built b = built(s.transport());
        try {
            b.breaker().executeRunnable(() -> post(b.http(), s, s.baseUrl() + address, body));
        } catch (CallNotPermittedException open) {
            throw new NotNow("12345 circuit breaker " + b.breaker().getState(), s.breakerOpenFor());
        }
    }

    /** The breaker's state as the next message would find it (OPEN until a message tries after the open time). */
    public CircuitBreaker.State breakerState() {
        return built(settings.current().transport()).breaker().getState();
    }

    private Built built(Transport t) {
        Built b = built;
        if (b == null || !b.transport().equals(t)) {
            synchronized (this) {
                b = built;
                if (b == null || !b.transport().equals(t)) {
                    b = new Built(t, HttpClient.newBuilder().connectTimeout(t.connectTimeout()).build(), breaker(t));
                    built = b;
                }
            }
        }
        return b;
    }

    /** N failures in a row open it: a count window of N calls that all failed. */
    private static CircuitBreaker breaker(Transport t) {
        return CircuitBreaker.of("hotline", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(t.breakerFailures()).minimumNumberOfCalls(t.breakerFailures())
                .failureRateThreshold(100)
                .waitDurationInOpenState(t.breakerOpenFor()).permittedNumberOfCallsInHalfOpenState(1)
                .ignoreExceptions(Refused.class)
                .build());
    }

    /**
     * The hotline is up and said no to this message (a 4xx): the outbox retries it and may give up on it, but the
     * breaker does not count it — one bad message must not hold back every other.
     */
    static final class Refused extends IllegalStateException {
        Refused(String message) {
            super(message);
        }
    }

    private void post(HttpClient http, Settings s, String url, String body) {
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(s.readTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header(HotlineSignature.TIMESTAMP_HEADER, String.valueOf(timestamp))
                .header(HotlineSignature.SIGNATURE_HEADER, HotlineSignature.sign(s.secret(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
            int status = res.statusCode();
            if (status / 100 == 4 && status != 408 && status != 429) {
                throw new Refused("12345 refused the message: " + status);
            }
            if (status / 100 != 2) {
                throw new IllegalStateException("12345 answered " + status);
            }
        } catch (IOException e) {
            throw new IllegalStateException("12345 unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
