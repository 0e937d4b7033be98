package io.minyi.casework.internal;

import io.minyi.casework.TransferTarget;
import io.minyi.casework.RiskLevel;
import io.minyi.casework.Outcome;
import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.UnitRef;
import io.minyi.platform.Decision;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.NotFoundException;
import io.minyi.platform.RefusedException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The use cases of the loop: load the case the actor may see, ask the aggregate to make the move, and — only when it
 * was accepted — save the case and its new ledger steps, write one audit event per step and publish the case's
 * events, all in one transaction. A refusal becomes a {@link RefusedException}: 403 for who-may rules, 409 for
 * state rules, and nothing is written.
 */
@Service
public class CaseWorkflow {

    private static final Set<String> PERMISSION_REASONS = Set.of(CasePolicy.NOT_YOUR_ROLE, CasePolicy.OUT_OF_SCOPE,
            CasePolicy.CONFLICT, CasePolicy.NOT_YOUR_UNIT, CasePolicy.NOT_REVIEWER);

    private final Cases cases;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Deadlines deadlines;
    private final OrgDirectory org;
    private final DuplicateSuggestions duplicates;
    private final Attachments attachments;

    public CaseWorkflow(Cases cases, AuditTrail audit, ApplicationEventPublisher events, Clock clock,
                        Deadlines deadlines, OrgDirectory org, DuplicateSuggestions duplicates,
                        Attachments attachments) {
        this.attachments = attachments;
        this.cases = cases;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.deadlines = deadlines;
        this.org = org;
        this.duplicates = duplicates;
    }

    @Transactional
    public void accept(long id, Actor by, String comment) {
        apply(id, by, (c, at) -> c.accept(by, at, comment));
    }

    @Transactional
    public void reject(long id, Actor by, String reason) {
        apply(id, by, (c, at) -> c.reject(by, at, reason));
    }

    @Transactional
    public void triage(long id, Actor by, String category, RiskLevel risk, long proposedUnitId, String comment) {
        apply(id, by, (c, at) -> c.triage(by, at, category, risk, unitInScope(proposedUnitId, by).id(), comment));
    }

    /** Dispatches to the given unit, or to the proposed one from triage when {@code unitId} is null. */
    @Transactional
    public void dispatch(long id, Actor by, Long unitId, String comment) {
        apply(id, by, (c, at) -> {
            Long target = unitId != null ? unitId : c.proposedUnitId();
            if (target == null) {
                return Decision.refused("casework.refused.unitRequired");
            }
            UnitRef unit = unitInScope(target, by);
            return c.dispatch(by, at, unit.id(), reviewUnitOf(unit), deadlines.dispatchDeadline(c.type(),
                    c.category()), comment);
        });
    }

    @Transactional
    public void redispatch(long id, Actor by, long unitId, String comment) {
        apply(id, by, (c, at) -> {
            UnitRef unit = unitInScope(unitId, by);
            return c.redispatch(by, at, unit.id(), reviewUnitOf(unit), deadlines.dispatchDeadline(c.type(),
                    c.category()), comment);
        });
    }

    @Transactional
    public void sign(long id, Actor by) {
        apply(id, by, (c, at) -> c.sign(by, at));
    }

    @Transactional
    public void requestReturn(long id, Actor by, String reason) {
        apply(id, by, (c, at) -> c.requestReturn(by, at, reason));
    }

    /** 核查中: an interim report on a clue; the deadline is extended by the rule when this is the first in time. */
    @Transactional
    public void reportVerificationOngoing(long id, Actor by, String progress) {
        apply(id, by, (c, at) -> c.reportVerificationOngoing(by, at, progress,
                deadlines.extendedDeadline(c.type(), c.category(), c.deadline())));
    }

    /** An evidence file as uploaded. */
    public record Upload(String fileName, byte[] content) {
    }

    /** Reports the handling; evidence files are checked and stored only once the report itself would be accepted. */
    @Transactional
    public void report(long id, Actor by, Outcome outcome, String findings, int disciplined, String names,
                       List<Upload> evidence) {
        apply(id, by, (c, at) -> {
            Decision trial = new Case(c.snapshot()).report(by, at, outcome, findings, disciplined, names, List.of());
            if (!trial.isAllowed()) {
                return trial;
            }
            List<Long> ids = evidence.stream()
                    .map(u -> attachments.store(c.id(), u.fileName(), u.content(), by.name())).toList();
            return c.report(by, at, outcome, findings, disciplined, names, ids);
        });
    }

    @Transactional
    public void unitApprove(long id, Actor by, String comment) {
        apply(id, by, (c, at) -> c.unitApprove(by, at, comment));
    }

    @Transactional
    public void unitSendBack(long id, Actor by, String comment) {
        apply(id, by, (c, at) -> c.unitSendBack(by, at, comment));
    }

    @Transactional
    public void approve(long id, Actor by, String comment) {
        apply(id, by, (c, at) -> c.approve(by, at, deadlines.feedbackDue(), comment));
    }

    @Transactional
    public void sendBack(long id, Actor by, String comment) {
        apply(id, by, (c, at) -> c.sendBack(by, at, comment));
    }

    /** The resident, holding the tracking code, rates the handling. */
    @Transactional
    public void rateHandling(String trackingCode, Satisfaction verdict, String comment) {
        // A merged case's resident rates the case theirs was merged into: that is the handling they waited for.
        Case c = CaseTracking.mainCaseOf(cases.findByTrackingCode(trackingCode)
                .orElseThrow(() -> new NotFoundException("case")), cases);
        Actor resident = Actor.resident();
        apply(c, resident, (k, at) -> k.rateHandling(resident, at, verdict, comment,
                deadlines.dispatchDeadline(k.type(), k.category())));
    }

    /** Scheduled: closes one case whose rating period ran out. */
    @Transactional
    public boolean closeWithoutFeedback(long id) {
        Actor system = Actor.system();
        Case c = cases.find(id).orElseThrow(() -> new NotFoundException("case"));
        Decision d = c.closeWithoutFeedback(system, clock.instant());
        if (d.isAllowed()) {
            persist(c, system);
        }
        return d.isAllowed();
    }

    /** 核实 by a worker of the case's grid; a case of another grid is not found. */
    @Transactional
    public void confirmOnSite(long id, Actor by, boolean resolved, String note) {
        Case c = cases.findForGridWorker(id, by.name()).orElseThrow(() -> new NotFoundException("case"));
        apply(c, by, (k, at) -> k.confirmOnSite(by, at, resolved, note,
                deadlines.dispatchDeadline(k.type(), k.category())));
    }

    @Transactional
    public void merge(long id, Actor by, long targetId, String comment) {
        // the case first (404 if out of sight), then the target (a refusal if out of sight)
        apply(id, by, (c, at) -> c.mergeInto(by, at, cases.findVisible(targetId, by).orElse(null), comment));
    }

    @Transactional
    public void transfer(long id, Actor by, TransferTarget target, String reason) {
        apply(id, by, (c, at) -> c.transfer(by, at, target, reason));
    }

    @Transactional
    public void archive(long id, Actor by, String comment) {
        apply(id, by, (c, at) -> c.archive(by, at, comment));
    }

    private void apply(long id, Actor by, BiFunction<Case, Instant, Decision> move) {
        Case c = cases.findVisible(id, by).orElseThrow(() -> new NotFoundException("case"));
        apply(c, by, move);
    }

    private void apply(Case c, Actor by, BiFunction<Case, Instant, Decision> move) {
        Decision d = move.apply(c, clock.instant());
        if (d instanceof Decision.Refused r) {
            throw new RefusedException(r.reason(), PERMISSION_REASONS.contains(r.reason()) ? 403 : 409);
        }
        persist(c, by);
    }

    private void persist(Case c, Actor by) {
        cases.save(c);
        for (CaseStep step : c.newSteps()) {
            AuditEntry entry = AuditEntry.of(step.action().auditAction(), "case", c.id())
                    .withChange(step.from() == null ? null : step.from().name(), step.to().name());
            if (by.kind() == Actor.Kind.STAFF) {
                audit.record(entry);
            } else {
                audit.recordAs(by.name(), "", entry);
            }
        }
        c.events().forEach(events::publishEvent);
        duplicates.afterCommit(c);
    }

    /** A unit may be chosen only within the dispatcher's own jurisdiction. */
    private UnitRef unitInScope(long unitId, Actor by) {
        return org.unit(unitId).filter(u -> u.active() && by.covers(u.jurisdictionPath()))
                .orElseThrow(() -> new InvalidInputException("casework.invalid.unit"));
    }

    private Long reviewUnitOf(UnitRef unit) {
        return org.parentUnit(unit.id()).map(UnitRef::id).orElse(null);
    }
}
