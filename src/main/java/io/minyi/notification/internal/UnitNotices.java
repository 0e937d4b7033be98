package io.minyi.notification.internal;

import io.minyi.casework.CaseEvents.CaseAssistAssigned;
import io.minyi.casework.CaseEvents.CaseDispatched;
import io.minyi.casework.CaseEvents.CasePassedDown;
import io.minyi.notification.Notifications;
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
class UnitNotices {

    private static final DateTimeFormatter CN_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

    private final Notifications notifications;

    UnitNotices(Notifications notifications) {
        this.notifications = notifications;
    }

    @ApplicationModuleListener
    void on(CaseDispatched e) {
        String what = e.type().label() + (e.category() == null || e.category().isBlank() ? "" : "（" + e.category() + "）");
        String title = e.redispatch() ? "事项重新交办" : "新交办事项";
        String body = "事项编号" + e.caseId() + "，" + what + "，已交办你单位，请于" + CN_DATE.format(e.deadline())
                + "前办结。";
        notifications.alertUnit(e.unitId(), new Notifications.Message(title, body, "/cases/" + e.caseId(),
                "dispatch:" + e.caseId() + ":" + e.deadline()).about(officer(e.subjectOfficerId())));
    }

    /** 下交: the unit below is told; the responsible unit already holds the case. */
    @ApplicationModuleListener
    void on(CasePassedDown e) {
        String body = "事项编号" + e.caseId() + "，" + e.type().label() + "，已由上级单位交你单位办理，请于"
                + CN_DATE.format(e.handlingDeadline()) + "前办结并报上级单位。";
        notifications.alertUnit(e.handlingUnitId(), new Notifications.Message("下交事项", body,
                "/cases/" + e.caseId(), "passdown:" + e.caseId() + ":" + e.handlingUnitId() + ":"
                        + e.handlingDeadline()).about(officer(e.subjectOfficerId())));
    }

    /** 协办: the assisting unit is told its part and deadline; the lead unit already holds the case. */
    @ApplicationModuleListener
    void on(CaseAssistAssigned e) {
        String body = "事项编号" + e.caseId() + "，" + e.type().label() + "，请你单位协助主办单位办理，于"
                + CN_DATE.format(e.deadline()) + "前报送协办意见。";
        notifications.alertUnit(e.assistUnitId(), new Notifications.Message("协办事项", body,
                "/cases/" + e.caseId(), "assist:" + e.caseId() + ":" + e.assistUnitId() + ":" + e.deadline())
                .about(officer(e.subjectOfficerId())));
    }

    private static Set<Long> officer(Long id) {
        return id == null ? Set.of() : Set.of(id);
    }
}
