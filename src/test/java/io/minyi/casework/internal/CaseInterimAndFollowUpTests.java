package io.minyi.casework.internal;

import io.minyi.casework.CaseEvents;
import io.minyi.casework.CaseState;
import io.minyi.casework.CaseType;
import io.minyi.casework.Outcome;
import io.minyi.casework.RiskLevel;
import io.minyi.platform.Decision;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.minyi.casework.internal.CaseLoopPropertyTests.*;
import static org.assertj.core.api.Assertions.assertThat;

/** 核查中 with its extension rule, send-backs that tell supervision, and follow-up calls whose verdict yields to the raiser's. */
class CaseInterimAndFollowUpTests {

    static final Instant MON = Instant.parse("2026-03-02T01:00:00Z");
    static final LocalDate DUE = LocalDate.parse("2026-03-20");
    static final LocalDate EXTENDED = LocalDate.parse("2026-04-03");

    private static Case signed(CaseType type) {
        Case c = new Case(received(1, type));
        c.accept(DISPATCHER, MON, null);
        c.triage(DISPATCHER, MON, "执法作风", RiskLevel.LOW, STATION, null);
        c.dispatch(DISPATCHER, MON, STATION, BUREAU, DUE, null);
        c.sign(HANDLER, MON);
        return c;
    }

    @Test
    void the_first_interim_report_in_time_extends_the_deadline_once_and_the_clue_stays_with_the_unit() {
        Case c = signed(CaseType.CLUE);
        assertThat(c.reportVerificationOngoing(HANDLER, MON, "正在调取视频", EXTENDED).isAllowed()).isTrue();
        assertThat(c.state()).isEqualTo(CaseState.SIGNED);
        assertThat(c.deadline()).isEqualTo(EXTENDED);
        assertThat(c.events()).last().isEqualTo(new CaseEvents.CaseVerificationOngoing(1, CaseType.CLUE, STATION, 412,
                EXTENDED, true, MON));

        // one standing at a time: a second interim report before the result is refused
        assertThat(c.reportVerificationOngoing(HANDLER, MON, "仍在核查", EXTENDED.plusDays(14)))
                .isEqualTo(Decision.refused("casework.refused.alreadyVerifying"));

        // after a result sent back, verification may be reported again, but the deadline is not extended twice
        c.report(UNIT_LEADER, MON, Outcome.PARTLY_SUBSTANTIATED, "部分属实", 1, "某某", List.of());
        c.sendBack(REVIEWER, MON, "补充证据");
        assertThat(c.events()).last().isEqualTo(new CaseEvents.CaseSentBack(1, CaseType.CLUE, STATION, 412,
                CaseEvents.SentBackBy.REVIEWER, EXTENDED, MON));
        assertThat(c.reportVerificationOngoing(HANDLER, MON, "补充核查", EXTENDED.plusDays(14)).isAllowed()).isTrue();
        assertThat(c.deadline()).isEqualTo(EXTENDED);
    }

    @Test
    void an_interim_report_filed_late_or_on_anything_but_a_clue_extends_nothing() {
        Case late = signed(CaseType.CLUE);
        Instant afterDeadline = Instant.parse("2026-03-23T01:00:00Z");
        assertThat(late.reportVerificationOngoing(HANDLER, afterDeadline, "核查中", EXTENDED).isAllowed()).isTrue();
        assertThat(late.deadline()).isEqualTo(DUE);

        Case dispute = signed(CaseType.DISPUTE);
        assertThat(dispute.reportVerificationOngoing(HANDLER, MON, "调解中", EXTENDED))
                .isEqualTo(Decision.refused("casework.refused.interimCluesOnly"));
        assertThat(signed(CaseType.CLUE).reportVerificationOngoing(HANDLER, MON, " ", EXTENDED))
                .isEqualTo(Decision.refused("casework.refused.progressRequired"));
    }

    private static Case awaitingFeedback() {
        Case c = signed(CaseType.PETITION);
        c.report(UNIT_LEADER, MON, Outcome.RESOLVED, "已解决", 0, null, List.of());
        c.approve(REVIEWER, MON, LocalDate.parse("2026-03-09"), null);
        return c;
    }

    @Test
    void a_follow_up_call_applies_when_the_rating_period_ends_and_is_marked_as_recorded_by_staff() {
        Case c = awaitingFeedback();
        assertThat(c.recordFollowUpCall(DISPATCHER, MON, Satisfaction.BASICALLY_SATISFIED, "电话回访，群众表示基本满意")
                .isAllowed()).isTrue();
        assertThat(c.state()).isEqualTo(CaseState.AWAITING_FEEDBACK);
        assertThat(c.recordFollowUpCall(HANDLER, MON, Satisfaction.SATISFIED, "x").isAllowed())
                .as("the unit that handled it does not record its own rating").isFalse();

        Instant afterPeriod = Instant.parse("2026-03-10T01:00:00Z");
        assertThat(c.closeWithoutFeedback(Actor.system(), afterPeriod, DUE.plusDays(30)).isAllowed()).isTrue();
        assertThat(c.state()).isEqualTo(CaseState.CLOSED);
        assertThat(c.newSteps().getLast().action()).isEqualTo(Move.CLOSE_BY_FOLLOW_UP);
        CaseEvents.CaseConcluded done = (CaseEvents.CaseConcluded) c.events().getLast();
        assertThat(done.satisfied()).isTrue();
        assertThat(done.staffRecorded()).isTrue();
    }

    @Test
    void the_raisers_own_rating_wins_over_a_follow_up_call() {
        Case c = awaitingFeedback();
        c.recordFollowUpCall(DISPATCHER, MON, Satisfaction.SATISFIED, "电话回访");
        assertThat(c.rateHandling(Actor.resident(), MON, Satisfaction.DISSATISFIED, "没解决", DUE.plusDays(30))
                .isAllowed()).isTrue();
        assertThat(c.state()).isEqualTo(CaseState.REOPENED);
        CaseEvents.CaseReopened reopened = c.events().stream().filter(e -> e instanceof CaseEvents.CaseReopened)
                .map(CaseEvents.CaseReopened.class::cast).findFirst().orElseThrow();
        assertThat(reopened.staffRecorded()).isFalse();
    }

    @Test
    void a_dissatisfied_follow_up_call_reopens_the_case_when_the_period_ends() {
        Case c = awaitingFeedback();
        c.recordFollowUpCall(DISPATCHER, MON, Satisfaction.DISSATISFIED, "群众表示问题未解决");
        Instant afterPeriod = Instant.parse("2026-03-10T01:00:00Z");
        assertThat(c.closeWithoutFeedback(Actor.system(), afterPeriod, null).isAllowed())
                .as("reopening needs a new deadline").isFalse();
        assertThat(c.closeWithoutFeedback(Actor.system(), afterPeriod, DUE.plusDays(30)).isAllowed()).isTrue();
        assertThat(c.state()).isEqualTo(CaseState.REOPENED);
        assertThat(c.events()).anyMatch(e -> e instanceof CaseEvents.CaseReopened r && r.staffRecorded());
    }

    @Test
    void a_case_passed_down_is_reported_from_below_and_goes_up_only_through_the_responsible_units_leader() {
        Case c = signed(CaseType.DISPUTE);
        LocalDate inside = DUE.minusDays(5);
        assertThat(c.passDown(HANDLER, MON, OTHER_UNIT, true, inside, null).isAllowed())
                .as("a handler does not pass down").isFalse();
        assertThat(c.passDown(UNIT_LEADER, MON, OTHER_UNIT, false, inside, null))
                .isEqualTo(Decision.refused("casework.refused.notBelow"));
        assertThat(c.passDown(UNIT_LEADER, MON, OTHER_UNIT, true, DUE.plusDays(1), null))
                .isEqualTo(Decision.refused("casework.refused.passDownDeadline"));
        assertThat(c.passDown(UNIT_LEADER, MON, OTHER_UNIT, true, inside, "请司法所调解").isAllowed()).isTrue();
        assertThat(c.events()).last().isEqualTo(new CaseEvents.CasePassedDown(1, CaseType.DISPUTE, STATION,
                OTHER_UNIT, 412, inside, SUBJECT_OFFICER, MON));
        assertThat(CasePolicy.canView(OTHER_HANDLER, c)).isTrue();
        assertThat(c.deadline()).as("the responsible unit's own deadline is unchanged").isEqualTo(DUE);

        Actor belowLeader = staff("belowleader", java.util.Set.of(io.minyi.org.Role.UNIT_LEADER), OTHER_UNIT, COUNTY,
                null);
        assertThat(c.report(belowLeader, MON, Outcome.RESOLVED, "已调解", 0, null, List.of()).isAllowed()).isTrue();
        assertThat(c.state()).as("a report from below waits for the responsible unit's leader")
                .isEqualTo(CaseState.REPORTED);
        assertThat(c.unitApprove(belowLeader, MON, null)).as("the unit below reports; the responsible unit approves")
                .isEqualTo(Decision.refused(CasePolicy.NOT_YOUR_UNIT));
        assertThat(c.state()).isEqualTo(CaseState.REPORTED);
        assertThat(c.unitApprove(UNIT_LEADER, MON, null).isAllowed()).isTrue();
        assertThat(c.state()).isEqualTo(CaseState.UNDER_REVIEW);
    }

    @Test
    void a_return_request_and_a_unit_leaders_send_back_are_heard_by_the_other_modules() {
        Case c = new Case(received(1, CaseType.GRID_EVENT));
        c.accept(DISPATCHER, MON, null);
        c.triage(DISPATCHER, MON, "安全隐患", RiskLevel.HIGH, STATION, null);
        c.dispatch(DISPATCHER, MON, STATION, BUREAU, DUE, null);
        c.requestReturn(HANDLER, MON, "不属于本单位");
        assertThat(c.events()).last().isEqualTo(new CaseEvents.CaseReturnRequested(1, CaseType.GRID_EVENT, STATION,
                412, MON));
        c.redispatch(DISPATCHER, MON, STATION, BUREAU, DUE, "仍由本单位办理");
        c.sign(HANDLER, MON);
        c.report(HANDLER, MON, Outcome.RESOLVED, "已整改", 0, null, List.of());
        c.unitSendBack(UNIT_LEADER, MON, "照片不清楚");
        assertThat(c.events()).last().isEqualTo(new CaseEvents.CaseSentBack(1, CaseType.GRID_EVENT, STATION, 412,
                CaseEvents.SentBackBy.UNIT_LEADER, DUE, MON));
    }
}
