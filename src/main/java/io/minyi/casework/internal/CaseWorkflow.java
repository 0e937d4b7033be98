package io.minyi.casework.internal;

import io.minyi.casework.TransferTarget;
import io.minyi.casework.RiskLevel;
import io.minyi.casework.Outcome;
import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.UnitRef;
import io.minyi.platform.CityKey;
import io.minyi.platform.Decision;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.NotFoundException;
import io.minyi.platform.RefusedException;
import lombok.RequiredArgsConstructor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The use cases of the loop: load the case the actor may see, ask the aggregate to make the move, and — only when it
 * was accepted — save the case and its new ledger steps, write one audit event per step and publish the case's
 * events, all in one transaction. A refusal is returned as the value it is ({@link Decision.Refused}), nothing is
 * written, and the page shows it ({@link #kindOf}: 403 for who-may rules, 409 for state and input rules). A case out
 * of sight is still "not found", and a lost optimistic-lock race still a {@link RefusedException}.
 * <p>
 * Every public method is such a use case, so the transaction is declared once, on the class.
 */
@Service
@Transactional
@RequiredArgsConstructor
public class CaseWorkflow {

    private static final Set<String> PERMISSION_REASONS = Set.of(CasePolicy.NOT_YOUR_ROLE, CasePolicy.OUT_OF_SCOPE,
            CasePolicy.CONFLICT, CasePolicy.NOT_YOUR_UNIT, CasePolicy.NOT_REVIEWER, CasePolicy.NOT_YOUR_LEVEL);

    private final Cases cases;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Deadlines deadlines;
    private final OrgDirectory org;
    private final DuplicateSuggestions duplicates;
    private final Attachments attachments;
    private final CaseCategories categories;
    private final CaseLevels levels;

    public Decision accept(long id, Actor by, String comment) {
        return apply(id, by, (c, at) -> c.accept(by, at, comment));
    }

    public Decision reject(long id, Actor by, String reason) {
        return apply(id, by, (c, at) -> c.reject(by, at, reason));
    }

    public Decision triage(long id, Actor by, String category, RiskLevel risk, long proposedUnitId, String comment) {
        // the category comes from the type's taxonomy (类别目录), not free text; the aggregate checks the rest
        return apply(id, by, (c, at) -> category != null && !category.isBlank()
                && !categories.isOffered(c.type(), category) ? Decision.refused("casework.refused.categoryUnknown")
                : c.triage(by, at, category, risk, unitInScope(proposedUnitId, by).id(), comment));
    }

    /** Dispatches to the given unit, or to the proposed one from triage when {@code unitId} is null. */
    public Decision dispatch(long id, Actor by, Long unitId, String comment) {
        return dispatch(id, by, unitId, DeadlineChoice.STANDARD, comment);
    }

    /**
     * Dispatches with the deadline the dispatcher chose: the standard one ({@link Deadlines#dispatchDeadline}), or
     * an earlier or later day with a reason, which goes on the ledger step and into the audit trail.
     */
    public Decision dispatch(long id, Actor by, Long unitId, DeadlineChoice due, String comment) {
        return apply(id, by, (c, at) -> {
            Long target = unitId != null ? unitId : c.proposedUnitId();
            if (target == null) {
                return Decision.refused("casework.refused.unitRequired");
            }
            return toUnit(c, by, at, target, due, comment, (unit, review, deadline, note) ->
                    c.dispatch(by, at, unit, review, deadline, note));
        });
    }

    /** Dispatch and redispatch alike: how the unit reached the case. */
    @FunctionalInterface
    private interface ToUnit {
        Decision move(long unitId, Long reviewUnitId, LocalDate deadline, String note);
    }

    /**
     * Sends the case to a unit in the dispatcher's scope with the deadline chosen: the rule's, or an earlier or later
     * day with a reason, checked here and audited on its own.
     */
    private Decision toUnit(Case c, Actor by, Instant at, long unitId, DeadlineChoice due, String comment,
                            ToUnit move) {
        UnitRef unit = unitInScope(unitId, by);
        LocalDate standard = dispatchDeadline(c, at);
        Decision d = due.check(standard, LocalDate.now(clock))
                .and(() -> move.move(unit.id(), reviewUnitOf(unit), due.dayOr(standard), due.noteOn(standard, comment)));
        auditAdjustment(c, d, due, standard);
        return d;
    }

    /**
     * The rule's deadline, or the one a higher level set when it handed the case down if that comes first (and is
     * still ahead).
     */
    private java.time.LocalDate dispatchDeadline(Case c, Instant at) {
        return deadlines.forDispatch(c, at);
    }

    /** 协办: names assisting units for a dispatched case; their parts are due by {@code due} (the case's deadline when null). */
    public Decision assignAssisting(long id, Actor by, List<Long> assistUnitIds, java.time.LocalDate due,
                                    String comment) {
        return apply(id, by, (c, at) -> c.assignAssisting(by, at, assistUnitIds == null ? List.of()
                        : assistUnitIds.stream().map(u -> unitInScope(u, by).id()).toList(),
                due != null ? due : c.deadline(), comment));
    }

    /** An assisting unit files its part. */
    public Decision reportAssist(long id, Actor by, String text) {
        return apply(id, by, (c, at) -> c.reportAssist(by, at, text));
    }

    /** 上报: to the governance centre of the level above the one in charge. */
    public Decision escalate(long id, Actor by, String reason) {
        return apply(id, by, (c, at) -> {
            var upper = levels.above(c, by);
            return c.escalate(by, at, upper.map(j -> j.id()).orElse(null), upper.map(j -> j.path()).orElse(null),
                    upper.map(j -> j.name()).orElse(""), reason);
        });
    }

    /** 下交 to a lower level's centre, which is to dispatch and finish the case by {@code due}. */
    public Decision handDown(long id, Actor by, long jurisdictionId, java.time.LocalDate due, String reason) {
        return apply(id, by, (c, at) -> {
            var lower = levels.below(c, by).stream().filter(j -> j.id() == jurisdictionId).findFirst();
            if (lower.isEmpty()) {
                return Decision.refused("casework.refused.notLower");
            }
            return c.handDown(by, at, lower.get().id(), lower.get().path(), lower.get().name(), due, reason);
        });
    }

    public Decision redispatch(long id, Actor by, long unitId, String comment) {
        return redispatch(id, by, unitId, DeadlineChoice.STANDARD, comment);
    }

    public Decision redispatch(long id, Actor by, long unitId, DeadlineChoice due, String comment) {
        return apply(id, by, (c, at) -> toUnit(c, by, at, unitId, due, comment, (unit, review, deadline, note) ->
                c.redispatch(by, at, unit, review, deadline, note)));
    }

    /** A deadline set other than by the rule is audited on its own, with the rule's day, the chosen one and why. */
    private void auditAdjustment(Case c, Decision d, DeadlineChoice due, LocalDate standard) {
        if (d.isAllowed() && due.adjusts(standard)) {
            audit.record(AuditEntry.of("casework.case.adjust_deadline", "case", c.id())
                    .withChange(standard.toString(), due.day() + " " + due.reason().strip()));
        }
    }

    public Decision sign(long id, Actor by) {
        return apply(id, by, (c, at) -> c.sign(by, at));
    }

    public Decision requestReturn(long id, Actor by, String reason) {
        return apply(id, by, (c, at) -> c.requestReturn(by, at, reason));
    }

    /** 下交: the responsible unit's leader passes the case to a unit below it, with a deadline inside its own. */
    public Decision passDown(long id, Actor by, long subUnitId, java.time.LocalDate due, String comment) {
        return apply(id, by, (c, at) -> c.passDown(by, at, subUnitId,
                c.unitId() != null && org.isUnitBelow(subUnitId, c.unitId()), due, comment));
    }

    /** 核查中: an interim report on a clue; the deadline is extended by the rule when this is the first in time. */
    public Decision reportVerificationOngoing(long id, Actor by, String progress) {
        return apply(id, by, (c, at) -> c.reportVerificationOngoing(by, at, progress,
                deadlines.extendedDeadline(c.type(), c.category(), c.deadline())));
    }

    /** An evidence file as uploaded. */
    public record Upload(String fileName, byte[] content) {
    }

    /** Reports the handling; evidence files are checked and stored only once the report itself would be accepted. */
    public Decision report(long id, Actor by, Outcome outcome, String findings, int disciplined, String names,
                       List<Upload> evidence) {
        return apply(id, by, (c, at) -> {
            Decision trial = new Case(c.snapshot()).report(by, at, outcome, findings, disciplined, names, List.of());
            if (!trial.isAllowed()) {
                return trial;
            }
            List<Long> ids = evidence.stream()
                    .map(u -> attachments.store(CityKey.of(c.snapshot().jurisdictionPath()), c.id(), u.fileName(),
                            u.content(), by.name())).toList();
            return c.report(by, at, outcome, findings, disciplined, names, ids);
        });
    }

    public Decision unitApprove(long id, Actor by, String comment) {
        return apply(id, by, (c, at) -> c.unitApprove(by, at, comment));
    }

    public Decision unitSendBack(long id, Actor by, String comment) {
        return apply(id, by, (c, at) -> c.unitSendBack(by, at, comment));
    }

    public Decision approve(long id, Actor by, String comment) {
        return apply(id, by, (c, at) -> c.approve(by, at, deadlines.feedbackDue(), comment));
    }

    public Decision sendBack(long id, Actor by, String comment) {
        return apply(id, by, (c, at) -> c.sendBack(by, at, comment));
    }

    /** The resident, holding the tracking code, rates the handling. */
    public Decision rateHandling(String trackingCode, Satisfaction verdict, String comment) {
        // A merged case's resident rates the case theirs was merged into: that is the handling they waited for.
        Case c = CaseTracking.mainCaseOf(cases.findByTrackingCode(trackingCode)
                .orElseThrow(() -> new NotFoundException("case")), cases);
        Actor resident = Actor.resident();
        return apply(c, resident, (k, at) -> k.rateHandling(resident, at, verdict, comment,
                deadlines.dispatchDeadline(k.type(), k.category())));
    }

    /**
     * Whether the resident's rating {@code verdict} already stands on the case of this tracking code (see
     * {@link Case#holdsResidentRating}): a refused or conflicting rating form that says so was sent twice.
     */
    @Transactional(readOnly = true)
    public boolean residentRatingStands(String trackingCode, Satisfaction verdict) {
        return cases.findByTrackingCode(trackingCode).map(c -> CaseTracking.mainCaseOf(c, cases))
                .filter(c -> c.holdsResidentRating(verdict)).isPresent();
    }

    /** 回访: staff record the verdict a raiser gave on the phone; it applies if the raiser does not rate in time. */
    public Decision recordFollowUpCall(long id, Actor by, Satisfaction verdict, String callNote) {
        return apply(id, by, (c, at) -> c.recordFollowUpCall(by, at, verdict, callNote));
    }

    /** Scheduled: closes one case whose rating period ran out. */
    public boolean closeWithoutFeedback(long id) {
        Actor system = Actor.system();
        Case c = cases.find(id).orElseThrow(() -> new NotFoundException("case"));
        Decision d = c.closeWithoutFeedback(system, clock.instant(), deadlines.dispatchDeadline(c.type(),
                c.category()));
        if (d.isAllowed()) {
            persist(c, system);
        }
        return d.isAllowed();
    }

    /** 核实 by a worker of the case's grid; a case of another grid is not found. */
    public Decision confirmOnSite(long id, Actor by, boolean resolved, String note) {
        Case c = cases.findForGridWorker(id, by.name()).orElseThrow(() -> new NotFoundException("case"));
        return apply(c, by, (k, at) -> k.confirmOnSite(by, at, resolved, note,
                deadlines.dispatchDeadline(k.type(), k.category())));
    }

    /** 并单: {@code id} ends as merged into {@code targetId}; both cases are saved, each with its ledger step. */
    public Decision merge(long id, Actor by, long targetId, String comment) {
        // the case first (404 if out of sight), then the target (a refusal if out of sight)
        Case c = cases.findVisible(id, by).orElseThrow(() -> new NotFoundException("case"));
        Case target = cases.findVisible(targetId, by).orElse(null);
        Decision d = c.mergeInto(by, clock.instant(), target, comment);
        if (d.isAllowed()) {
            persist(c, by);
            persist(target, by);
        }
        return d;
    }

    public Decision transfer(long id, Actor by, TransferTarget target, String reason) {
        return apply(id, by, (c, at) -> c.transfer(by, at, target, reason));
    }

    public Decision archive(long id, Actor by, String comment) {
        return apply(id, by, (c, at) -> c.archive(by, at, comment));
    }

    /** A move made by the system on behalf of an outside client; a refusal comes back as a value. */
    interface OutsideMove {
        Decision apply(Case c, Actor by, Instant at);
    }

    public Decision fromOutside(long id, Actor system, OutsideMove move) {
        Case c = cases.find(id).orElseThrow(() -> new NotFoundException("case"));
        return apply(c, system, (k, at) -> move.apply(k, system, at));
    }

    public Decision handOverToDiscipline(long id, Actor by, String reason) {
        return apply(id, by, (c, at) -> c.handOverToDiscipline(by, at, reason));
    }

    public Decision recordDisciplineResult(long id, Actor by, String result) {
        return apply(id, by, (c, at) -> c.recordDisciplineResult(by, at, result));
    }

    private Decision apply(long id, Actor by, BiFunction<Case, Instant, Decision> move) {
        Case c = cases.findVisible(id, by).orElseThrow(() -> new NotFoundException("case"));
        return apply(c, by, move);
    }

    /** A refusal comes back as it is, and nothing is written; an allowed move is saved with its steps and events. */
    private Decision apply(Case c, Actor by, BiFunction<Case, Instant, Decision> move) {
        Decision d = move.apply(c, clock.instant());
        if (!d.isAllowed()) {
            return d;
        }
        persist(c, by);
        return d;
    }

    /** Who-may refusals (403) apart from state and input refusals (409), for the page that shows them. */
    public static RefusalKind kindOf(Decision.Refused r) {
        return PERMISSION_REASONS.contains(r.reason()) ? RefusalKind.FORBIDDEN : RefusalKind.WRONG_STATE;
    }

    public enum RefusalKind {
        FORBIDDEN(403), WRONG_STATE(409);

        private final int status;

        RefusalKind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private void persist(Case c, Actor by) {
        cases.save(c);
        for (CaseStep step : c.newSteps()) {
            AuditEntry entry = AuditEntry.of(step.action().auditAction(), "case", c.id())
                    .withChange(step.from() == null ? null : step.from().name(), step.to().name())
                    .inCity(io.minyi.platform.CityKey.of(c.jurisdictionPath()));
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
