package io.minyi.dispute.internal;

import io.minyi.casework.RiskLevel;
import io.minyi.platform.Decision;

import java.time.LocalDate;
import java.util.List;

/**
 * The rules of mediation as small named policies: each answers allowed, or refused with a message key the page shows.
 * None of them touches the case's loop — that stays with casework.
 */
final class MediationRules {

    static final String NOT_YOURS = "dispute.refused.notAssigned";
    static final String NOT_DISPATCHER = "dispute.refused.notDispatcher";

    private MediationRules() {
    }

    static Decision open(Disputes.Row d) {
        return d.status() == DisputeStatus.REGISTERED || d.status() == DisputeStatus.MEDIATING ? Decision.allowed()
                : Decision.refused("dispute.refused.concluded");
    }

    static Decision mediating(Disputes.Row d) {
        return d.status() == DisputeStatus.MEDIATING ? Decision.allowed() : Decision.refused("dispute.refused.notMediating");
    }

    /** Only the dispatcher of the place or the head of the organisation assigns. */
    static Decision mayAssign(Viewer v, Disputes.Row d) {
        boolean head = d.orgId() != null && v.headedOrgs().contains(d.orgId())
                || d.orgId() == null && !v.headedOrgs().isEmpty();
        return v.dispatcher() && v.covers(d.jurisdictionPath()) || head ? Decision.allowed()
                : Decision.refused(NOT_DISPATCHER);
    }

    /** Sessions, outcome, agreement, confirmation and follow-ups belong to a mediator assigned now. */
    static Decision assignedMediator(Viewer v, List<Long> active) {
        return v.mediatorId() != null && active.contains(v.mediatorId()) ? Decision.allowed() : Decision.refused(NOT_YOURS);
    }

    static Decision assignable(MediatorPool.Mediator m, boolean conflicted, List<Long> active) {
        if (!m.active()) {
            return Decision.refused("dispute.refused.mediatorInactive");
        }
        if (conflicted) {
            return Decision.refused("dispute.refused.conflict");
        }
        return active.contains(m.id()) ? Decision.refused("dispute.refused.alreadyAssigned") : Decision.allowed();
    }

    /** An agreement names who agreed to what: at least one party on each side. */
    static Decision agreementHasParties(List<Disputes.Party> parties) {
        boolean applicant = parties.stream().anyMatch(p -> p.role() == PartyRole.APPLICANT);
        boolean respondent = parties.stream().anyMatch(p -> p.role() == PartyRole.RESPONDENT);
        return applicant && respondent ? Decision.allowed() : Decision.refused("dispute.refused.agreementWithoutParties");
    }

    /** 人民调解法 Art 33: a joint application within the window after the agreement took effect. */
    static Decision confirmationInTime(MediationRecords.Agreement a, LocalDate appliedOn, int windowDays) {
        if (a == null || a.effectiveOn() == null) {
            return Decision.refused("dispute.refused.agreementNotEffective");
        }
        if (appliedOn.isBefore(a.effectiveOn())) {
            return Decision.refused("dispute.refused.applicationBeforeEffect");
        }
        return appliedOn.isAfter(a.effectiveOn().plusDays(windowDays))
                ? Decision.refused("dispute.refused.applicationLate") : Decision.allowed();
    }

    static Decision rulingAfterApplication(MediationRecords.Confirmation c, LocalDate ruledOn) {
        if (c.status() != ConfirmationStatus.APPLIED) {
            return Decision.refused("dispute.refused.alreadyRuled");
        }
        return ruledOn.isBefore(c.appliedOn()) ? Decision.refused("dispute.refused.rulingBeforeApplication")
                : Decision.allowed();
    }

    /** "Prevented": an elevated risk brought down to LOW, and the dispute ended without violence. */
    static boolean prevented(Disputes.Row d, RiskLevel now, boolean withoutViolence) {
        return withoutViolence && elevated(d.peakRisk()) && now == RiskLevel.LOW;
    }

    /**
     * MEDIUM or HIGH: casework's triage level and the 民转刑 assessment share one scale (decision 0019); for a dispute
     * "elevated" is the threshold from which bringing the risk down counts as prevented.
     */
    static boolean elevated(RiskLevel level) {
        return level == RiskLevel.MEDIUM || level == RiskLevel.HIGH;
    }
}
