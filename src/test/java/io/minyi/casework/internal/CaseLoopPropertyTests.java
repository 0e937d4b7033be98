package io.minyi.casework.internal;

import io.minyi.casework.TransferTarget;
import io.minyi.casework.RiskLevel;
import io.minyi.casework.Outcome;
import io.minyi.casework.CaseEvents;
import io.minyi.casework.CaseState;
import io.minyi.casework.CaseType;
import io.minyi.casework.SourceChannel;
import io.minyi.org.Role;
import io.minyi.platform.Decision;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.minyi.casework.CaseState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static java.util.Map.entry;

/**
 * Random command sequences through the aggregate: whatever the order, actor or input, the case only ever takes the
 * transitions of the loop, a refused move changes nothing, and an accepted one appends exactly one ledger step
 * (which {@link CaseWorkflow} turns into exactly one audit event).
 * <p>
 * Each walk is generated from its own seed, named in the test's display name; rerun one with
 * {@code -Dminyi.walk.seed=<seed>}. (A seeded generator on plain JUnit rather than a property-testing library: see
 * docs/decisions/0005-no-jqwik.md.)
 */
class CaseLoopPropertyTests {

    static final int WALKS = 300;
    static final Set<CaseState> REACHED = ConcurrentHashMap.newKeySet();

    static final long STATION = 10, BUREAU = 11, OTHER_UNIT = 12, CENTRE = 13, SUBJECT_OFFICER = 500;
    static final String COUNTY = "/1/7/", VILLAGE = "/1/7/93/412/";

    static final Actor DISPATCHER = staff("dispatcher1", Set.of(Role.DISPATCHER), CENTRE, "/1/7/", null);
    static final Actor FAR_DISPATCHER = staff("dispatcher2", Set.of(Role.DISPATCHER), 14L, "/1/8/", null);
    static final Actor HANDLER = staff("handler2", Set.of(Role.UNIT_HANDLER), STATION, COUNTY, 501L);
    static final Actor ACCUSED = staff("handler", Set.of(Role.UNIT_HANDLER), STATION, COUNTY, SUBJECT_OFFICER);
    static final Actor UNIT_LEADER = staff("unitleader", Set.of(Role.UNIT_LEADER), STATION, COUNTY, null);
    static final Actor REVIEWER = staff("policeleader", Set.of(Role.UNIT_LEADER), BUREAU, COUNTY, null);
    static final Actor OTHER_HANDLER = staff("other", Set.of(Role.UNIT_HANDLER), OTHER_UNIT, COUNTY, null);
    static final Actor ADMIN = staff("admin", Set.of(Role.ADMIN), 1L, "/1/", null);
    static final Actor LEADER = staff("leader", Set.of(Role.LEADER), 1L, "/1/", null);
    static final Actor GRID_WORKER = staff("gridworker", Set.of(Role.GRID_WORKER), 20L, VILLAGE, null);
    static final List<Actor> ACTORS = List.of(DISPATCHER, FAR_DISPATCHER, HANDLER, ACCUSED, UNIT_LEADER, REVIEWER,
            OTHER_HANDLER, ADMIN, LEADER, GRID_WORKER, Actor.resident(), Actor.system());

    /** The loop as PRODUCT.md and the issue describe it: from-state → move → possible to-states. */
    static final Map<CaseState, Map<Move, Set<CaseState>>> LOOP = Map.ofEntries(
            entry(RECEIVED, Map.of(Move.ACCEPT, Set.of(ACCEPTED), Move.REJECT, Set.of(REJECTED),
                    Move.MERGE, Set.of(MERGED), Move.TRANSFER, Set.of(TRANSFERRED), Move.ESCALATE, Set.of(RECEIVED),
                    Move.HAND_DOWN, Set.of(RECEIVED))),
            entry(ACCEPTED, Map.of(Move.REJECT, Set.of(REJECTED), Move.TRIAGE, Set.of(TRIAGED),
                    Move.MERGE, Set.of(MERGED), Move.TRANSFER, Set.of(TRANSFERRED), Move.ESCALATE, Set.of(ACCEPTED),
                    Move.HAND_DOWN, Set.of(ACCEPTED))),
            entry(TRIAGED, Map.of(Move.REJECT, Set.of(REJECTED), Move.TRIAGE, Set.of(TRIAGED),
                    Move.DISPATCH, Set.of(DISPATCHED), Move.MERGE, Set.of(MERGED), Move.TRANSFER, Set.of(TRANSFERRED),
                    Move.ESCALATE, Set.of(TRIAGED), Move.HAND_DOWN, Set.of(TRIAGED))),
            entry(DISPATCHED, Map.of(Move.SIGN, Set.of(SIGNED), Move.REQUEST_RETURN, Set.of(RETURN_REQUESTED),
                    Move.ASSIGN_ASSIST, Set.of(DISPATCHED), Move.ASSIST_REPORT, Set.of(DISPATCHED),
                    Move.ESCALATE, Set.of(TRIAGED))),
            entry(RETURN_REQUESTED, Map.of(Move.REDISPATCH, Set.of(DISPATCHED))),
            entry(SIGNED, Map.of(Move.REPORT, Set.of(REPORTED, UNDER_REVIEW), Move.REPORT_PROGRESS, Set.of(SIGNED),
                    Move.PASS_DOWN, Set.of(SIGNED), Move.ASSIGN_ASSIST, Set.of(SIGNED),
                    Move.ASSIST_REPORT, Set.of(SIGNED))),
            entry(REPORTED, Map.of(Move.UNIT_APPROVE, Set.of(UNDER_REVIEW), Move.UNIT_SEND_BACK, Set.of(SIGNED),
                    Move.ASSIST_REPORT, Set.of(REPORTED))),
            entry(UNDER_REVIEW, Map.of(Move.APPROVE, Set.of(AWAITING_FEEDBACK), Move.SEND_BACK, Set.of(SIGNED),
                    Move.ASSIST_REPORT, Set.of(UNDER_REVIEW))),
            entry(AWAITING_FEEDBACK, Map.of(Move.RATE, Set.of(CLOSED, REOPENED),
                    Move.CLOSE_NO_FEEDBACK, Set.of(CLOSED_NO_FEEDBACK), Move.FOLLOW_UP_CALL, Set.of(AWAITING_FEEDBACK),
                    Move.CLOSE_BY_FOLLOW_UP, Set.of(CLOSED, REOPENED), Move.CONFIRM_ON_SITE, Set.of(CLOSED, REOPENED))),
            // a reopened case is signed for again before it is reported or passed down, as a dispatched one is
            entry(REOPENED, Map.of(Move.SIGN, Set.of(SIGNED), Move.ASSIGN_ASSIST, Set.of(REOPENED),
                    Move.ASSIST_REPORT, Set.of(REOPENED))),
            entry(CLOSED, Map.of(Move.ARCHIVE, Set.of(ARCHIVED))),
            entry(CLOSED_NO_FEEDBACK, Map.of(Move.ARCHIVE, Set.of(ARCHIVED))),
            entry(REJECTED, Map.of(Move.ARCHIVE, Set.of(ARCHIVED))),
            entry(MERGED, Map.of(Move.ARCHIVE, Set.of(ARCHIVED))),
            entry(TRANSFERRED, Map.of(Move.ARCHIVE, Set.of(ARCHIVED))),
            entry(ARCHIVED, Map.of()));

    static final Set<Move> SIDE_WAYS = EnumSet.of(Move.REJECT, Move.MERGE, Move.TRANSFER, Move.REQUEST_RETURN,
            Move.UNIT_SEND_BACK, Move.SEND_BACK, Move.CLOSE_NO_FEEDBACK, Move.ASSIGN_ASSIST, Move.ASSIST_REPORT,
            Move.ESCALATE, Move.HAND_DOWN);

    /** A command: which move, who tries it, and whether its input is sound. */
    record Command(Move move, Actor actor, int variant, int guide) {
        Command(Move move, Actor actor, int variant) {
            this(move, actor, variant, -1);
        }

        /**
         * A guided command picks, when it runs, one of the moves the loop allows from the current state and the actor
         * it belongs to; without guidance random walks rarely get past triage.
         */
        Command resolve(CaseState state) {
            if (guide < 0) {
                return this;
            }
            List<Move> options = LOOP.get(state).keySet().stream().sorted().toList();
            if (options.isEmpty()) {
                return new Command(Move.ARCHIVE, DISPATCHER, variant);
            }
            List<Move> forward = options.stream().filter(o -> !SIDE_WAYS.contains(o)).toList();
            Move m = guide % 10 < 8 && !forward.isEmpty() ? forward.get(guide % forward.size())
                    : options.get(guide % options.size());
            return new Command(m, rightActor(m, variant), variant);
        }
    }

    @TestFactory
    Stream<DynamicTest> no_sequence_of_commands_breaks_the_loop() {
        String fixed = System.getProperty("minyi.walk.seed");
        long base = fixed != null ? Long.parseLong(fixed) : new Random().nextLong();
        int walks = fixed != null ? 1 : WALKS;
        return IntStream.range(0, walks).mapToObj(i -> {
            long seed = fixed != null ? base : base + i * 0x9E3779B97F4A7C15L;
            return DynamicTest.dynamicTest("walk seed=" + seed, () -> {
                Random rnd = new Random(seed);
                CaseType type = CaseType.values()[rnd.nextInt(CaseType.values().length)];
                walk(sequence(rnd), type);
            });
        });
    }

    /** Random walks must get deep into the loop, or the property above would prove little. */
    @AfterAll
    static void walks_reach_every_part_of_the_loop() {
        if (System.getProperty("minyi.walk.seed") == null && !REACHED.isEmpty()) {
            assertThat(REACHED).contains(DISPATCHED, SIGNED, UNDER_REVIEW, AWAITING_FEEDBACK, CLOSED, REOPENED,
                    ARCHIVED);
        }
    }

    private static void walk(List<Command> commandList, CaseType type) {
        Case c = new Case(received(1, type));
        Case target = new Case(received(2, CaseType.CLUE));
        Instant at = Instant.parse("2026-03-02T01:00:00Z");
        Set<CaseState> visited = EnumSet.of(RECEIVED);
        for (Command cmd : commandList) {
            at = at.plus(Duration.ofHours(30));
            CaseSnapshot before = c.snapshot();
            int steps = c.newSteps().size();
            int events = c.events().size();
            cmd = cmd.resolve(c.state());
            Decision d = apply(c, target, cmd, at);
            if (d.isAllowed()) {
                assertThat(c.newSteps()).hasSize(steps + 1);
                CaseStep step = c.newSteps().getLast();
                assertThat(step.from()).isEqualTo(before.state());
                assertThat(step.to()).isEqualTo(c.state());
                // the system's closing move applies a follow-up call's verdict when staff recorded one
                assertThat(step.action()).isIn(cmd.move() == Move.CLOSE_NO_FEEDBACK
                        ? Set.of(Move.CLOSE_NO_FEEDBACK, Move.CLOSE_BY_FOLLOW_UP) : Set.of(cmd.move()));
                assertThat(LOOP.get(before.state()).getOrDefault(step.action(), Set.of()))
                        .as("%s --%s--> %s", before.state(), step.action(), c.state()).contains(c.state());
                assertThat(Long.valueOf(SUBJECT_OFFICER).equals(cmd.actor().officerId())).as("the accused never acts").isFalse();
                List<Object> added = c.events().subList(events, c.events().size());
                eventsFit(cmd.move(), before.state(), c.state(), added);
            } else {
                assertThat(c.snapshot()).isEqualTo(before);
                assertThat(c.newSteps()).hasSize(steps);
                assertThat(c.events()).hasSize(events);
            }
            invariants(c.snapshot());
            visited.add(c.state());
        }
        REACHED.addAll(visited);
    }

    /** Other modules hear exactly what happened: the events an accepted move registers. */
    private static void eventsFit(Move move, CaseState from, CaseState to, List<Object> added) {
        var types = added.stream().map(Object::getClass).toList();
        switch (move) {
            case SEND_BACK, UNIT_SEND_BACK -> {
                assertThat(types).containsExactly(CaseEvents.CaseSentBack.class);
                return;
            }
            case REPORT_PROGRESS -> {
                assertThat(types).containsExactly(CaseEvents.CaseVerificationOngoing.class);
                return;
            }
            case PASS_DOWN -> {
                assertThat(types).containsExactly(CaseEvents.CasePassedDown.class);
                return;
            }
            case FOLLOW_UP_CALL -> {
                // nothing others see changes until the rating period ends
                assertThat(types).isEmpty();
                return;
            }
            case ASSIGN_ASSIST -> {
                assertThat(types).containsOnly(CaseEvents.CaseAssistAssigned.class).isNotEmpty();
                return;
            }
            case ASSIST_REPORT -> {
                assertThat(types).containsExactly(CaseEvents.CaseAssistReported.class);
                return;
            }
            case ESCALATE -> {
                assertThat(types).containsExactly(CaseEvents.CaseEscalated.class);
                return;
            }
            case HAND_DOWN -> {
                assertThat(types).containsExactly(CaseEvents.CaseHandedDown.class);
                return;
            }
            default -> {
            }
        }
        switch (to) {
            case DISPATCHED -> assertThat(types).containsExactly(CaseEvents.CaseDispatched.class);
            case RETURN_REQUESTED -> assertThat(types).containsExactly(CaseEvents.CaseReturnRequested.class);
            case REJECTED -> assertThat(types).containsExactly(CaseEvents.CaseRejected.class);
            case UNDER_REVIEW -> assertThat(types).containsExactly(CaseEvents.CaseReported.class);
            case AWAITING_FEEDBACK -> assertThat(types).containsExactly(CaseEvents.CaseAwaitingFeedback.class);
            case REOPENED -> assertThat(types).containsExactly(CaseEvents.CaseReopened.class,
                    CaseEvents.CaseDispatched.class);
            case TRANSFERRED -> assertThat(types).containsExactly(CaseEvents.CaseTransferred.class,
                    CaseEvents.CaseConcluded.class);
            case CLOSED, CLOSED_NO_FEEDBACK, MERGED -> {
                assertThat(types).containsExactly(CaseEvents.CaseConcluded.class);
                assertThat(((CaseEvents.CaseConcluded) added.getFirst()).finalState()).isEqualTo(to);
            }
            case ARCHIVED -> assertThat(types).hasSize(from == REJECTED ? 1 : 0);
            default -> assertThat(types).isEmpty();
        }
    }

    private static void invariants(CaseSnapshot s) {
        if (EnumSet.of(DISPATCHED, SIGNED, RETURN_REQUESTED, REPORTED, UNDER_REVIEW, AWAITING_FEEDBACK, REOPENED)
                .contains(s.state())) {
            assertThat(s.unitId()).isNotNull();
            assertThat(s.deadline()).isNotNull();
        }
        if (EnumSet.of(UNDER_REVIEW, AWAITING_FEEDBACK).contains(s.state())) {
            assertThat(s.outcome()).isNotNull();
            assertThat(s.outcome().fits(s.type())).isTrue();
            assertThat(s.findings()).isNotBlank();
        }
        if (s.state() == CLOSED && !(s.type() == CaseType.GRID_EVENT && s.satisfaction() == null)) {
            assertThat(s.satisfaction()).isIn(Satisfaction.SATISFIED, Satisfaction.BASICALLY_SATISFIED);
        }
        if (s.state() == REOPENED) {
            assertThat(s.reopenCount()).isPositive();
        }
        if (s.state() == MERGED) {
            assertThat(s.mergedInto()).isEqualTo(2L);
        }
        if (s.state() == REJECTED) {
            assertThat(s.rejectReason()).isNotBlank();
        }
        if (s.state() == TRANSFERRED) {
            assertThat(s.transferTarget()).isNotNull();
        }
        if (s.personsDisciplined() > 0) {
            assertThat(s.outcome().allowsDiscipline()).isTrue();
        }
        // an assisting unit's part stays open only while the case is with its lead unit
        if (s.assists().stream().anyMatch(CaseAssist::open)) {
            assertThat(s.state()).isIn(DISPATCHED, SIGNED, RETURN_REQUESTED, REPORTED, UNDER_REVIEW, REOPENED);
            assertThat(s.assists().stream().filter(CaseAssist::open).map(CaseAssist::unitId)).doesNotContain(s.unitId());
        }
    }

    private static Decision apply(Case c, Case target, Command cmd, Instant at) {
        boolean sound = cmd.variant() < 8;
        String text = sound ? "说明" : (cmd.variant() == 8 ? null : " ");
        LocalDate today = LocalDate.ofInstant(at, Case.CHINA);
        LocalDate due = sound ? today.plusDays(14) : today.minusDays(1);
        Actor by = cmd.actor();
        return switch (cmd.move()) {
            case RECEIVE -> Decision.refused("not a move");
            case ACCEPT -> c.accept(by, at, text);
            case REJECT -> c.reject(by, at, text);
            case TRIAGE -> c.triage(by, at, text, sound ? RiskLevel.MEDIUM : null, STATION, null);
            case DISPATCH -> c.dispatch(by, at, STATION, BUREAU, due, null);
            case SIGN -> c.sign(by, at);
            case REQUEST_RETURN -> c.requestReturn(by, at, text);
            case REDISPATCH -> c.redispatch(by, at, STATION, BUREAU, due, text);
            case REPORT -> {
                Outcome o = c.type() == CaseType.CLUE
                        ? (sound ? List.of(Outcome.SUBSTANTIATED, Outcome.PARTLY_SUBSTANTIATED, Outcome.UNFOUNDED)
                                .get(cmd.variant() % 3) : Outcome.RESOLVED)
                        : (sound ? Outcome.RESOLVED : Outcome.UNFOUNDED);
                int disciplined = cmd.variant() % 3;
                yield c.report(by, at, o, sound ? "查明情况" : text, disciplined, null, List.of());
            }
            case REPORT_PROGRESS -> c.reportVerificationOngoing(by, at, text, due.plusDays(10));
            case PASS_DOWN -> c.passDown(by, at, OTHER_UNIT, sound, sound && c.deadline() != null ? c.deadline() : due,
                    text);
            case UNIT_APPROVE -> c.unitApprove(by, at, text);
            case UNIT_SEND_BACK -> c.unitSendBack(by, at, text);
            case APPROVE -> c.approve(by, at, today.plusDays(cmd.variant() == 9 ? -3 : 7), text);
            case SEND_BACK -> c.sendBack(by, at, text);
            case RATE -> c.rateHandling(by, at, sound ? Satisfaction.values()[cmd.variant() % 3] : null, text, due);
            case CLOSE_NO_FEEDBACK -> c.closeWithoutFeedback(by, at, due);
            case FOLLOW_UP_CALL -> c.recordFollowUpCall(by, at, sound ? Satisfaction.values()[cmd.variant() % 3] : null,
                    sound ? "电话回访" : text);
            case CLOSE_BY_FOLLOW_UP -> Decision.refused("not a command: the system's closing move makes it");
            case CONFIRM_ON_SITE -> c.confirmOnSite(by, at, cmd.variant() % 2 == 0, text, due);
            case MERGE -> c.mergeInto(by, at, sound ? target : c, text);
            case TRANSFER -> c.transfer(by, at, sound ? TransferTarget.DISCIPLINE : null, text);
            case ARCHIVE -> c.archive(by, at, text);
            case COMMENT -> c.comment(by, at, text);
            case TRANSFER_RESULT -> c.recordTransferResult(by, at, TransferTarget.DISCIPLINE, text);
            case DISCIPLINE_HANDOVER -> c.handOverToDiscipline(by, at, text);
            case DISCIPLINE_RESULT -> c.recordDisciplineResult(by, at, text);
            case ASSIGN_ASSIST -> c.assignAssisting(by, at, sound ? List.of(OTHER_UNIT) : List.of(),
                    sound && c.deadline() != null && c.deadline().isBefore(due) ? c.deadline() : due, null);
            case ASSIST_REPORT -> c.reportAssist(by, at, sound ? "协办意见" : text);
            case ESCALATE -> c.escalate(by, at, sound ? 1L : null, "/1/", "示范市", text);
            case HAND_DOWN -> c.handDown(by, at, 93L, "/1/7/93/", "城关镇", due, text);
        };
    }

    // Ways out of the loop (reject, merge, transfer) are rarer, so that most walks reach rating and reopening.
    private static final List<Map.Entry<Integer, Move>> MOVE_WEIGHTS = List.of(
            entry(1, Move.REJECT), entry(1, Move.MERGE), entry(1, Move.TRANSFER), entry(1, Move.ARCHIVE),
            entry(2, Move.RECEIVE), entry(8, Move.ACCEPT), entry(8, Move.TRIAGE), entry(8, Move.DISPATCH),
            entry(8, Move.SIGN), entry(3, Move.REQUEST_RETURN), entry(6, Move.REDISPATCH), entry(8, Move.REPORT),
            entry(3, Move.REPORT_PROGRESS), entry(3, Move.PASS_DOWN),
            entry(8, Move.UNIT_APPROVE), entry(3, Move.UNIT_SEND_BACK), entry(8, Move.APPROVE),
            entry(3, Move.SEND_BACK), entry(8, Move.RATE), entry(4, Move.CLOSE_NO_FEEDBACK),
            entry(4, Move.FOLLOW_UP_CALL), entry(4, Move.CONFIRM_ON_SITE), entry(3, Move.ASSIGN_ASSIST),
            entry(4, Move.ASSIST_REPORT), entry(1, Move.ESCALATE), entry(1, Move.HAND_DOWN));
    private static final int TOTAL_WEIGHT = MOVE_WEIGHTS.stream().mapToInt(Map.Entry::getKey).sum();

    static List<Command> sequence(Random rnd) {
        int length = 10 + rnd.nextInt(111);
        List<Command> commands = new java.util.ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            int pick = rnd.nextInt(TOTAL_WEIGHT);
            Move m = null;
            for (Map.Entry<Integer, Move> w : MOVE_WEIGHTS) {
                pick -= w.getKey();
                if (pick < 0) {
                    m = w.getValue();
                    break;
                }
            }
            int who = rnd.nextInt(10);
            int variant = rnd.nextInt(10);
            Actor anyone = ACTORS.get(rnd.nextInt(ACTORS.size()));
            int guide = rnd.nextInt(100) - 15;
            commands.add(new Command(m, who < 7 ? rightActor(m, variant) : anyone, variant, guide < 0 ? -1 : guide));
        }
        return commands;
    }

    /** Mostly the actor the move belongs to, so that random walks get deep into the loop. */
    private static Actor rightActor(Move m, int v) {
        return switch (m) {
            case ACCEPT, REJECT, TRIAGE, DISPATCH, REDISPATCH, MERGE, TRANSFER, ARCHIVE, FOLLOW_UP_CALL,
                 DISCIPLINE_HANDOVER -> DISPATCHER;
            case COMMENT, TRANSFER_RESULT, DISCIPLINE_RESULT -> Actor.system();
            case SIGN, REQUEST_RETURN, REPORT, REPORT_PROGRESS -> v % 2 == 0 ? HANDLER : UNIT_LEADER;
            case UNIT_APPROVE, UNIT_SEND_BACK, PASS_DOWN -> UNIT_LEADER;
            case APPROVE, SEND_BACK -> REVIEWER;
            case RATE -> Actor.resident();
            case CONFIRM_ON_SITE -> GRID_WORKER;
            case CLOSE_NO_FEEDBACK, CLOSE_BY_FOLLOW_UP, RECEIVE -> Actor.system();
            case ASSIGN_ASSIST, HAND_DOWN -> DISPATCHER;
            case ASSIST_REPORT -> OTHER_HANDLER;
            case ESCALATE -> v % 2 == 0 ? DISPATCHER : UNIT_LEADER;
        };
    }

    static CaseSnapshot received(long id, CaseType type) {
        Instant t = Instant.parse("2026-03-01T01:00:00Z");
        return new CaseSnapshot(id, "ABCDEFGHJ" + id, type, SourceChannel.WALK_IN, 412, VILLAGE, STATION,
                SUBJECT_OFFICER, "王*", "138****1234", "k", "内容", null, null, null, null, null, RECEIVED, null, null,
                null, null, null, 0, null, null, null, null, 0, null, null, null, t, t, null, null, false, null, false, null, null, 0,
                null, null, null, List.of());
    }

    static Actor staff(String name, Set<Role> roles, Long unit, String path, Long officer) {
        return new Actor(Actor.Kind.STAFF, name, roles, unit, "单位" + unit, path, officer);
    }

    /**
     * Walks cases of every type through every state the loop reaches (guided random walks with the right actors) and,
     * in each state, lets the accused officer try every move: each is refused and changes nothing, and wherever a
     * colleague of the same unit would be allowed, the refusal gives the whistle-blower reason, not another one.
     */
    @Test
    void the_accused_officer_is_refused_every_move_in_every_state_with_the_conflict_reason() {
        Set<CaseState> reached = EnumSet.noneOf(CaseState.class);
        Set<Move> refusedForConflict = EnumSet.noneOf(Move.class);
        for (long seed = 0; seed < 120; seed++) {
            Random rnd = new Random(seed);
            CaseType type = CaseType.values()[(int) (seed % CaseType.values().length)];
            Case c = new Case(received(1, type));
            Instant at = Instant.parse("2026-03-02T01:00:00Z");
            for (int step = 0; step < 30; step++, at = at.plusSeconds(3600)) {
                reached.add(c.state());
                for (Move move : Move.values()) {
                    Case tried = new Case(c.snapshot());
                    Decision byAccused = apply(tried, new Case(received(2, type)), new Command(move, ACCUSED, 0), at);
                    assertThat(byAccused.isAllowed()).as("%s in %s", move, c.state()).isFalse();
                    assertThat(tried.snapshot()).isEqualTo(c.snapshot());
                    Decision byColleague = apply(new Case(c.snapshot()), new Case(received(2, type)),
                            new Command(move, HANDLER, 0), at);
                    if (byColleague.isAllowed()) {
                        assertThat(byAccused).as("%s in %s", move, c.state())
                                .isEqualTo(Decision.refused(CasePolicy.CONFLICT));
                        refusedForConflict.add(move);
                    }
                }
                assertThat(CasePolicy.canView(ACCUSED, c)).isFalse();
                Command next = new Command(Move.ACCEPT, DISPATCHER, rnd.nextInt(8), rnd.nextInt(100)).resolve(c.state());
                apply(c, new Case(received(2, type)), next, at);
            }
        }
        assertThat(reached).contains(RECEIVED, ACCEPTED, TRIAGED, DISPATCHED, SIGNED, UNDER_REVIEW, AWAITING_FEEDBACK,
                CLOSED, REOPENED, ARCHIVED);
        assertThat(refusedForConflict).contains(Move.SIGN, Move.REQUEST_RETURN, Move.REPORT);
    }
}
