package io.minyi.notification.internal;

/** Where text messages go. Throws on failure so the outbox schedules a retry. */
public interface SmsGateway {

    void send(String phone, String text);
}
