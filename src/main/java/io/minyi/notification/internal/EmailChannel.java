package io.minyi.notification.internal;

import lombok.RequiredArgsConstructor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/** E-mail over SMTP; off unless Boot configured a mail sender (spring.mail.host) and a sender address is set. */
@Component
@RequiredArgsConstructor
class EmailChannel {

    private final ObjectProvider<JavaMailSender> sender;
    private final NotificationProperties props;

    boolean enabled() {
        return sender.getIfAvailable() != null && props.email().from() != null && !props.email().from().isBlank();
    }

    void send(String to, String subject, String body) {
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null) {
            throw new IllegalStateException("e-mail is not configured (spring.mail.host)");
        }
        SimpleMailMessage msg = new SimpleMailMessage();
        msg.setFrom(props.email().from());
        msg.setTo(to);
        msg.setSubject(subject);
        msg.setText(body);
        mail.send(msg);
    }
}
