package io.minyi.casework.internal;

import io.minyi.casework.CaseEvents;
import io.minyi.casework.CaseState;
import io.minyi.casework.CaseType;
import io.minyi.casework.Outcome;
import io.minyi.casework.RiskLevel;
import io.minyi.org.Role;
import io.minyi.platform.Decision;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static io.minyi.casework.internal.CaseLoopPropertyTests.*;
import static org.assertj.core.api.Assertions.assertThat;

/** 主办/协办 and 上报/下交 on the aggregate: who may make each move, what it changes, and what it tells the others. */
class CaseCoHandlingAndLevelsTests {

    static final Instant MON = Instant.parse("2026-03-02T01:00:00Z");
    static final Instant LATER = Instant.parse("2026-03-25T01:00:00Z");
    static final LocalDate DUE = LocalDate.parse("2026-03-20");
    static final Actor CITY_DISPATCHER = staff("citydispatcher", Set.of(Role.DISPATCHER), 1L, "/1/", null);
    static final Actor TOWNSHIP_DISPATCHER = staff("towndispatcher", Set.of(Role.DISPATCHER), 30L, "/1/7/93/", null);

    private static Case dispatched() {
        Case c = new Case(received(1, CaseType.PETITION));
        c.accept(DISPATCHER, MON, null);
        c.triage(DISPATCHER, MON, "征地拆迁", RiskLevel.MEDIUM, STATION, null);
        c.dispatch(DISPATCHER, MON, STATION, BUREAU, DUE, null);
        return c;
    }

    @Test
    void an_assisting_unit_files_its_part_while_only_the_lead_unit_reports_for_the_case() {
        Case c = dispatched();
        assertThat(c.assignAssisting(HANDLER, MON, List.of(OTHER_UNIT), DUE, null))
                .isEqualTo(Decision.refused(CasePolicy.NOT_YOUR_ROLE));
        assertThat(c.assignAssisting(DISPATCHER, MON, List.of(STATION), DUE, null))
                .as("the lead does not assist itself").isEqualTo(Decision.refused("casework.refused.assistUnits"));
        assertThat(c.assignAssisting(DISPATCHER, MON, List.of(OTHER_UNIT), DUE.plusDays(1), null))
                .as("inside the lead's deadline").isEqualTo(Decision.refused("casework.refused.assistDeadline"));
        assertThat(c.assignAssisting(DISPATCHER, MON, List.of(OTHER_UNIT), DUE.minusDays(5), "请协助").isAllowed())
                .isTrue();
        assertThat(c.state()).isEqualTo(CaseState.DISPATCHED);
        assertThat(c.events()).last().isEqualTo(new CaseEvents.CaseAssistAssigned(1, CaseType.PETITION, STATION,
                OTHER_UNIT, 412, DUE.minusDays(5), SUBJECT_OFFICER, MON));
        assertThat(CasePolicy.canView(OTHER_HANDLER, c)).isTrue();

        // the assisting unit neither signs nor reports for the case; the lead does not file the part
        assertThat(c.sign(OTHER_HANDLER, MON)).isEqualTo(Decision.refused(CasePolicy.NOT_YOUR_UNIT));
        assertThat(c.reportAssist(HANDLER, MON, "x")).isEqualTo(Decision.refused(CasePolicy.NOT_YOUR_UNIT));
        assertThat(c.redispatch(DISPATCHER, MON, OTHER_UNIT, BUREAU, DUE, null))
                .as("nothing to redispatch while the lead holds the case").isEqualTo(Decision.refused(Case.WRONG_STATE));

        assertThat(c.reportAssist(OTHER_HANDLER, LATER, "已走访").isAllowed()).isTrue();
        assertThat(c.events()).last().isEqualTo(new CaseEvents.CaseAssistReported(1, CaseType.PETITION, STATION,
                OTHER_UNIT, 412, DUE.minusDays(5), false, LATER));
        assertThat(c.assists()).singleElement().satisfies(p -> {
            assertThat(p.state()).isEqualTo(CaseAssist.State.REPORTED);
            assertThat(p.report()).isEqualTo("已走访");
        });
        assertThat(c.reportAssist(OTHER_HANDLER, LATER, "再报")).as("once")
                .isEqualTo(Decision.refused(CasePolicy.NOT_YOUR_UNIT));
    }

    @Test
    void a_case_given_back_is_not_redispatched_to_a_unit_that_assists_in_it() {
        Case c = dispatched();
        c.assignAssisting(DISPATCHER, MON, List.of(OTHER_UNIT), DUE.minusDays(5), null);
        assertThat(c.requestReturn(HANDLER, MON, "非本所职责").isAllowed()).isTrue();

        assertThat(c.redispatch(DISPATCHER, MON, OTHER_UNIT, BUREAU, DUE, null))
                .isEqualTo(Decision.refused("casework.refused.assistIsLead"));
        assertThat(c.state()).isEqualTo(CaseState.RETURN_REQUESTED);
        assertThat(c.unitId()).isEqualTo(STATION);
    }

    @Test
    void a_part_still_open_when_the_conclusion_is_approved_lapses() {
        Case c = dispatched();
        c.assignAssisting(DISPATCHER, MON, List.of(OTHER_UNIT), DUE, null);
        c.sign(HANDLER, MON);
        assertThat(c.report(UNIT_LEADER, MON, Outcome.RESOLVED, "已解决", 0, null, List.of()).isAllowed()).isTrue();
        assertThat(c.assists().getFirst().open()).as("the lead may report without it").isTrue();
        assertThat(c.approve(REVIEWER, MON, DUE, null).isAllowed()).isTrue();
        assertThat(c.assists().getFirst().state()).isEqualTo(CaseAssist.State.LAPSED);
        assertThat(c.reportAssist(OTHER_HANDLER, MON, "迟到的意见")).as("a lapsed part is no longer the unit's")
                .isEqualTo(Decision.refused(CasePolicy.NOT_YOUR_UNIT));
        assertThat(c.assists().getFirst().state()).isEqualTo(CaseAssist.State.LAPSED);
    }

    @Test
    void a_county_escalates_to_the_city_and_then_only_the_city_makes_the_centres_moves() {
        Case c = new Case(received(1, CaseType.PETITION));
        assertThat(c.escalate(DISPATCHER, MON, 1L, "/1/", "示范市", " "))
                .isEqualTo(Decision.refused("casework.refused.reasonRequired"));
        assertThat(c.escalate(DISPATCHER, MON, null, null, "", "超出本级"))
                .isEqualTo(Decision.refused("casework.refused.noLevelAbove"));
        assertThat(c.escalate(DISPATCHER, MON, 1L, "/1/", "示范市", "超出本级").isAllowed()).isTrue();
        assertThat(c.state()).isEqualTo(CaseState.RECEIVED);
        assertThat(c.events()).last().isEqualTo(new CaseEvents.CaseEscalated(1, CaseType.PETITION, 412, 1, null,
                "超出本级", MON));
        assertThat(c.accept(DISPATCHER, MON, null)).isEqualTo(Decision.refused(CasePolicy.NOT_YOUR_LEVEL));
        assertThat(c.accept(CITY_DISPATCHER, MON, null).isAllowed()).isTrue();
    }

    @Test
    void a_hand_down_binds_the_lower_levels_dispatch_to_its_deadline() {
        Case c = new Case(received(1, CaseType.PETITION));
        assertThat(c.handDown(DISPATCHER, MON, 8L, "/1/8/", "别县", DUE, "请办理"))
                .as("only a level covering the case's place").isEqualTo(Decision.refused("casework.refused.notLower"));
        assertThat(c.handDown(DISPATCHER, MON, 93L, "/1/7/93/", "城关镇", DUE, "请办理").isAllowed()).isTrue();
        assertThat(c.events()).last().isEqualTo(new CaseEvents.CaseHandedDown(1, CaseType.PETITION, 412, 93, DUE,
                "请办理", MON));
        c.accept(TOWNSHIP_DISPATCHER, MON, null);
        c.triage(TOWNSHIP_DISPATCHER, MON, "征地拆迁", RiskLevel.LOW, STATION, null);
        assertThat(c.dispatch(TOWNSHIP_DISPATCHER, MON, STATION, BUREAU, DUE.plusDays(1), null))
                .isEqualTo(Decision.refused("casework.refused.levelDeadline"));
        assertThat(c.dispatch(TOWNSHIP_DISPATCHER, MON, STATION, BUREAU, DUE, null).isAllowed()).isTrue();
    }

    @Test
    void a_unit_escalates_a_case_only_before_signing_and_it_leaves_the_unit() {
        Case signed = dispatched();
        signed.sign(HANDLER, MON);
        assertThat(signed.escalate(UNIT_LEADER, MON, 1L, "/1/", "示范市", "非本所职责"))
                .as("once signed for, only a centre escalates").isEqualTo(Decision.refused(CasePolicy.NOT_YOUR_ROLE));
        assertThat(signed.state()).isEqualTo(CaseState.SIGNED);

        Case c = dispatched();
        c.assignAssisting(DISPATCHER, MON, List.of(OTHER_UNIT), DUE, null);
        assertThat(c.escalate(HANDLER, MON, 1L, "/1/", "示范市", "非本所职责"))
                .isEqualTo(Decision.refused(CasePolicy.NOT_YOUR_ROLE));
        assertThat(c.escalate(UNIT_LEADER, MON, 1L, "/1/", "示范市", "非本所职责").isAllowed()).isTrue();
        assertThat(c.state()).isEqualTo(CaseState.TRIAGED);
        assertThat(c.unitId()).isNull();
        assertThat(c.deadline()).isNull();
        assertThat(c.assists().getFirst().state()).isEqualTo(CaseAssist.State.LAPSED);
        assertThat(c.events()).last().isEqualTo(new CaseEvents.CaseEscalated(1, CaseType.PETITION, 412, 1, STATION,
                "非本所职责", MON));
        assertThat(c.dispatch(CITY_DISPATCHER, MON, OTHER_UNIT, null, DUE, null).isAllowed()).isTrue();
    }
}
