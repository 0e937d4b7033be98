/**
 * Notifications (消息): a transactional outbox with an in-app inbox for staff, SMS through a pluggable HTTP gateway
 * and e-mail over SMTP, retried with back-off. Other modules call {@link io.minyi.notification.Notifications}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notification",
        allowedDependencies = {"org", "platform", "casework", "audit"})
@org.jspecify.annotations.NullMarked
package io.minyi.notification;
