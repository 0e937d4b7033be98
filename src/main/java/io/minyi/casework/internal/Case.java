package io.minyi.casework.internal;

import io.minyi.platform.CityTime;
import io.minyi.casework.TransferTarget;
import io.minyi.casework.RiskLevel;
import io.minyi.casework.Outcome;
import io.minyi.casework.CaseEvents;
import io.minyi.casework.CaseState;
import io.minyi.casework.CaseType;
import io.minyi.casework.SourceChannel;
import io.minyi.platform.Decision;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static io.minyi.casework.CaseState.*;

/**
 * A case in the pool and its one closed loop. Every move is a method that first asks {@link CasePolicy} whether this
 * actor may make it, then whether the case is in a state that allows it; a refusal comes back as a
 * {@link Decision.Refused} and leaves the case exactly as it was. An accepted move changes the state, appends one
 * {@link CaseStep} to the ledger and registers the events other modules hear about; {@link CaseWorkflow} persists
 * both, and writes one audit event per step, in one transaction.
 */
public final class Case {

    static final String WRONG_STATE = "casework.refused.state";
    static final ZoneId CHINA = CityTime.ZONE;

    private final long id;
    private final String trackingCode;
    private final CaseType type;
    private final SourceChannel channel;
    private final long jurisdictionId;
    private final String jurisdictionPath;
    private final Long subjectUnitId;
    private final Long subjectOfficerId;
    private final String raiserNameMasked;
    private final String raiserPhoneMasked;
    private final String raiserKey;
    private final String content;
    private final Instant receivedAt;
    private final int version;
    private String category;
    private RiskLevel risk;
    private Long proposedUnitId;
    private Long unitId;
    private Long reviewUnitId;
    private CaseState state;
    private LocalDate deadline;
    private Instant dispatchedAt;
    private Instant reportedAt;
    private Outcome outcome;
    private String findings;
    private int personsDisciplined;
    private String disciplinedNames;
    private Satisfaction satisfaction;
    private String feedbackComment;
    private LocalDate feedbackDue;
    private int reopenCount;
    private Long mergedInto;
    private TransferTarget transferTarget;
    private String rejectReason;
    private Instant updatedAt;
    private Instant closedAt;
    private Instant verifyingSince;
    private boolean deadlineExtended;
    private Satisfaction followUpVerdict;
    private boolean feedbackByStaff;
    private Long handlingUnitId;
    private LocalDate handlingDeadline;
    private Long levelJurisdictionId;
    private String levelPath;
    private LocalDate levelDeadline;
    private final List<CaseAssist> assists;

    private final List<CaseStep> newSteps = new ArrayList<>();
    private final List<Object> events = new ArrayList<>();

    public Case(CaseSnapshot s) {
        this(s, s.assists());
    }

    /** A case with its assisting units' parts (协办), which the repository reads from their own table. */
    Case(CaseSnapshot s, List<CaseAssist> parts) {
        id = s.id();
        trackingCode = s.trackingCode();
        type = s.type();
        channel = s.channel();
        jurisdictionId = s.jurisdictionId();
        jurisdictionPath = s.jurisdictionPath();
        subjectUnitId = s.subjectUnitId();
        subjectOfficerId = s.subjectOfficerId();
        raiserNameMasked = s.raiserNameMasked();
        raiserPhoneMasked = s.raiserPhoneMasked();
        raiserKey = s.raiserKey();
        content = s.content();
        category = s.category();
        risk = s.risk();
        proposedUnitId = s.proposedUnitId();
        unitId = s.unitId();
        reviewUnitId = s.reviewUnitId();
        state = s.state();
        deadline = s.deadline();
        dispatchedAt = s.dispatchedAt();
        reportedAt = s.reportedAt();
        outcome = s.outcome();
        findings = s.findings();
        personsDisciplined = s.personsDisciplined();
        disciplinedNames = s.disciplinedNames();
        satisfaction = s.satisfaction();
        feedbackComment = s.feedbackComment();
        feedbackDue = s.feedbackDue();
        reopenCount = s.reopenCount();
        mergedInto = s.mergedInto();
        transferTarget = s.transferTarget();
        rejectReason = s.rejectReason();
        receivedAt = s.receivedAt();
        updatedAt = s.updatedAt();
        closedAt = s.closedAt();
        verifyingSince = s.verifyingSince();
        deadlineExtended = s.deadlineExtended();
        followUpVerdict = s.followUpVerdict();
        feedbackByStaff = s.feedbackByStaff();
        handlingUnitId = s.handlingUnitId();
        handlingDeadline = s.handlingDeadline();
        version = s.version();
        levelJurisdictionId = s.levelJurisdictionId();
        levelPath = s.levelPath();
        levelDeadline = s.levelDeadline();
        assists = new ArrayList<>(parts);
    }

    /**
     * 登记受理: how a case comes into the pool. The row is inserted first (for its id and tracking code); the case then
     * records its first ledger step and the {@link CaseEvents.CaseReceived} other modules hear, as any move does.
     */
    public static Case receive(CaseSnapshot inserted, String actorName, String channelLabel) {
        if (inserted.state() != RECEIVED) {
            throw new IllegalArgumentException("a received case starts RECEIVED");
        }
        Case c = new Case(inserted);
        Instant at = inserted.receivedAt();
        c.newSteps.add(new CaseStep(at, actorName, null, channelLabel, Move.RECEIVE, null, RECEIVED, null, List.of(),
                LoopWords.of("received", channelLabel)));
        c.events.add(new CaseEvents.CaseReceived(c.id, c.type, c.channel, c.jurisdictionId, c.subjectUnitId,
                c.subjectOfficerId, c.raiserKey, c.category, at));
        return c;
    }

    public CaseSnapshot snapshot() {
        return new CaseSnapshot(id, trackingCode, type, channel, jurisdictionId, jurisdictionPath, subjectUnitId,
                subjectOfficerId, raiserNameMasked, raiserPhoneMasked, raiserKey, content, category, risk,
                proposedUnitId, unitId, reviewUnitId, state, deadline, dispatchedAt, reportedAt, outcome, findings,
                personsDisciplined, disciplinedNames, satisfaction, feedbackComment, feedbackDue, reopenCount,
                mergedInto, transferTarget, rejectReason, receivedAt, updatedAt, closedAt, verifyingSince,
                deadlineExtended, followUpVerdict, feedbackByStaff, handlingUnitId, handlingDeadline, version,
                levelJurisdictionId, levelPath, levelDeadline, assists);
    }

    // ---- 排: screening -------------------------------------------------------------------------------------------

    public Decision accept(Actor by, Instant at, String comment) {
        Decision d = CasePolicy.dispatcher(by, this).and(() -> in(RECEIVED));
        if (d.isAllowed()) {
            move(by, at, Move.ACCEPT, ACCEPTED, comment, List.of(), LoopWords.of("accepted"));
        }
        return d;
    }

    public Decision reject(Actor by, Instant at, String reason) {
        Decision d = CasePolicy.dispatcher(by, this).and(() -> in(RECEIVED, ACCEPTED, TRIAGED))
                .and(() -> required(reason, "casework.refused.reasonRequired"));
        if (d.isAllowed()) {
            rejectReason = reason.strip();
            closedAt = at;
            move(by, at, Move.REJECT, REJECTED, reason, List.of(), LoopWords.of("rejected", rejectReason));
            events.add(new CaseEvents.CaseRejected(id, type, jurisdictionId, rejectReason, at));
        }
        return d;
    }

    // ---- 研: triage ----------------------------------------------------------------------------------------------

    public Decision triage(Actor by, Instant at, String newCategory, RiskLevel newRisk, long newProposedUnit,
                           String comment) {
        Decision d = CasePolicy.dispatcher(by, this).and(() -> in(ACCEPTED, TRIAGED))
                .and(() -> required(newCategory, "casework.refused.categoryRequired"))
                .and(() -> newRisk == null ? Decision.refused("casework.refused.riskRequired") : Decision.allowed());
        if (d.isAllowed()) {
            category = newCategory.strip();
            risk = newRisk;
            proposedUnitId = newProposedUnit;
            move(by, at, Move.TRIAGE, TRIAGED, comment, List.of(), null);
        }
        return d;
    }

    // ---- 交: dispatch --------------------------------------------------------------------------------------------

    /**
     * @param reviewUnit the unit above {@code unit}, which reviews its conclusion (null: the governance centre does)
     * @param due        the deadline, N working days after today by the calendar
     */
    public Decision dispatch(Actor by, Instant at, long unit, Long reviewUnit, LocalDate due, String comment) {
        Decision d = CasePolicy.dispatcher(by, this).and(() -> in(TRIAGED)).and(() -> futureDeadline(at, due))
                .and(() -> withinLevelDeadline(at, due));
        if (d.isAllowed()) {
            handOver(by, at, Move.DISPATCH, unit, reviewUnit, due, comment, false);
        }
        return d;
    }

    public Decision redispatch(Actor by, Instant at, long unit, Long reviewUnit, LocalDate due, String comment) {
        Decision d = CasePolicy.dispatcher(by, this).and(() -> in(RETURN_REQUESTED))
                .and(() -> futureDeadline(at, due))
                .and(() -> assisting(unit) ? Decision.refused("casework.refused.assistIsLead") : Decision.allowed());
        if (d.isAllowed()) {
            handOver(by, at, Move.REDISPATCH, unit, reviewUnit, due, comment, true);
        }
        return d;
    }

    private void handOver(Actor by, Instant at, Move m, long unit, Long reviewUnit, LocalDate due, String comment,
                          boolean again) {
        unitId = unit;
        reviewUnitId = reviewUnit;
        deadline = due;
        deadlineExtended = false;
        handlingUnitId = null;
        handlingDeadline = null;
        dispatchedAt = at;
        move(by, at, m, DISPATCHED, comment, List.of(), LoopWords.of("dispatched", due));
        events.add(new CaseEvents.CaseDispatched(id, type, category, risk, unit,
                jurisdictionId, due, again, at, subjectOfficerId));
    }

    // ---- 办: the unit handles it ---------------------------------------------------------------------------------

    public Decision sign(Actor by, Instant at) {
        Decision d = CasePolicy.responsibleUnit(by, this).and(() -> in(DISPATCHED, REOPENED));
        if (d.isAllowed()) {
            move(by, at, Move.SIGN, SIGNED, null, List.of(), LoopWords.of("signed"));
        }
        return d;
    }

    public Decision requestReturn(Actor by, Instant at, String reason) {
        Decision d = CasePolicy.responsibleUnit(by, this).and(() -> in(DISPATCHED))
                .and(() -> required(reason, "casework.refused.reasonRequired"));
        if (d.isAllowed()) {
            move(by, at, Move.REQUEST_RETURN, RETURN_REQUESTED, reason, List.of(), null);
            events.add(new CaseEvents.CaseReturnRequested(id, type, unitId, jurisdictionId, at));
        }
        return d;
    }

    /**
     * 下交: the responsible unit's leader passes the case down its own tree (县公安局 → 派出所, 司法局 → 司法所) with a
     * deadline inside its own. The unit below handles it and reports; the responsible unit stays answerable — its
     * leader approves that report before it goes up, the ladder keeps chasing it, and the case stays in its inbox.
     *
     * @param below whether {@code subUnit} lies under the responsible unit (the workflow asks the organisation)
     */
    public Decision passDown(Actor by, Instant at, long subUnit, boolean below, LocalDate due, String comment) {
        Decision d = CasePolicy.unitLeader(by, this).and(() -> in(SIGNED))
                .and(() -> below && subUnit != unitId ? Decision.allowed()
                        : Decision.refused("casework.refused.notBelow"))
                .and(() -> futureDeadline(at, due))
                .and(() -> !due.isAfter(deadline) ? Decision.allowed()
                        : Decision.refused("casework.refused.passDownDeadline"))
                .and(() -> comment != null && comment.length() > CaseLimits.TEXT
                        ? Decision.refused("casework.refused.textTooLong") : Decision.allowed());
        if (d.isAllowed()) {
            handlingUnitId = subUnit;
            handlingDeadline = due;
            move(by, at, Move.PASS_DOWN, state, comment, List.of(), LoopWords.of("passedDown", due));
            events.add(new CaseEvents.CasePassedDown(id, type, unitId, subUnit, jurisdictionId, due,
                    subjectOfficerId, at));
        }
        return d;
    }

    /**
     * 核查中: an interim report on a clue whose verification goes on. Filed on or before the deadline, the first one
     * for a deadline moves it to {@code extendedDeadline} (the workflow computes it from the extension rule of the
     * case's type and category); later ones, or one filed late, leave the deadline as it is. The next
     * {@link #report} ends the verification.
     */
    public Decision reportVerificationOngoing(Actor by, Instant at, String progress, LocalDate extendedDeadline) {
        Decision d = CasePolicy.handlingUnit(by, this).and(() -> in(SIGNED))
                .and(() -> type == CaseType.CLUE ? Decision.allowed()
                        : Decision.refused("casework.refused.interimCluesOnly"))
                .and(() -> verifyingSince == null ? Decision.allowed()
                        : Decision.refused("casework.refused.alreadyVerifying"))
                .and(() -> CaseLimits.text(progress, "casework.refused.progressRequired"));
        if (d.isAllowed()) {
            boolean extend = !deadlineExtended && extendedDeadline != null && extendedDeadline.isAfter(deadline)
                    && !LocalDate.ofInstant(at, CHINA).isAfter(deadline);
            if (extend) {
                deadline = extendedDeadline;
                deadlineExtended = true;
            }
            verifyingSince = at;
            move(by, at, Move.REPORT_PROGRESS, SIGNED, progress, List.of(),
                    LoopWords.of("verifying", deadline));
            events.add(new CaseEvents.CaseVerificationOngoing(id, type, unitId, jurisdictionId, deadline, extend,
                    at));
        }
        return d;
    }

    /**
     * A handler's report waits for the unit leader's approval (REPORTED); a unit leader's own report goes straight to
     * the superior review (UNDER_REVIEW).
     */
    public Decision report(Actor by, Instant at, Outcome result, String text, int disciplined, String names,
                           List<Long> evidence) {
        Decision d = CasePolicy.handlingUnit(by, this).and(() -> in(SIGNED))
                .and(() -> result == null || !result.fits(type) ? Decision.refused("casework.refused.outcome")
                        : Decision.allowed())
                .and(() -> required(text, "casework.refused.findingsRequired"))
                .and(() -> disciplined < 0 || disciplined > 0 && !result.allowsDiscipline()
                        ? Decision.refused("casework.refused.disciplined") : Decision.allowed());
        if (d.isAllowed()) {
            outcome = result;
            findings = text.strip();
            personsDisciplined = disciplined;
            disciplinedNames = names == null || names.isBlank() ? null : names.strip();
            reportedAt = at;
            verifyingSince = null;
            // only the responsible unit's own leader sends a report up; a report from below waits for that leader
            boolean leader = by.has(io.minyi.org.Role.UNIT_LEADER) && unitId.equals(by.unitId());
            move(by, at, Move.REPORT, leader ? UNDER_REVIEW : REPORTED, text, evidence,
                    LoopWords.of("reported"));
            newSteps.set(newSteps.size() - 1, newSteps.getLast().withOutcome(result, disciplined));
            if (leader) {
                events.add(reported(at));
            }
        }
        return d;
    }

    public Decision unitApprove(Actor by, Instant at, String comment) {
        Decision d = CasePolicy.unitLeader(by, this).and(() -> in(REPORTED));
        if (d.isAllowed()) {
            move(by, at, Move.UNIT_APPROVE, UNDER_REVIEW, comment, List.of(), null);
            events.add(reported(at));
        }
        return d;
    }

    public Decision unitSendBack(Actor by, Instant at, String comment) {
        Decision d = CasePolicy.unitLeader(by, this).and(() -> in(REPORTED))
                .and(() -> required(comment, "casework.refused.commentRequired"));
        if (d.isAllowed()) {
            move(by, at, Move.UNIT_SEND_BACK, SIGNED, comment, List.of(), null);
            events.add(sentBack(CaseEvents.SentBackBy.UNIT_LEADER, at));
        }
        return d;
    }

    // ---- 主办/协办: co-handling ----------------------------------------------------------------------------------

    /**
     * 协办: the dispatcher names assisting units for a case already with its lead unit. Each gets its own part with
     * {@code due} (inside the case's deadline) and sees the case in its inbox; the lead unit alone reports for the
     * case, and the ladder chases the lead. Publishes {@link CaseEvents.CaseAssistAssigned} per unit.
     */
    public Decision assignAssisting(Actor by, Instant at, List<Long> units, LocalDate due, String comment) {
        Decision d = CasePolicy.dispatcher(by, this).and(() -> in(DISPATCHED, SIGNED, REOPENED))
                .and(() -> units == null || units.isEmpty() || units.size() > CaseLimits.ASSISTING_UNITS
                        || units.stream().distinct().count() != units.size()
                        ? Decision.refused("casework.refused.assistUnits") : Decision.allowed())
                .and(() -> units.stream().anyMatch(u -> u.equals(unitId) || assisting(u))
                        ? Decision.refused("casework.refused.assistUnits") : Decision.allowed())
                .and(() -> futureDeadline(at, due))
                .and(() -> deadline != null && !due.isAfter(deadline) ? Decision.allowed()
                        : Decision.refused("casework.refused.assistDeadline"))
                .and(() -> comment != null && comment.length() > CaseLimits.TEXT
                        ? Decision.refused("casework.refused.textTooLong") : Decision.allowed());
        if (d.isAllowed()) {
            for (long u : units) {
                assists.add(CaseAssist.assigned(u, due, at));
                events.add(new CaseEvents.CaseAssistAssigned(id, type, unitId, u, jurisdictionId, due,
                        subjectOfficerId, at));
            }
            move(by, at, Move.ASSIGN_ASSIST, state, comment, List.of(),
                    LoopWords.of("assisted", units.size()));
        }
        return d;
    }

    /**
     * An assisting unit files its part (its findings for the lead unit). The case's state does not change; the part
     * counts for the assisting unit's timeliness. Publishes {@link CaseEvents.CaseAssistReported}.
     */
    public Decision reportAssist(Actor by, Instant at, String text) {
        Decision d = CasePolicy.assistingUnit(by, this)
                .and(() -> in(DISPATCHED, SIGNED, REOPENED, REPORTED, UNDER_REVIEW))
                .and(() -> CaseLimits.text(text, "casework.refused.assistReportRequired"));
        if (d.isAllowed()) {
            int i = openPartOf(by.unitId());
            CaseAssist part = assists.get(i).filed(text.strip(), at);
            assists.set(i, part);
            move(by, at, Move.ASSIST_REPORT, state, text, List.of(), null);
            events.add(new CaseEvents.CaseAssistReported(id, type, unitId, part.unitId(), jurisdictionId,
                    part.deadline(), part.onTime(), at));
        }
        return d;
    }

    /** Whether {@code unit} has an open part in this case. */
    boolean assisting(Long unit) {
        return unit != null && openPartOf(unit) >= 0;
    }

    private int openPartOf(long unit) {
        for (int i = 0; i < assists.size(); i++) {
            if (assists.get(i).open() && assists.get(i).unitId() == unit) {
                return i;
            }
        }
        return -1;
    }

    /** The case went on without the parts still open (its conclusion was approved, or it left the unit's level). */
    private void lapseOpenParts() {
        assists.replaceAll(p -> p.open() ? p.lapsed() : p);
    }

    // ---- 上报 / 下交 between levels (村 → 乡镇 → 县 → 市 and back) -------------------------------------------------

    /** The level whose centre is in charge: the one set by escalation or hand-down, else the actor's own. */
    private String currentLevel(Actor by) {
        return levelPath != null ? levelPath : by.jurisdictionPath();
    }

    /**
     * 上报: the case goes to the governance centre of the level above ({@code upperPath}), with the reason. A dispatcher
     * of the level in charge escalates a case not yet dispatched; the responsible unit's leader escalates a case
     * dispatched to it, before signing (it leaves the unit and waits, triaged, for the upper centre's dispatch). From then on only the upper
     * level (or one above it) makes the dispatcher's moves. Publishes {@link CaseEvents.CaseEscalated}.
     *
     * @param upperId null when there is no level above
     */
    public Decision escalate(Actor by, Instant at, Long upperId, String upperPath, String upperName, String reason) {
        // a unit escalates a case as it receives it, before signing (as it would ask to return it): its figures never
        // hold a report or a conclusion for a case that then moves to another unit
        boolean withUnit = state == DISPATCHED;
        Decision d = (withUnit ? CasePolicy.unitLeader(by, this)
                : CasePolicy.dispatcher(by, this).and(() -> in(RECEIVED, ACCEPTED, TRIAGED)))
                .and(() -> upperId != null && upperPath != null && jurisdictionPath.startsWith(upperPath)
                        && currentLevel(by) != null && currentLevel(by).startsWith(upperPath)
                        && currentLevel(by).length() > upperPath.length()
                        ? Decision.allowed() : Decision.refused("casework.refused.noLevelAbove"))
                .and(() -> CaseLimits.text(reason, "casework.refused.reasonRequired"));
        if (d.isAllowed()) {
            Long fromUnit = withUnit ? unitId : null;
            levelJurisdictionId = upperId;
            levelPath = upperPath;
            levelDeadline = null;
            if (withUnit) {
                unitId = null;
                reviewUnitId = null;
                handlingUnitId = null;
                handlingDeadline = null;
                deadline = null;
                deadlineExtended = false;
                verifyingSince = null;
                lapseOpenParts();
            }
            move(by, at, Move.ESCALATE, withUnit ? TRIAGED : state, reason, List.of(),
                    LoopWords.of("escalated", upperName));
            events.add(new CaseEvents.CaseEscalated(id, type, jurisdictionId, upperId, fromUnit, reason.strip(), at));
        }
        return d;
    }

    /**
     * 下交 to a lower level: a dispatcher of the level in charge (or above) hands a case not yet dispatched to the
     * centre of a level below it that still covers the case's place, with the deadline by which that level is to
     * dispatch and finish it; the dispatch there may not set a later one. Publishes {@link CaseEvents.CaseHandedDown}.
     */
    public Decision handDown(Actor by, Instant at, long lowerId, String lowerPath, String lowerName, LocalDate due,
                             String reason) {
        Decision d = CasePolicy.dispatcher(by, this).and(() -> in(RECEIVED, ACCEPTED, TRIAGED))
                .and(() -> lowerPath != null && jurisdictionPath.startsWith(lowerPath) && currentLevel(by) != null
                        && lowerPath.startsWith(currentLevel(by)) && lowerPath.length() > currentLevel(by).length()
                        ? Decision.allowed() : Decision.refused("casework.refused.notLower"))
                .and(() -> futureDeadline(at, due))
                .and(() -> CaseLimits.text(reason, "casework.refused.reasonRequired"));
        if (d.isAllowed()) {
            levelJurisdictionId = lowerId;
            levelPath = lowerPath;
            levelDeadline = due;
            move(by, at, Move.HAND_DOWN, state, reason, List.of(),
                    LoopWords.of("handedDown", lowerName, due));
            events.add(new CaseEvents.CaseHandedDown(id, type, jurisdictionId, lowerId, due, reason.strip(), at));
        }
        return d;
    }

    /** A deadline set by the level above, while it is still ahead, bounds the dispatch's. */
    private Decision withinLevelDeadline(Instant at, LocalDate due) {
        boolean binding = levelDeadline != null && levelDeadline.isAfter(LocalDate.ofInstant(at, CHINA));
        return binding && due.isAfter(levelDeadline) ? Decision.refused("casework.refused.levelDeadline")
                : Decision.allowed();
    }

    // ---- 督/结: superior review ----------------------------------------------------------------------------------

    public Decision approve(Actor by, Instant at, LocalDate rateBy, String comment) {
        Decision d = CasePolicy.reviewer(by, this).and(() -> in(UNDER_REVIEW));
        if (d.isAllowed()) {
            feedbackDue = rateBy;
            // a new rating round: nothing heard yet, neither from the raiser nor on a follow-up call
            followUpVerdict = null;
            feedbackByStaff = false;
            lapseOpenParts();
            move(by, at, Move.APPROVE, AWAITING_FEEDBACK, comment, List.of(), LoopWords.of("approved"));
            events.add(new CaseEvents.CaseAwaitingFeedback(id, type, unitId, jurisdictionId,
                    raiserPhoneMasked != null, at));
        }
        return d;
    }

    public Decision sendBack(Actor by, Instant at, String comment) {
        Decision d = CasePolicy.reviewer(by, this).and(() -> in(UNDER_REVIEW))
                .and(() -> required(comment, "casework.refused.commentRequired"));
        if (d.isAllowed()) {
            move(by, at, Move.SEND_BACK, SIGNED, comment, List.of(), LoopWords.of("sentBack"));
            events.add(sentBack(CaseEvents.SentBackBy.REVIEWER, at));
        }
        return d;
    }

    // ---- 评: the raiser rates the handling -----------------------------------------------------------------------

    /** @param newDeadline used only when the raiser is dissatisfied and the case goes back to the unit */
    public Decision rateHandling(Actor by, Instant at, Satisfaction verdict, String comment, LocalDate newDeadline) {
        Decision d = CasePolicy.resident(by).and(() -> in(AWAITING_FEEDBACK))
                .and(() -> verdict == null ? Decision.refused("casework.refused.verdict") : Decision.allowed())
                .and(() -> comment != null && comment.length() > 500 ? Decision.refused("casework.refused.tooLong")
                        : Decision.allowed())
                .and(() -> verdict.reopens() ? futureDeadline(at, newDeadline) : Decision.allowed());
        if (!d.isAllowed()) {
            return d;
        }
        satisfaction = verdict;
        feedbackComment = comment == null || comment.isBlank() ? null : comment.strip();
        feedbackByStaff = false;
        if (verdict.reopens()) {
            reopen(by, at, Move.RATE, newDeadline, LoopWords.of("ratedDissatisfied", newDeadline),
                    LoopWords.label(verdict) + note(feedbackComment));
        } else {
            closedAt = at;
            move(by, at, Move.RATE, CLOSED, LoopWords.label(verdict) + note(feedbackComment), List.of(),
                    LoopWords.of("rated", LoopWords.label(verdict)));
            events.add(concluded(at, true));
        }
        return d;
    }

    /**
     * Whether the raiser's own rating {@code verdict} is the one this case holds, the rating period being over: what a
     * rating form sent again (a double tap, a phone retrying after a lost answer) finds, so that it is told its rating
     * was received instead of being refused.
     */
    public boolean holdsResidentRating(Satisfaction verdict) {
        return verdict != null && verdict == satisfaction && !feedbackByStaff && state != AWAITING_FEEDBACK;
    }

    /**
     * 核实: a grid event's handling is confirmed on site by the grid worker who stands in for the raiser. Resolved →
     * CLOSED; not resolved → back to the unit with a new deadline, as a dissatisfied rating would.
     *
     * @param newDeadline used only when the worker finds the problem not resolved
     */
    public Decision confirmOnSite(Actor by, Instant at, boolean resolved, String note, LocalDate newDeadline) {
        Decision d = CasePolicy.gridWorker(by, this)
                .and(() -> type == CaseType.GRID_EVENT ? Decision.allowed()
                        : Decision.refused("casework.refused.notGridEvent"))
                .and(() -> in(AWAITING_FEEDBACK))
                .and(() -> note != null && note.length() > 500 ? Decision.refused("casework.refused.tooLong")
                        : Decision.allowed())
                .and(() -> resolved ? Decision.allowed()
                        : required(note, "casework.refused.commentRequired").and(() -> futureDeadline(at, newDeadline)));
        if (!d.isAllowed()) {
            return d;
        }
        feedbackComment = note == null || note.isBlank() ? null : note.strip();
        if (resolved) {
            // the worker's finding is not a resident's rating: an earlier verdict does not count for this close
            satisfaction = null;
            closedAt = at;
            move(by, at, Move.CONFIRM_ON_SITE, CLOSED, LoopWords.of("confirmedComment") + note(feedbackComment), List.of(),
                    LoopWords.of("confirmed"));
            events.add(concluded(at, null));
        } else {
            reopen(by, at, Move.CONFIRM_ON_SITE, newDeadline,
                    LoopWords.of("notConfirmed", newDeadline),
                    LoopWords.of("notConfirmedComment") + note(feedbackComment));
        }
        return d;
    }

    /**
     * 回访: staff called a raiser who has no phone or cannot use the page and wrote down the raiser's verdict. It
     * stands only if the raiser does not rate the handling themselves before the rating period ends (the raiser's own
     * rating wins); then {@link #closeWithoutFeedback} applies it, marked as recorded by staff in every figure.
     */
    public Decision recordFollowUpCall(Actor by, Instant at, Satisfaction verdict, String callNote) {
        Decision d = CasePolicy.followUpCaller(by, this).and(() -> in(AWAITING_FEEDBACK))
                .and(() -> verdict == null ? Decision.refused("casework.refused.verdict") : Decision.allowed())
                .and(() -> CaseLimits.text(callNote, "casework.refused.callNoteRequired"));
        if (d.isAllowed()) {
            followUpVerdict = verdict;
            move(by, at, Move.FOLLOW_UP_CALL, AWAITING_FEEDBACK, LoopWords.of("followUpCall", LoopWords.label(verdict)) + note(callNote), List.of(),
                    null);
        }
        return d;
    }

    /**
     * The rating period ran out. Without a follow-up call the case closes unrated (CLOSED_NO_FEEDBACK, counted apart
     * from the rated ones); with one, the verdict staff recorded applies — closing the case, or reopening it with
     * {@code newDeadline} when the raiser was dissatisfied — and the figures mark it as staff-recorded.
     */
    public Decision closeWithoutFeedback(Actor by, Instant at, LocalDate newDeadline) {
        LocalDate today = LocalDate.ofInstant(at, CHINA);
        Decision d = CasePolicy.system(by).and(() -> in(AWAITING_FEEDBACK))
                .and(() -> feedbackDue != null && feedbackDue.isBefore(today) ? Decision.allowed()
                        : Decision.refused("casework.refused.feedbackNotDue"))
                .and(() -> followUpVerdict != null && followUpVerdict.reopens() ? futureDeadline(at, newDeadline)
                        : Decision.allowed());
        if (!d.isAllowed()) {
            return d;
        }
        if (followUpVerdict == null) {
            closedAt = at;
            move(by, at, Move.CLOSE_NO_FEEDBACK, CLOSED_NO_FEEDBACK, null, List.of(), LoopWords.of("closedNoFeedback"));
            events.add(concluded(at, null));
            return d;
        }
        satisfaction = followUpVerdict;
        feedbackByStaff = true;
        if (followUpVerdict.reopens()) {
            reopen(by, at, Move.CLOSE_BY_FOLLOW_UP, newDeadline, LoopWords.of("followUpDissatisfied", newDeadline));
        } else {
            closedAt = at;
            move(by, at, Move.CLOSE_BY_FOLLOW_UP, CLOSED, LoopWords.of("closedByFollowUpComment", LoopWords.label(followUpVerdict)), List.of(),
                    LoopWords.of("closedByFollowUp", LoopWords.label(followUpVerdict)));
            events.add(concluded(at, true));
        }
        return d;
    }

    // ---- outside the straight line -------------------------------------------------------------------------------

    /**
     * 并单: this case ends as MERGED and its raiser follows {@code target} from then on. Both ledgers record the merge
     * (this one "并入 …", the target "… 并入本事项"), so either case's history shows where the other went; the target
     * keeps its state. The caller saves both.
     */
    public Decision mergeInto(Actor by, Instant at, Case target, String comment) {
        Decision d = CasePolicy.dispatcher(by, this).and(() -> in(RECEIVED, ACCEPTED, TRIAGED))
                .and(() -> target == null || target.id == id || !target.state.isOpen()
                        ? Decision.refused("casework.refused.mergeTarget") : CasePolicy.dispatcher(by, target));
        if (d.isAllowed()) {
            mergedInto = target.id;
            closedAt = at;
            move(by, at, Move.MERGE, MERGED, LoopWords.of("mergedInto", target.trackingCode) + note(comment), List.of(),
                    LoopWords.of("merged"));
            events.add(concluded(at, null));
            target.note(by, at, Move.MERGE, LoopWords.of("mergedHere", trackingCode) + note(comment), null);
        }
        return d;
    }

    public Decision transfer(Actor by, Instant at, TransferTarget to, String reason) {
        Decision d = CasePolicy.dispatcher(by, this).and(() -> in(RECEIVED, ACCEPTED, TRIAGED))
                .and(() -> to == null ? Decision.refused("casework.refused.transferTarget") : Decision.allowed())
                .and(() -> required(reason, "casework.refused.reasonRequired"));
        if (d.isAllowed()) {
            transferTarget = to;
            closedAt = at;
            move(by, at, Move.TRANSFER, TRANSFERRED, reason, List.of(), LoopWords.of("transferred", LoopWords.label(to)));
            events.add(new CaseEvents.CaseTransferred(id, type, jurisdictionId, to, reason.strip(), at));
            events.add(concluded(at, null));
        }
        return d;
    }

    // ---- after the loop: answers from outside (12345, discipline inspection, Open311 clients) --------------------

    /**
     * A remark from outside (a resident's comment through an Open311 client): one ledger step, state unchanged. Not
     * on an archived case, whose ledger is closed.
     */
    public Decision comment(Actor by, Instant at, String text) {
        Decision d = CasePolicy.system(by).and(() -> state == ARCHIVED ? Decision.refused(WRONG_STATE)
                        : Decision.allowed())
                .and(() -> required(text, "casework.refused.commentRequired"))
                .and(() -> text.strip().length() > 4000 ? Decision.refused("casework.refused.tooLong")
                        : Decision.allowed());
        if (d.isAllowed()) {
            note(by, at, Move.COMMENT, text, null);
        }
        return d;
    }

    /**
     * The body a case was transferred to (the 12345 hotline) sends its result: recorded on the ledger with a note the
     * raiser reads, so the loop closes instead of ending at TRANSFERRED. The state stays what it is (the conclusion
     * was announced at the transfer).
     */
    public Decision recordTransferResult(Actor by, Instant at, TransferTarget from, String result) {
        Decision d = CasePolicy.system(by).and(() -> in(TRANSFERRED, ARCHIVED))
                .and(() -> from != null && from == transferTarget ? Decision.allowed()
                        : Decision.refused("casework.refused.transferTarget"))
                .and(() -> required(result, "casework.refused.findingsRequired"));
        if (d.isAllowed()) {
            note(by, at, Move.TRANSFER_RESULT, result, LoopWords.of("transferResult", LoopWords.label(from), result.strip()));
        }
        return d;
    }

    /**
     * 查实 → discipline inspection: a (partly) substantiated clue about an officer or unit is handed over once its
     * conclusion is reported; the loop itself (review, the raiser's rating) goes on.
     */
    public Decision handOverToDiscipline(Actor by, Instant at, String reason) {
        Decision d = CasePolicy.dispatcher(by, this)
                .and(() -> type == CaseType.CLUE && outcome != null && outcome.allowsDiscipline()
                        ? Decision.allowed() : Decision.refused("casework.refused.notSubstantiated"))
                .and(() -> in(UNDER_REVIEW, AWAITING_FEEDBACK, REOPENED, CLOSED, CLOSED_NO_FEEDBACK))
                .and(() -> required(reason, "casework.refused.reasonRequired"));
        if (d.isAllowed()) {
            note(by, at, Move.DISCIPLINE_HANDOVER, reason, null);
            events.add(new CaseEvents.CaseHandedToDiscipline(id, jurisdictionId, subjectUnitId, subjectOfficerId,
                    reason.strip(), at));
        }
        return d;
    }

    /** Discipline inspection records what it decided (立案 / 不予立案 / 处分): internal, never on the tracking page. */
    public Decision recordDisciplineResult(Actor by, Instant at, String result) {
        Decision d = (by.kind() == Actor.Kind.STAFF && by.has(io.minyi.org.Role.DISCIPLINE)
                ? (by.covers(jurisdictionPath) ? Decision.allowed() : Decision.refused(CasePolicy.OUT_OF_SCOPE))
                : Decision.refused(CasePolicy.NOT_YOUR_ROLE))
                .and(() -> CasePolicy.noConflict(by, this))
                .and(() -> required(result, "casework.refused.findingsRequired"));
        if (d.isAllowed()) {
            note(by, at, Move.DISCIPLINE_RESULT, result, null);
        }
        return d;
    }

    private void note(Actor by, Instant at, Move m, String comment, String publicNote) {
        updatedAt = at;
        newSteps.add(new CaseStep(at, by.name(), by.unitId(), by.unitName(), m, state, state,
                comment == null || comment.isBlank() ? null : comment.strip(), List.of(), publicNote));
    }

    /**
     * Files a finished case away. Publishes {@link CaseEvents.CaseConcluded} only for a rejected case, since every
     * other final state has already announced its conclusion.
     */
    public Decision archive(Actor by, Instant at, String comment) {
        Decision d = CasePolicy.archivist(by, this)
                .and(() -> in(CLOSED, CLOSED_NO_FEEDBACK, REJECTED, MERGED, TRANSFERRED));
        if (d.isAllowed()) {
            boolean announce = state == REJECTED;
            move(by, at, Move.ARCHIVE, ARCHIVED, comment, List.of(), null);
            if (announce) {
                events.add(concluded(at, null));
            }
        }
        return d;
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private void reopen(Actor by, Instant at, Move m, LocalDate newDeadline, String publicNote) {
        reopen(by, at, m, newDeadline, publicNote, null);
    }

    private void reopen(Actor by, Instant at, Move m, LocalDate newDeadline, String publicNote, String comment) {
        reopenCount++;
        deadline = newDeadline;
        deadlineExtended = false;
        dispatchedAt = at;
        feedbackDue = null;
        followUpVerdict = null;
        move(by, at, m, REOPENED, comment, List.of(), publicNote);
        events.add(new CaseEvents.CaseReopened(id, type, unitId, jurisdictionId, newDeadline, reopenCount,
                feedbackByStaff, at));
        events.add(new CaseEvents.CaseDispatched(id, type, category, risk, unitId, jurisdictionId, newDeadline, true,
                at, subjectOfficerId));
    }

    private void move(Actor by, Instant at, Move m, CaseState to, String comment, List<Long> evidence,
                      String publicNote) {
        CaseState from = state;
        state = to;
        updatedAt = at;
        newSteps.add(new CaseStep(at, by.name(), by.unitId(), by.unitName(), m, from, to,
                comment == null || comment.isBlank() ? null : comment.strip(), evidence, publicNote));
    }

    private Decision in(CaseState... allowed) {
        for (CaseState s : allowed) {
            if (state == s) {
                return Decision.allowed();
            }
        }
        return Decision.refused(WRONG_STATE);
    }

    private static Decision required(String text, String reason) {
        return text == null || text.isBlank() ? Decision.refused(reason) : Decision.allowed();
    }

    private static Decision futureDeadline(Instant at, LocalDate due) {
        return due != null && due.isAfter(LocalDate.ofInstant(at, CHINA)) ? Decision.allowed()
                : Decision.refused("casework.refused.deadline");
    }

    private static String note(String comment) {
        return LoopWords.remark(comment);
    }

    private boolean onTime() {
        return deadline != null && reportedAt != null && !LocalDate.ofInstant(reportedAt, CHINA).isAfter(deadline);
    }

    private CaseEvents.CaseReported reported(Instant at) {
        return new CaseEvents.CaseReported(id, type, unitId, jurisdictionId, outcome, personsDisciplined,
                onTime(), at);
    }

    private CaseEvents.CaseSentBack sentBack(CaseEvents.SentBackBy who, Instant at) {
        return new CaseEvents.CaseSentBack(id, type, unitId, jurisdictionId, who, deadline, at);
    }

    private CaseEvents.CaseConcluded concluded(Instant at, Boolean satisfied) {
        return new CaseEvents.CaseConcluded(id, type, unitId, jurisdictionId, state, satisfied, onTime(), outcome,
                feedbackByStaff, at);
    }

    /** Steps appended since the case was loaded, for the repository to insert. */
    public List<CaseStep> newSteps() {
        return List.copyOf(newSteps);
    }

    /** Events registered since the case was loaded, for the workflow to publish after saving. */
    public List<Object> events() {
        return List.copyOf(events);
    }

    public long id() {
        return id;
    }

    public String trackingCode() {
        return trackingCode;
    }

    public CaseType type() {
        return type;
    }

    public SourceChannel channel() {
        return channel;
    }

    public long jurisdictionId() {
        return jurisdictionId;
    }

    public String jurisdictionPath() {
        return jurisdictionPath;
    }

    public Long subjectUnitId() {
        return subjectUnitId;
    }

    public Long subjectOfficerId() {
        return subjectOfficerId;
    }

    public String content() {
        return content;
    }

    public String category() {
        return category;
    }

    public Long unitId() {
        return unitId;
    }

    public Long handlingUnitId() {
        return handlingUnitId;
    }

    public Long reviewUnitId() {
        return reviewUnitId;
    }

    public Long proposedUnitId() {
        return proposedUnitId;
    }

    public CaseState state() {
        return state;
    }

    public LocalDate deadline() {
        return deadline;
    }

    public Instant verifyingSince() {
        return verifyingSince;
    }

    public int reopenCount() {
        return reopenCount;
    }

    public int version() {
        return version;
    }

    public TransferTarget transferTarget() {
        return transferTarget;
    }

    public String levelPath() {
        return levelPath;
    }

    public LocalDate levelDeadline() {
        return levelDeadline;
    }

    public List<CaseAssist> assists() {
        return List.copyOf(assists);
    }
}
