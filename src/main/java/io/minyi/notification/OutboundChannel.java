package io.minyi.notification;

import java.time.Duration;

/**
 * A machine endpoint the outbox delivers to besides SMS and e-mail (the 12345 hotline's callback). A module that owns
 * such a protocol registers a bean; messages written with {@link Notifications#toEndpoint} are handed to it after
 * commit and retried with the outbox's back-off until {@link #send} returns normally.
 */
public interface OutboundChannel {

    /** The outbox's channel name, upper case (e.g. {@code HOTLINE}). */
    String name();

    /**
     * Delivers one message; throws to have it retried later.
     *
     * @param address where, in the channel's own terms (e.g. a path under the hotline's base URL)
     * @param body    the payload as written
     */
    void send(String address, String body);

    /**
     * Thrown by {@link #send} when the endpoint is known to be unavailable without trying it (a circuit breaker that
     * is open, an endpoint switched off): the message waits {@code retryAfter} and no attempt is counted, so a long
     * outage never turns a message DEAD.
     */
    final class NotNow extends RuntimeException {
        private final Duration retryAfter;

        public NotNow(String reason, Duration retryAfter) {
            super(reason, null, false, false);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }
}
