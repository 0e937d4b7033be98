package io.minyi.casework;

import io.minyi.casework.CaseEvents.CaseDispatched;
import io.minyi.casework.CaseEvents.CaseReceived;
import io.minyi.casework.CaseEvents.CaseRejected;
import io.minyi.casework.internal.Actor;
import io.minyi.casework.internal.CaseWorkflow;
import io.minyi.org.Role;
import io.minyi.platform.Decision;
import io.minyi.platform.NotFoundException;
import io.minyi.support.PatientScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.AssertablePublishedEvents;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.annotation.DirtiesContext;

import java.lang.reflect.RecordComponent;
import java.util.Set;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Casework with only what it stands on (org's demo city, audit, platform): a command in, the loop's event out. A case
 * handed in is heard as received; a dispatch is heard with its unit and deadline; a move the loop refuses — the
 * wrong unit, the wrong state, the officer the case is about (to whom it does not exist) — leaves the case where it was and tells nobody.
 * Who hears these events is each listener's own module test.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = "platform")
@DirtiesContext
@ExtendWith(PatientScenarios.class)
class CaseworkModuleTests {

    private static final Actor DISPATCHER = new Actor(Actor.Kind.STAFF, "dispatcher", Set.of(Role.DISPATCHER), null,
            "综治中心", "/", null);

    @Autowired
    CaseIntake intake;
    @Autowired
    CaseWorkflow workflow;
    @Autowired
    JdbcClient jdbc;

    private record Station(long unitId, long jurisdictionId, long accusedOfficerId, long otherUnitId) {
    }

    /** The demo police station of {@code handler} (an officer) and {@code unitleader}, and some other unit. */
    private Station station() {
        return jdbc.sql("""
                        SELECT s.unit_id, u.jurisdiction_id, s.officer_id,
                               (SELECT min(o.id) FROM org_unit o WHERE o.id <> s.unit_id)
                        FROM org_staff s JOIN org_unit u ON u.id = s.unit_id WHERE s.username = 'handler'""")
                .query((rs, n) -> new Station(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))).single();
    }

    private static NewCase clueAbout(Station at, String text) {
        return new NewCase(CaseType.CLUE, SourceChannel.WALK_IN, at.jurisdictionId(), null, at.accusedOfficerId(),
                null, "13900000000", text + " " + System.nanoTime(), null, null, null);
    }

    private static Actor leaderOf(long unitId) {
        return new Actor(Actor.Kind.STAFF, "unitleader", Set.of(Role.UNIT_LEADER), unitId, "单位", "/", null);
    }

    private String stateOf(long caseId) {
        return jdbc.sql("SELECT state FROM cases WHERE id = ?").param(caseId).query(String.class).single();
    }

    /** Received, accepted, triaged and dispatched to the station, in the test's own thread. */
    private long dispatchedTo(Station at) {
        long caseId = intake.receive(clueAbout(at, "民警办事拖拉")).caseId();
        assertThat(workflow.accept(caseId, DISPATCHER, null).isAllowed()).isTrue();
        assertThat(workflow.triage(caseId, DISPATCHER, "执法作风", RiskLevel.MEDIUM, at.unitId(), null).isAllowed())
                .isTrue();
        assertThat(workflow.dispatch(caseId, DISPATCHER, at.unitId(), null).isAllowed()).isTrue();
        return caseId;
    }

    /** Every casework event about one case, whatever its type (each of them carries {@code caseId}). */
    private static long eventsAbout(AssertablePublishedEvents events, long caseId) {
        return StreamSupport.stream(events.ofType(Record.class).matching(e -> e.getClass().getEnclosingClass()
                == CaseEvents.class && caseIdOf(e) == caseId).spliterator(), false).count();
    }

    private static long caseIdOf(Record event) {
        try {
            for (RecordComponent c : event.getClass().getRecordComponents()) {
                if (c.getName().equals("caseId")) {
                    return (long) c.getAccessor().invoke(event);
                }
            }
            return -1;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_case_handed_in_is_heard_as_received_with_its_subject_and_channel(Scenario scenario) {
        Station station = station();

        scenario.stimulate(tx -> tx.execute(s -> intake.receive(clueAbout(station, "执法不公"))))
                .andWaitForEventOfType(CaseReceived.class)
                .toArriveAndVerify((event, receipt) -> {
                    assertThat(event.caseId()).isEqualTo(receipt.caseId());
                    assertThat(event.type()).isEqualTo(CaseType.CLUE);
                    assertThat(event.channel()).isEqualTo(SourceChannel.WALK_IN);
                    assertThat(event.jurisdictionId()).isEqualTo(station.jurisdictionId());
                    assertThat(event.subjectOfficerId()).isEqualTo(station.accusedOfficerId());
                    assertThat(event.raiserKey()).as("a key, never the phone itself").doesNotContain("13900000000");
                });
    }

    @Test
    void a_dispatch_is_heard_with_the_unit_and_its_deadline_and_a_rejection_with_its_reason(Scenario scenario) {
        Station station = station();
        long caseId = intake.receive(clueAbout(station, "民警吃拿卡要")).caseId();
        workflow.accept(caseId, DISPATCHER, null);
        workflow.triage(caseId, DISPATCHER, "执法作风", RiskLevel.HIGH, station.unitId(), null);

        scenario.stimulate(() -> workflow.dispatch(caseId, DISPATCHER, station.unitId(), null))
                .andWaitForEventOfType(CaseDispatched.class)
                .matchingMappedValue(CaseDispatched::caseId, caseId)
                .toArriveAndVerify((event, decision) -> {
                    assertThat(decision.isAllowed()).isTrue();
                    assertThat(event.unitId()).isEqualTo(station.unitId());
                    assertThat(event.riskLevel()).isEqualTo(RiskLevel.HIGH);
                    assertThat(event.deadline()).isAfterOrEqualTo(event.at().atZone(io.minyi.platform.CityTime.ZONE)
                            .toLocalDate());
                    assertThat(event.redispatch()).isFalse();
                    assertThat(event.subjectOfficerId()).as("so that the unit's notice leaves that officer out")
                            .isEqualTo(station.accusedOfficerId());
                });

        long other = intake.receive(clueAbout(station, "重复反映")).caseId();
        scenario.stimulate(() -> workflow.reject(other, DISPATCHER, "不属于受理范围"))
                .andWaitForEventOfType(CaseRejected.class)
                .matchingMappedValue(CaseRejected::caseId, other)
                .toArriveAndVerify(event -> assertThat(event.reason()).isEqualTo("不属于受理范围"));
    }

    @Test
    void a_move_the_loop_refuses_leaves_the_case_where_it_was_and_publishes_nothing(AssertablePublishedEvents events) {
        Station station = station();
        long caseId = dispatchedTo(station);
        long heard = eventsAbout(events, caseId);
        assertThat(heard).as("received and dispatched were heard").isGreaterThanOrEqualTo(2);
        Actor accused = new Actor(Actor.Kind.STAFF, "handler", Set.of(Role.UNIT_HANDLER, Role.UNIT_LEADER),
                station.unitId(), "派出所", "/", station.accusedOfficerId());

        assertThat(workflow.sign(caseId, DISPATCHER)).isEqualTo(Decision.refused("casework.refused.role"));
        assertThat(workflow.approve(caseId, DISPATCHER, null)).isInstanceOf(Decision.Refused.class);
        assertThat(workflow.accept(caseId, DISPATCHER, null)).isEqualTo(Decision.refused("casework.refused.state"));
        assertThatThrownBy(() -> workflow.sign(caseId, leaderOf(station.otherUnitId())))
                .as("another unit does not see the case").isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> workflow.sign(caseId, accused)).as("nor does the officer it is about")
                .isInstanceOf(NotFoundException.class);

        assertThat(stateOf(caseId)).isEqualTo(CaseState.DISPATCHED.name());
        assertThat(eventsAbout(events, caseId)).isEqualTo(heard);

        assertThat(workflow.sign(caseId, leaderOf(station.unitId())).isAllowed()).as("the unit itself may").isTrue();
        assertThat(stateOf(caseId)).isEqualTo(CaseState.SIGNED.name());
    }
}
