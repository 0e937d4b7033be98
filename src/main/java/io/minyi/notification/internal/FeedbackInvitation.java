package io.minyi.notification.internal;

import io.minyi.casework.CaseEvents.CaseAwaitingFeedback;
import io.minyi.casework.RaiserContacts;
import io.minyi.notification.Notifications;
import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** 自动提醒, 群众回评: when the handling was approved, the raiser who left a phone is invited to rate it. */
@Component
@RequiredArgsConstructor
class FeedbackInvitation {

    private static final Logger log = LoggerFactory.getLogger(FeedbackInvitation.class);

    private final ObjectProvider<RaiserContacts> contacts;
    private final Notifications notifications;
    private final NotificationProperties props;
    private final io.minyi.platform.PublicBaseUrl publicBaseUrl;
    private final org.springframework.context.MessageSource messages;

    @ApplicationModuleListener
    void on(CaseAwaitingFeedback event) {
        if (!event.raiserHasPhone()) {
            return;
        }
        RaiserContacts raisers = contacts.getIfAvailable();
        if (raisers == null) {
            // casework is not deployed on this node: without the phone there is nobody to text
            log.warn("Case {} awaits feedback but no RaiserContacts is available; no SMS sent", event.caseId());
            return;
        }
        raisers.phoneFor(event.caseId()).ifPresent(phone -> {
            String code = raisers.trackingCodeFor(event.caseId()).orElse("");
            // an SMS has no reader's locale: the city's language (CityLanguage)
            String text = io.minyi.platform.CityLanguage.text(messages, "notification.sms.feedback",
                    props.sms().signature(), props.publicBaseUrl() != null ? props.publicBaseUrl() : publicBaseUrl.value(),
                    code);
            notifications.smsToResident(phone, text, "feedback:" + event.caseId() + ":" + event.at().toEpochMilli(),
                    event.jurisdictionId());
        });
    }
}
