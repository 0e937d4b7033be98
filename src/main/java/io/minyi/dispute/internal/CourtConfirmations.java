package io.minyi.dispute.internal;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.notification.Notifications;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.UnitRef;
import io.minyi.org.Role;
import io.minyi.org.UnitKind;
import io.minyi.platform.CityTexts;
import io.minyi.platform.Decision;
import io.minyi.platform.InvalidInputException;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static io.minyi.dispute.internal.DisputeIntake.blankToNull;
import static io.minyi.dispute.internal.Refusals.require;

/**
 * Judicial confirmation (司法确认) of a signed agreement: the parties' joint application to a court, which the court's
 * handlers hear of at once, and the court's ruling as its handler records it.
 */
@Service
@RequiredArgsConstructor
public class CourtConfirmations {

    private final DisputeAccess access;
    private final MediatorPool pool;
    private final MediationRecords records;
    private final OrgDirectory org;
    private final Notifications notifications;
    private final AuditTrail audit;
    private final DisputeProperties props;
    private final Clock clock;
    private final CityTexts cityTexts;

    /** Records the parties' joint application to a court; refused after the window, with the reason. */
    @Transactional
    public void applyForConfirmation(long id, Viewer v, long courtUnitId, LocalDate appliedOn) {
        Disputes.Row d = access.load(id, v);
        require(MediationRules.assignedMediator(v, pool.activeMediators(id)));
        if (records.confirmation(id).isPresent()) {
            throw new InvalidInputException("dispute.invalid.alreadyApplied");
        }
        UnitRef court = org.unit(courtUnitId)
                .filter(u -> u.active() && u.is(UnitKind.PEOPLES_TRIBUNAL, UnitKind.COURT))
                .orElseThrow(() -> new InvalidInputException("dispute.invalid.court"));
        if (appliedOn == null || appliedOn.isAfter(access.today())) {
            throw new InvalidInputException("dispute.invalid.appliedOn");
        }
        require(MediationRules.confirmationInTime(records.agreement(id).orElse(null), appliedOn,
                props.confirmationDays()));
        records.apply(id, court.id(), appliedOn, v.username(), clock.instant());
        audit.record(AuditEntry.of("dispute.dispute.apply_confirmation", "dispute", id).withChange(null, court.name()));
        var msg = new Notifications.Message(notice("confirmationApplied"),
                notice("confirmationAppliedBody", d.jurisdictionName(), appliedOn), "/disputes/" + id,
                "dispute-confirm-" + id);
        notifications.toUnit(court.id(), Role.UNIT_HANDLER, msg);
        notifications.toUnit(court.id(), Role.UNIT_LEADER, msg);
    }

    /** The court's ruling, recorded by a handler of the court the application went to. */
    @Transactional
    public void recordRuling(long id, Viewer v, ConfirmationStatus status, String rulingNo, LocalDate ruledOn) {
        access.load(id, v);
        MediationRecords.Confirmation c = records.confirmation(id)
                .orElseThrow(() -> new InvalidInputException("dispute.invalid.noApplication"));
        require(v.courtHandler() && v.unitId() == c.courtUnitId() ? Decision.allowed()
                : Decision.refused(MediationRules.NOT_YOURS));
        List<String> problems = new ArrayList<>();
        if (status == null || status == ConfirmationStatus.APPLIED) {
            problems.add("dispute.invalid.ruling");
        }
        if (blankToNull(rulingNo) == null || rulingNo.length() > 100) {
            problems.add("dispute.invalid.rulingNo");
        }
        if (ruledOn == null || ruledOn.isAfter(access.today())) {
            problems.add("dispute.invalid.ruledOn");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        require(MediationRules.rulingAfterApplication(c, ruledOn));
        records.rule(id, status, rulingNo.strip(), ruledOn, v.username());
        audit.record(AuditEntry.of("dispute.dispute.record_ruling", "dispute", id)
                .withChange("APPLIED", status.name() + " " + rulingNo.strip()));
    }

    /** A notice stored once for its readers: in the city's language (CityLanguage). */
    private String notice(String key, Object... args) {
        return cityTexts.of("dispute.notice." + key, args);
    }
}
