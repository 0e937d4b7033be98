package io.minyi.notification.internal;

import io.minyi.casework.CaseEvents.CaseAwaitingFeedback;
import io.minyi.casework.RaiserContacts;
import io.minyi.notification.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** 自动提醒, 群众回评: when the handling was approved, the raiser who left a phone is invited to rate it. */
@Component
class FeedbackInvitation {

    private static final Logger log = LoggerFactory.getLogger(FeedbackInvitation.class);

    private final ObjectProvider<RaiserContacts> contacts;
    private final Notifications notifications;
    private final NotificationProperties props;
    private final io.minyi.platform.PublicBaseUrl publicBaseUrl;

    FeedbackInvitation(ObjectProvider<RaiserContacts> contacts, Notifications notifications,
                       NotificationProperties props, io.minyi.platform.PublicBaseUrl publicBaseUrl) {
        this.contacts = contacts;
        this.notifications = notifications;
        this.props = props;
        this.publicBaseUrl = publicBaseUrl;
    }

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
            String text = "【" + props.sms().signature() + "】您反映的事项已办理完毕，请对办理结果评价：" + (props.publicBaseUrl() != null ? props.publicBaseUrl() : publicBaseUrl.value())
                    + "/t/" + code + " 。回复无需付费。";
            notifications.smsToResident(phone, text, "feedback:" + event.caseId() + ":" + event.at().toEpochMilli(),
                    event.jurisdictionId());
        });
    }
}
