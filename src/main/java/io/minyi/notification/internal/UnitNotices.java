package io.minyi.notification.internal;

import io.minyi.platform.CityTexts;
import io.minyi.casework.CaseEvents.CaseAssistAssigned;
import io.minyi.casework.CaseEvents.CaseDispatched;
import io.minyi.casework.CaseEvents.CasePassedDown;
import io.minyi.notification.Notifications;
import io.minyi.platform.CityLanguage;
import lombok.RequiredArgsConstructor;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import java.time.format.DateTimeFormatter;
import java.util.Set;

/**
 * Tells a unit, by inbox and text message, that a case is now its to handle (dispatched, dispatched again, back
 * after the raiser was dissatisfied, or passed down to it by the unit above). The officer a case is about is never told of it. The dedup key is the case and
 * its deadline, so a redelivered event sends nothing twice.
 */
@Component
@RequiredArgsConstructor
class UnitNotices {

    private final Notifications notifications;
    private final CityTexts cityTexts;

    private String date(java.time.LocalDate day) {
        return DateTimeFormatter.ofPattern(cityTexts.of("notification.unit.datePattern"),
                CityLanguage.LOCALE).format(day);
    }

    private String type(io.minyi.casework.CaseType type) {
        return cityTexts.of("casework.caseType." + type.name());
    }

    @ApplicationModuleListener
    void on(CaseDispatched e) {
        String what = e.category() == null || e.category().isBlank() ? type(e.type())
                : cityTexts.of("notification.unit.typeAndCategory", type(e.type()), e.category());
        String title = cityTexts.of(e.redispatch() ? "notification.unit.redispatched" : "notification.unit.dispatched");
        String body = cityTexts.of("notification.unit.dispatchedBody", e.caseId(), what, date(e.deadline()));
        notifications.alertUnit(e.unitId(), new Notifications.Message(title, body, "/cases/" + e.caseId(),
                "dispatch:" + e.caseId() + ":" + e.deadline()).about(officer(e.subjectOfficerId())));
    }

    /** 下交: the unit below is told; the responsible unit already holds the case. */
    @ApplicationModuleListener
    void on(CasePassedDown e) {
        String body = cityTexts.of("notification.unit.passedDownBody", e.caseId(), type(e.type()),
                date(e.handlingDeadline()));
        notifications.alertUnit(e.handlingUnitId(), new Notifications.Message(
                cityTexts.of("notification.unit.passedDown"), body, "/cases/" + e.caseId(),
                "passdown:" + e.caseId() + ":" + e.handlingUnitId() + ":" + e.handlingDeadline())
                .about(officer(e.subjectOfficerId())));
    }

    /** 协办: the assisting unit is told its part and deadline; the lead unit already holds the case. */
    @ApplicationModuleListener
    void on(CaseAssistAssigned e) {
        String body = cityTexts.of("notification.unit.assistBody", e.caseId(), type(e.type()), date(e.deadline()));
        notifications.alertUnit(e.assistUnitId(), new Notifications.Message(
                cityTexts.of("notification.unit.assist"), body, "/cases/" + e.caseId(),
                "assist:" + e.caseId() + ":" + e.assistUnitId() + ":" + e.deadline())
                .about(officer(e.subjectOfficerId())));
    }

    private static Set<Long> officer(Long id) {
        return id == null ? Set.of() : Set.of(id);
    }
}
