package io.minyi.notification;

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
}
