package io.minyi.grid.internal;

import io.minyi.casework.CaseEvents;
import io.minyi.casework.CaseType;
import io.minyi.notification.Notifications;
import lombok.RequiredArgsConstructor;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Follows escalated grid events through the loop: when the unit's handling is approved the reporting worker is told
 * to confirm on site (核实); when the case concludes the event is closed. Both tolerate a redelivered event.
 */
@Component
@RequiredArgsConstructor
class CaseFollowUp {

    private final GridEvents events;
    private final Notifications notifications;
    private final org.springframework.context.MessageSource messages;

    @ApplicationModuleListener
    void on(CaseEvents.CaseAwaitingFeedback e) {
        if (e.type() != CaseType.GRID_EVENT) {
            return;
        }
        events.reporterOfCase(e.caseId()).ifPresent(worker -> notifications.toStaff(worker,
                new Notifications.Message(io.minyi.platform.CityLanguage.text(messages, "grid.notice.confirm"),
                        io.minyi.platform.CityLanguage.text(messages, "grid.notice.confirmBody"), "/grid",
                        "grid-confirm:" + e.caseId() + ":" + e.at().toEpochMilli())));
    }

    @ApplicationModuleListener
    void on(CaseEvents.CaseConcluded e) {
        if (e.type() == CaseType.GRID_EVENT) {
            events.closeByCase(e.caseId(), e.at());
        }
    }

    @ApplicationModuleListener
    void on(CaseEvents.CaseRejected e) {
        if (e.type() == CaseType.GRID_EVENT) {
            events.closeByCase(e.caseId(), e.at());
        }
    }
}
