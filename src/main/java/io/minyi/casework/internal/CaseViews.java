package io.minyi.casework.internal;

import io.minyi.casework.TransferTarget;
import io.minyi.casework.RiskLevel;
import io.minyi.casework.Outcome;
import io.minyi.casework.CaseState;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.org.OrgRefs.UnitRef;
import io.minyi.platform.Decision;
import io.minyi.platform.NotFoundException;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** What the staff pages show of a case: names resolved, the raiser shown only as far as the viewer may know. */
@Component
@RequiredArgsConstructor
public class CaseViews {

    private final Cases cases;
    private final OrgDirectory org;
    private final Attachments attachments;
    private final DuplicateSuggestions duplicates;
    private final Clock clock;
    private final Deadlines deadlines;
    private final CaseLevels levels;

    public record Detail(CaseSnapshot snapshot, String jurisdictionName, String subjectUnitName, String subjectOfficerName,
                         String raiserName, String raiserPhone, boolean raiserHidden, String unitName,
                         String reviewUnitName, String proposedUnitName, boolean overdue, Set<Move> moves,
                         List<Cases.StepRow> steps, List<Attachments.Attachment> attachments,
                         List<Duplicate> duplicates, List<UnitRef> units, DispatchDeadline dispatchDeadline) {
    }

    /**
     * A likely duplicate of the case shown, and which way the two could be merged now: the later one into the earlier
     * one where the later one is still before dispatch, else the other way; {@code mergedId} null when neither can.
     */
    public record Duplicate(Cases.Row row, Long mergedId, Long mainId) {
        public boolean thisMerges(long shownId) {
            return mergedId != null && mergedId == shownId;
        }
    }

    /** The deadline a dispatch would set now by the rule, for the dispatcher to keep, shorten or extend. */
    public record DispatchDeadline(LocalDate standard, int workingDays) {
    }

    /** Whether the actor may open the case page: a grid worker registers cases that the centre then handles. */
    public boolean visible(long id, Actor actor) {
        return cases.findVisible(id, actor).isPresent();
    }

    public Detail detail(long id, Actor actor) {
        Case c = cases.findVisible(id, actor).orElseThrow(() -> new NotFoundException("case"));
        CaseSnapshot s = c.snapshot();
        boolean hidden = !CasePolicy.mayKnowRaiser(actor, c);
        LocalDate today = LocalDate.now(clock);
        Set<Move> moves = movesFor(c, actor, clock.instant(), levels.above(c, actor).orElse(null),
                levels.below(c, actor));
        List<Duplicate> dups = duplicatesOf(c, actor, today);
        DispatchDeadline due = moves.contains(Move.DISPATCH) || moves.contains(Move.REDISPATCH)
                ? new DispatchDeadline(deadlines.forDispatch(c, clock.instant()),
                deadlines.workingDaysFor(c.type(), c.category())) : null;
        List<UnitRef> units = moves.contains(Move.DISPATCH) || moves.contains(Move.TRIAGE)
                || moves.contains(Move.REDISPATCH) ? org.unitsWithin(actor.jurisdictionPath())
                : moves.contains(Move.PASS_DOWN) ? unitsBelow(s.unitId()) : List.of();
        return new Detail(s, org.jurisdiction(s.jurisdictionId()).map(j -> j.name()).orElse(""),
                unitName(s.subjectUnitId()),
                s.subjectOfficerId() == null ? null : org.officer(s.subjectOfficerId()).map(o -> o.name() + "（" + o.badgeNo() + "）").orElse(null),
                hidden ? null : s.raiserNameMasked(), hidden ? null : s.raiserPhoneMasked(), hidden,
                unitName(s.unitId()), unitName(s.reviewUnitId()), unitName(s.proposedUnitId()),
                s.deadline() != null && CaseState.WITH_UNIT.contains(s.state()) && s.deadline().isBefore(today),
                moves, cases.steps(id), visibleAttachments(id, hidden), dups, units, due);
    }

    /**
     * Likely duplicates among open cases, for a dispatcher who may merge this case or be merged into: shown on both
     * cases of a pair (the earlier case lists the later ones too), each with the merge the aggregate would accept now.
     */
    private List<Duplicate> duplicatesOf(Case c, Actor actor, LocalDate today) {
        if (!c.state().isOpen() || !CasePolicy.dispatcher(actor, c).isAllowed()) {
            return List.of();
        }
        List<Long> ids = duplicates.similar(c, 5).stream().map(DuplicateIndex.Hit::caseId).toList();
        Instant now = clock.instant();
        List<Duplicate> out = new ArrayList<>();
        for (Cases.Row r : cases.byIds(ids, actor, today)) {
            Case other = cases.findVisible(r.id(), actor).orElse(null);
            if (other == null) {
                continue;
            }
            boolean otherIsLater = r.receivedAt().isAfter(c.snapshot().receivedAt())
                    || r.receivedAt().equals(c.snapshot().receivedAt()) && r.id() > c.id();
            Case later = otherIsLater ? other : c;
            Case earlier = otherIsLater ? c : other;
            Long merged = null;
            Long main = null;
            if (mayMerge(later, earlier, actor, now)) {
                merged = later.id();
                main = earlier.id();
            } else if (mayMerge(earlier, later, actor, now)) {
                merged = earlier.id();
                main = later.id();
            }
            out.add(new Duplicate(r, merged, main));
        }
        return out;
    }

    private static boolean mayMerge(Case from, Case into, Actor actor, Instant now) {
        return new Case(from.snapshot()).mergeInto(actor, now, new Case(into.snapshot()), null).isAllowed();
    }

    /**
     * The two sides of a merge for its confirmation page: what ends as merged, what it is merged into, and whether the
     * aggregate would accept it now (a refusal is shown instead of the confirm button).
     */
    public record MergePreview(Cases.Row merged, Cases.Row main, Decision decision) {
    }

    public MergePreview mergePreview(long id, long targetId, Actor actor) {
        Case c = cases.findVisible(id, actor).orElseThrow(() -> new NotFoundException("case"));
        Case target = cases.findVisible(targetId, actor).orElseThrow(() -> new NotFoundException("case"));
        LocalDate today = LocalDate.now(clock);
        List<Cases.Row> rows = cases.byIds(List.of(id, targetId), actor, today);
        Cases.Row merged = rows.stream().filter(r -> r.id() == id).findFirst()
                .orElseThrow(() -> new NotFoundException("case"));
        Cases.Row main = rows.stream().filter(r -> r.id() == targetId).findFirst()
                .orElseThrow(() -> new NotFoundException("case"));
        Decision d = new Case(c.snapshot()).mergeInto(actor, clock.instant(), new Case(target.snapshot()), null);
        return new MergePreview(merged, main, d);
    }

    /** An assisting unit's part as the case page shows it. */
    public record AssistPart(String unitName, LocalDate deadline, CaseAssist.State state, String report,
                             Instant reportedAt, boolean overdue) {
    }

    /**
     * What the case page shows of co-handling and levels: the assisting units' parts, the level in charge, and the
     * choices for the moves this actor may make (units to assist, the level above, the levels below).
     */
    public record CoHandling(List<AssistPart> parts, String levelName, LocalDate levelDeadline,
                             List<UnitRef> assistCandidates, JurisdictionRef above, List<JurisdictionRef> below) {
    }

    public CoHandling coHandling(long id, Actor actor) {
        Case c = cases.findVisible(id, actor).orElseThrow(() -> new NotFoundException("case"));
        LocalDate today = LocalDate.now(clock);
        List<AssistPart> parts = c.assists().stream().map(p -> new AssistPart(unitName(p.unitId()), p.deadline(),
                p.state(), p.report(), p.reportedAt(), p.open() && p.deadline().isBefore(today))).toList();
        Set<Move> moves = movesFor(c, actor, clock.instant(), levels.above(c, actor).orElse(null),
                levels.below(c, actor));
        List<UnitRef> candidates = moves.contains(Move.ASSIGN_ASSIST)
                ? org.unitsWithin(actor.jurisdictionPath()).stream()
                .filter(u -> u.active() && (c.unitId() == null || u.id() != c.unitId()) && !c.assisting(u.id()))
                .toList()
                : List.of();
        String levelName = c.snapshot().levelJurisdictionId() == null ? null
                : org.jurisdiction(c.snapshot().levelJurisdictionId()).map(JurisdictionRef::name).orElse(null);
        return new CoHandling(parts, levelName, c.levelDeadline(), candidates,
                moves.contains(Move.ESCALATE) ? levels.above(c, actor).orElse(null) : null,
                moves.contains(Move.HAND_DOWN) ? levels.below(c, actor) : List.of());
    }

    /**
     * The raiser's own photos may show who the raiser is: they are withheld, like the raiser's name, from the unit
     * the case is about (its officer never sees the case at all).
     */
    public List<Attachments.Attachment> visibleAttachments(long caseId, boolean raiserHidden) {
        return attachments.ofCase(caseId).stream().filter(a -> !(raiserHidden && a.fromRaiser())).toList();
    }

    /** The units under the given one in the unit tree (its 下级单位), for passing a case down. */
    private List<UnitRef> unitsBelow(long unit) {
        String path = org.unit(unit).map(UnitRef::jurisdictionPath).orElse("/");
        return org.unitsWithin(path).stream().filter(u -> u.id() != unit && org.isUnitBelow(u.id(), unit)).toList();
    }

    private String unitName(Long id) {
        return id == null ? null : org.unit(id).map(UnitRef::name).orElse(null);
    }

    /**
     * The moves this actor could make now, found by trying each on a copy of the case with plausible input — so the
     * page offers exactly what the aggregate would accept, with no second copy of the rules.
     */
    public static Set<Move> movesFor(Case c, Actor actor, Instant now) {
        return movesFor(c, actor, now, null, List.of());
    }

    /** @param above the level above the one in charge, {@code below} those under it (for 上报 and 下交) */
    public static Set<Move> movesFor(Case c, Actor actor, Instant now, JurisdictionRef above,
                                     List<JurisdictionRef> below) {
        Set<Move> out = EnumSet.noneOf(Move.class);
        LocalDate later = LocalDate.ofInstant(now, Case.CHINA).plusDays(30);
        CaseSnapshot s = c.snapshot();
        Outcome anyOutcome = c.type() == io.minyi.casework.CaseType.CLUE ? Outcome.UNFOUNDED : Outcome.RESOLVED;
        long someUnit = c.unitId() != null ? c.unitId() : 1L;
        List<Move> all = new ArrayList<>(List.of(Move.values()));
        for (Move m : all) {
            Case t = new Case(s);
            boolean ok = switch (m) {
                case RECEIVE, RATE, CLOSE_NO_FEEDBACK, CLOSE_BY_FOLLOW_UP, CONFIRM_ON_SITE, COMMENT, TRANSFER_RESULT,
                     DISCIPLINE_RESULT -> false;
                case FOLLOW_UP_CALL -> t.recordFollowUpCall(actor, now, Satisfaction.SATISFIED, "x").isAllowed();
                case DISCIPLINE_HANDOVER -> t.handOverToDiscipline(actor, now, "x").isAllowed();
                case ACCEPT -> t.accept(actor, now, null).isAllowed();
                case REJECT -> t.reject(actor, now, "x").isAllowed();
                case TRIAGE -> t.triage(actor, now, "x", RiskLevel.LOW, someUnit, null).isAllowed();
                case DISPATCH -> t.dispatch(actor, now, someUnit, null, later, null).isAllowed();
                case SIGN -> t.sign(actor, now).isAllowed();
                case REQUEST_RETURN -> t.requestReturn(actor, now, "x").isAllowed();
                case REDISPATCH -> t.redispatch(actor, now, someUnit, null, later, null).isAllowed();
                case REPORT -> t.report(actor, now, anyOutcome, "x", 0, null, List.of()).isAllowed();
                case REPORT_PROGRESS -> t.reportVerificationOngoing(actor, now, "x", later).isAllowed();
                case PASS_DOWN -> s.deadline() != null && t.passDown(actor, now, -1, true,
                        LocalDate.ofInstant(now, Case.CHINA).plusDays(1), null).isAllowed();
                case UNIT_APPROVE -> t.unitApprove(actor, now, null).isAllowed();
                case UNIT_SEND_BACK -> t.unitSendBack(actor, now, "x").isAllowed();
                case APPROVE -> t.approve(actor, now, later, null).isAllowed();
                case SEND_BACK -> t.sendBack(actor, now, "x").isAllowed();
                case MERGE -> CasePolicy.dispatcher(actor, t).isAllowed()
                        && EnumSet.of(CaseState.RECEIVED, CaseState.ACCEPTED, CaseState.TRIAGED).contains(s.state());
                case TRANSFER -> t.transfer(actor, now, TransferTarget.HOTLINE, "x").isAllowed();
                case ARCHIVE -> t.archive(actor, now, null).isAllowed();
                case ASSIGN_ASSIST -> s.deadline() != null && s.deadline().isAfter(LocalDate.ofInstant(now, Case.CHINA))
                        && t.assignAssisting(actor, now, List.of(-1L), s.deadline(), null).isAllowed();
                case ASSIST_REPORT -> t.reportAssist(actor, now, "x").isAllowed();
                case ESCALATE -> above != null
                        && t.escalate(actor, now, above.id(), above.path(), above.name(), "x").isAllowed();
                case HAND_DOWN -> !below.isEmpty() && t.handDown(actor, now, below.getFirst().id(),
                        below.getFirst().path(), below.getFirst().name(), later, "x").isAllowed();
            };
            if (ok) {
                out.add(m);
            }
        }
        return out;
    }
}
