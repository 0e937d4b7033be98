package io.minyi.dispute.internal;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.platform.InvalidInputException;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.util.List;

import static io.minyi.dispute.internal.DisputeIntake.blankToNull;
import static io.minyi.dispute.internal.Refusals.require;

/**
 * The agreement once drawn up (调解协议): the parties' signatures, from which it takes effect and its follow-up visits
 * are scheduled, and those visits (回访) — where a failed performance reopens the mediation. Each move loads the dispute
 * the viewer may see (else 404), checks the rules, writes and leaves an audit event, in one transaction.
 */
@Service
@RequiredArgsConstructor
public class AgreementDesk {

    private final DisputeAccess access;
    private final Disputes disputes;
    private final MediatorPool pool;
    private final MediationRecords records;
    private final AuditTrail audit;
    private final DisputeProperties props;

    /** Signed (scan uploaded, or signed on paper as the mediator attests): the agreement takes effect today. */
    @Transactional
    public void sign(long id, Viewer v, Signature how, String fileName, byte[] scan) {
        access.load(id, v);
        require(MediationRules.assignedMediator(v, pool.activeMediators(id)));
        MediationRecords.Agreement a = records.agreement(id)
                .orElseThrow(() -> new InvalidInputException("dispute.invalid.noAgreement"));
        if (a.signed()) {
            throw new InvalidInputException("dispute.invalid.alreadySigned");
        }
        if (how == null || how == Signature.SCAN && (scan == null || scan.length == 0)) {
            throw new InvalidInputException("dispute.invalid.signature");
        }
        if (scan != null && scan.length > 10 * 1024 * 1024) {
            throw new InvalidInputException("dispute.invalid.scanTooLarge");
        }
        LocalDate on = access.today();
        records.sign(id, how, how == Signature.SCAN ? scan : null,
                how == Signature.SCAN ? DisputeIntake.abbreviate(fileName, 100) : null, v.username(), on);
        for (int days : props.followUpDays()) {
            records.scheduleFollowUp(id, on.plusDays(days));
        }
        audit.record(AuditEntry.of("dispute.dispute.sign", "dispute", id).withChange(null, how.name() + " " + on));
    }

    public record FollowUpInput(long followUpId, Performance performance, Boolean satisfied, Boolean lawsuit,
                                String remainingRisk, String note, boolean reopen) {
    }

    /**
     * A follow-up visit (回访记录). Not performed: the mediator reopens the mediation, or records guidance to apply
     * for enforcement.
     */
    @Transactional
    public void recordFollowUp(long id, Viewer v, FollowUpInput in) {
        Disputes.Row d = access.load(id, v);
        List<Long> active = pool.activeMediators(id);
        require(MediationRules.assignedMediator(v, active));
        MediationRecords.FollowUp f = records.followUps(id).stream().filter(x -> x.id() == in.followUpId())
                .findFirst().orElseThrow(() -> new InvalidInputException("dispute.invalid.followUp"));
        if (f.done()) {
            throw new InvalidInputException("dispute.invalid.followUpDone");
        }
        if (in.performance() == null) {
            throw new InvalidInputException("dispute.invalid.performance");
        }
        if (in.note() != null && in.note().length() > 2000 || in.remainingRisk() != null && in.remainingRisk().length() > 500) {
            throw new InvalidInputException("dispute.invalid.note");
        }
        String action = null;
        if (in.performance() == Performance.NOT_PERFORMED) {
            action = in.reopen() ? "REOPENED" : "ENFORCEMENT_GUIDANCE";
        }
        records.recordFollowUp(f.id(), access.today(), in.performance(), in.satisfied(), in.lawsuit(),
                blankToNull(in.remainingRisk()), action, blankToNull(in.note()), v.username());
        audit.record(AuditEntry.of("dispute.dispute.follow_up", "dispute", id)
                .withChange(null, in.performance().name() + (action == null ? "" : " " + action)));
        if ("REOPENED".equals(action) && d.status() == DisputeStatus.AGREED) {
            disputes.setStatus(id, DisputeStatus.MEDIATING, null, null, null);
            disputes.setMediationDue(id, access.today().plusDays(props.mediationDays()));
            pool.changeLoad(active, 1);
            audit.record(AuditEntry.of("dispute.dispute.reopen", "dispute", id).withChange("AGREED", "MEDIATING"));
        }
    }
}
