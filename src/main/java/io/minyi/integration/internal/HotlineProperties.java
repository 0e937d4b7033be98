package io.minyi.integration.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code minyi.hotline.*}: the secret shared with the 12345 platform (set it per deployment; the default matches the
 * simulator, for the demo), the replay window, timeouts of calls to the hotline and its circuit breaker (opens after
 * {@code breakerFailures} failures in a row). Secret, timeouts and breaker are defaults: ADMIN's settings in the
 * database ({@link HotlineSettings}) override them without a restart.
 */
@ConfigurationProperties("minyi.hotline")
public record HotlineProperties(String secret, Duration replayWindow, Duration connectTimeout, Duration readTimeout,
                                Duration breakerOpenFor, int inboundPerSecond,
                                int breakerFailures) {

    public static final String DEMO_SECRET = "demo-12345-secret-change-me";

    public HotlineProperties {
        secret = secret == null || secret.isBlank() ? DEMO_SECRET : secret;
        replayWindow = replayWindow == null ? Duration.ofMinutes(5) : replayWindow;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(5) : readTimeout;
        breakerOpenFor = breakerOpenFor == null ? Duration.ofSeconds(30) : breakerOpenFor;
        inboundPerSecond = inboundPerSecond <= 0 ? 200 : inboundPerSecond;
        breakerFailures = breakerFailures <= 0 ? 5 : breakerFailures;
    }
}
