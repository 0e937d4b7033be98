package io.minyi.casework.internal;

import io.minyi.casework.CaseEvents;
import io.minyi.casework.CaseState;
import io.minyi.casework.CaseType;
import io.minyi.casework.SourceChannel;
import io.minyi.org.Role;
import io.minyi.platform.Decision;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.minyi.casework.CaseState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static java.util.Map.entry;

/**
 * Random command sequences through the aggregate: whatever the order, actor or input, the case only ever takes the
 * transitions of the loop, a refused move changes nothing, and an accepted one appends exactly one ledger step
 * (which {@link CaseWorkflow} turns into exactly one audit event).
 */
class CaseLoopProperties {

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
    static final List<Actor> ACTORS = List.of(DISPATCHER, FAR_DISPATCHER, HANDLER, ACCUSED, UNIT_LEADER, REVIEWER,
            OTHER_HANDLER, ADMIN, LEADER, Actor.resident(), Actor.system());

    /** The loop as PRODUCT.md and the issue describe it: from-state → move → possible to-states. */
    static final Map<CaseState, Map<Move, Set<CaseState>>> LOOP = Map.ofEntries(
            entry(RECEIVED, Map.of(Move.ACCEPT, Set.of(ACCEPTED), Move.REJECT, Set.of(REJECTED),
                    Move.MERGE, Set.of(MERGED), Move.TRANSFER, Set.of(TRANSFERRED))),
            entry(ACCEPTED, Map.of(Move.REJECT, Set.of(REJECTED), Move.TRIAGE, Set.of(TRIAGED),
                    Move.MERGE, Set.of(MERGED), Move.TRANSFER, Set.of(TRANSFERRED))),
            entry(TRIAGED, Map.of(Move.REJECT, Set.of(REJECTED), Move.TRIAGE, Set.of(TRIAGED),
                    Move.DISPATCH, Set.of(DISPATCHED), Move.MERGE, Set.of(MERGED), Move.TRANSFER, Set.of(TRANSFERRED))),
            entry(DISPATCHED, Map.of(Move.SIGN, Set.of(SIGNED), Move.REQUEST_RETURN, Set.of(RETURN_REQUESTED))),
            entry(RETURN_REQUESTED, Map.of(Move.REDISPATCH, Set.of(DISPATCHED))),
            entry(SIGNED, Map.of(Move.REPORT, Set.of(REPORTED, UNDER_REVIEW))),
            entry(REPORTED, Map.of(Move.UNIT_APPROVE, Set.of(UNDER_REVIEW), Move.UNIT_SEND_BACK, Set.of(SIGNED))),
            entry(UNDER_REVIEW, Map.of(Move.APPROVE, Set.of(AWAITING_FEEDBACK), Move.SEND_BACK, Set.of(SIGNED))),
            entry(AWAITING_FEEDBACK, Map.of(Move.RATE, Set.of(CLOSED, REOPENED),
                    Move.CLOSE_NO_FEEDBACK, Set.of(CLOSED_NO_FEEDBACK))),
            entry(REOPENED, Map.of(Move.SIGN, Set.of(SIGNED), Move.REPORT, Set.of(REPORTED, UNDER_REVIEW))),
            entry(CLOSED, Map.of(Move.ARCHIVE, Set.of(ARCHIVED))),
            entry(CLOSED_NO_FEEDBACK, Map.of(Move.ARCHIVE, Set.of(ARCHIVED))),
            entry(REJECTED, Map.of(Move.ARCHIVE, Set.of(ARCHIVED))),
            entry(MERGED, Map.of(Move.ARCHIVE, Set.of(ARCHIVED))),
            entry(TRANSFERRED, Map.of(Move.ARCHIVE, Set.of(ARCHIVED))),
            entry(ARCHIVED, Map.of()));

    static final Set<Move> SIDE_WAYS = EnumSet.of(Move.REJECT, Move.MERGE, Move.TRANSFER, Move.REQUEST_RETURN,
            Move.UNIT_SEND_BACK, Move.SEND_BACK, Move.CLOSE_NO_FEEDBACK);

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

    @Property(tries = 300)
    void no_sequence_of_commands_breaks_the_loop(@ForAll("sequences") List<Command> commandList,
                                                 @ForAll CaseType type) {
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
                assertThat(step.action()).isEqualTo(cmd.move());
                assertThat(LOOP.get(before.state()).getOrDefault(cmd.move(), Set.of()))
                        .as("%s --%s--> %s", before.state(), cmd.move(), c.state()).contains(c.state());
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
        Statistics.collect(c.state());
        Statistics.label("reached").collect(visited.contains(REOPENED) ? "reopened" : visited.contains(AWAITING_FEEDBACK)
                ? "awaiting feedback" : visited.contains(DISPATCHED) ? "dispatched" : "before dispatch");
    }

    /** Other modules hear exactly what happened: the events an accepted move registers. */
    private static void eventsFit(Move move, CaseState from, CaseState to, List<Object> added) {
        var types = added.stream().map(Object::getClass).toList();
        switch (to) {
            case DISPATCHED -> assertThat(types).containsExactly(CaseEvents.CaseDispatched.class);
            case REJECTED -> assertThat(types).containsExactly(CaseEvents.CaseRejected.class);
            case UNDER_REVIEW -> assertThat(types).containsExactly(CaseEvents.CaseReported.class);
            case AWAITING_FEEDBACK -> assertThat(types).containsExactly(CaseEvents.CaseAwaitingFeedback.class);
            case REOPENED -> assertThat(types).containsExactly(CaseEvents.CaseReopened.class,
                    CaseEvents.CaseDispatched.class);
            case TRANSFERRED -> assertThat(types).containsExactly(CaseEvents.CaseTransferred.class,
                    CaseEvents.CaseConcluded.class);
            case CLOSED, CLOSED_NO_FEEDBACK, MERGED -> {
                assertThat(types).containsExactly(CaseEvents.CaseConcluded.class);
                assertThat(((CaseEvents.CaseConcluded) added.getFirst()).finalState()).isEqualTo(to.name());
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
        if (s.state() == CLOSED) {
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
                        ? (sound ? Outcome.SUBSTANTIATED : Outcome.RESOLVED)
                        : (sound ? Outcome.RESOLVED : Outcome.UNFOUNDED);
                int disciplined = cmd.variant() % 3;
                yield c.report(by, at, o, sound ? "查明情况" : text, disciplined, null, List.of());
            }
            case UNIT_APPROVE -> c.unitApprove(by, at, text);
            case UNIT_SEND_BACK -> c.unitSendBack(by, at, text);
            case APPROVE -> c.approve(by, at, today.plusDays(cmd.variant() == 9 ? -3 : 7), text);
            case SEND_BACK -> c.sendBack(by, at, text);
            case RATE -> c.rateHandling(by, at, sound ? Satisfaction.values()[cmd.variant() % 3] : null, text, due);
            case CLOSE_NO_FEEDBACK -> c.closeWithoutFeedback(by, at);
            case MERGE -> c.mergeInto(by, at, sound ? target : c, text);
            case TRANSFER -> c.transfer(by, at, sound ? TransferTarget.DISCIPLINE : null, text);
            case ARCHIVE -> c.archive(by, at, text);
        };
    }

    @Provide
    Arbitrary<List<Command>> sequences() {
        // Ways out of the loop (reject, merge, transfer) are rarer, so that most walks reach rating and reopening.
        Arbitrary<Move> moves = Arbitraries.frequency(
                net.jqwik.api.Tuple.of(1, Move.REJECT), net.jqwik.api.Tuple.of(1, Move.MERGE),
                net.jqwik.api.Tuple.of(1, Move.TRANSFER), net.jqwik.api.Tuple.of(1, Move.ARCHIVE),
                net.jqwik.api.Tuple.of(2, Move.RECEIVE), net.jqwik.api.Tuple.of(8, Move.ACCEPT),
                net.jqwik.api.Tuple.of(8, Move.TRIAGE), net.jqwik.api.Tuple.of(8, Move.DISPATCH),
                net.jqwik.api.Tuple.of(8, Move.SIGN), net.jqwik.api.Tuple.of(3, Move.REQUEST_RETURN),
                net.jqwik.api.Tuple.of(6, Move.REDISPATCH), net.jqwik.api.Tuple.of(8, Move.REPORT),
                net.jqwik.api.Tuple.of(8, Move.UNIT_APPROVE), net.jqwik.api.Tuple.of(3, Move.UNIT_SEND_BACK),
                net.jqwik.api.Tuple.of(8, Move.APPROVE), net.jqwik.api.Tuple.of(3, Move.SEND_BACK),
                net.jqwik.api.Tuple.of(8, Move.RATE), net.jqwik.api.Tuple.of(4, Move.CLOSE_NO_FEEDBACK));
        Arbitrary<Integer> who = Arbitraries.integers().between(0, 9);
        Arbitrary<Integer> variant = Arbitraries.integers().between(0, 9);
        Arbitrary<Actor> anyone = Arbitraries.of(ACTORS);
        Arbitrary<Integer> guide = Arbitraries.integers().between(-15, 84);
        return Combinators.combine(moves, who, variant, anyone, guide)
                .as((m, w, v, a, g) -> new Command(m, w < 7 ? rightActor(m, v) : a, v, g < 0 ? -1 : g))
                .list().ofMinSize(10).ofMaxSize(120);
    }

    /** Mostly the actor the move belongs to, so that random walks get deep into the loop. */
    private static Actor rightActor(Move m, int v) {
        return switch (m) {
            case ACCEPT, REJECT, TRIAGE, DISPATCH, REDISPATCH, MERGE, TRANSFER, ARCHIVE -> DISPATCHER;
            case SIGN, REQUEST_RETURN, REPORT -> v % 2 == 0 ? HANDLER : UNIT_LEADER;
            case UNIT_APPROVE, UNIT_SEND_BACK -> UNIT_LEADER;
            case APPROVE, SEND_BACK -> REVIEWER;
            case RATE -> Actor.resident();
            case CLOSE_NO_FEEDBACK, RECEIVE -> Actor.system();
        };
    }

    static CaseSnapshot received(long id, CaseType type) {
        Instant t = Instant.parse("2026-03-01T01:00:00Z");
        return new CaseSnapshot(id, "ABCDEFGHJ" + id, type, SourceChannel.WALK_IN, 412, VILLAGE, STATION,
                SUBJECT_OFFICER, "王*", "138****1234", "k", "内容", null, null, null, null, null, RECEIVED, null, null,
                null, null, null, 0, null, null, null, null, 0, null, null, null, t, t, null, 0);
    }

    static Actor staff(String name, Set<Role> roles, Long unit, String path, Long officer) {
        return new Actor(Actor.Kind.STAFF, name, roles, unit, "单位" + unit, path, officer);
    }

    @Property(tries = 50)
    void the_accused_officer_is_refused_every_move(@ForAll Move move, @ForAll CaseType type) {
        // Walk a case to every stage with the right actors, then let the accused officer try the move.
        Case c = new Case(received(1, type));
        Instant at = Instant.parse("2026-03-02T01:00:00Z");
        LocalDate later = LocalDate.parse("2026-04-30");
        c.accept(DISPATCHER, at, null);
        c.triage(DISPATCHER, at, "x", RiskLevel.LOW, STATION, null);
        c.dispatch(DISPATCHER, at, STATION, BUREAU, later, null);
        CaseSnapshot before = c.snapshot();
        Decision d = apply(c, new Case(received(2, type)), new Command(move, ACCUSED, 0), at);
        assertThat(d.isAllowed()).isFalse();
        assertThat(c.snapshot()).isEqualTo(before);
        assertThat(CasePolicy.canView(ACCUSED, c)).isFalse();
        assertThat(CasePolicy.canView(HANDLER, c)).isTrue();
        assertThat(c.events()).anyMatch(e -> e instanceof CaseEvents.CaseDispatched);
    }
}
