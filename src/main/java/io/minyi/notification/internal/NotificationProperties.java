package io.minyi.notification.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code minyi.notification.*}. Without {@code sms.url} text messages are only logged (development); e-mail is sent
 * only when {@code spring.mail.host} is set and {@code email.from} is given.
 */
@ConfigurationProperties("minyi.notification")
public record NotificationProperties(Sms sms, Email email, Retry retry, String publicBaseUrl) {

    public NotificationProperties {
        sms = sms == null ? new Sms(null, null, "示范市民意", 0) : sms;
        email = email == null ? new Email(null) : email;
        retry = retry == null ? new Retry(Duration.ofSeconds(30), 6, Duration.ofSeconds(15)) : retry;
        // Unset: the system-wide minyi.public-base-url (PublicBaseUrl) is used, the same address the QR codes carry.
        publicBaseUrl = publicBaseUrl == null || publicBaseUrl.isBlank() ? null : publicBaseUrl;
    }

    /**
     * {@code url}: the gateway's POST endpoint; {@code token}: sent as a bearer token; {@code signature}: 【签名】;
     * {@code perSecond}: the most text messages one node hands the gateway per second (default 20), the rate a
     * survey's 100,000 invitations go out at.
     */
    public record Sms(String url, String token, String signature, int perSecond) {
        public Sms {
            perSecond = perSecond <= 0 ? 20 : perSecond;
        }
    }

    public record Email(String from) {
    }

    /** First retry after {@code base}, doubling each time, given up (DEAD) after {@code maxAttempts}. */
    public record Retry(Duration base, int maxAttempts, Duration pollEvery) {
    }
}
