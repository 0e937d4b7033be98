package io.minyi.notification.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import java.util.Map;

/** The HTTP gateway when a URL is configured, otherwise a channel that only logs (masked) for development. */
@Configuration(proxyBeanMethods = false)
class SmsGateways {

    private static final Logger log = LoggerFactory.getLogger(SmsGateways.class);

    @Bean
    SmsGateway smsGateway(NotificationProperties props, RestClient.Builder rest) {
        String url = props.sms().url();
        if (url == null || url.isBlank()) {
            log.info("No SMS gateway configured (minyi.notification.sms.url): text messages are only logged");
            return (phone, text) -> log.info("SMS to {}: {}", mask(phone), text);
        }
        RestClient client = rest.baseUrl(url).build();
        String token = props.sms().token();
        return (phone, text) -> client.post()
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> {
                    if (token != null && !token.isBlank()) {
                        h.setBearerAuth(token);
                    }
                })
                .body(Map.of("phone", phone, "text", text, "signature", props.sms().signature()))
                .retrieve()
                .toBodilessEntity();
    }

    static String mask(String phone) {
        return phone == null || phone.length() < 7 ? "***" : phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
    }
}
