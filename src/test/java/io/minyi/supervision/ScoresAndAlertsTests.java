package io.minyi.supervision;

import io.minyi.casework.CaseEvents.CaseConcluded;
import io.minyi.casework.CaseEvents.CaseReopened;
import io.minyi.casework.CaseEvents.CaseReported;
import io.minyi.casework.CaseType;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.UnitRef;
import io.minyi.org.Role;
import io.minyi.org.StaffUser;
import io.minyi.supervision.SupervisionFigures.UnitScore;
import io.minyi.supervision.internal.Alerts;
import io.minyi.supervision.internal.Letters;
import io.minyi.supervision.internal.SupervisionLadder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Map;

import static io.minyi.supervision.EventFixture.dispatched;
import static io.minyi.supervision.EventFixture.received;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

@SupervisionTestContext
class ScoresAndAlertsTests {

    @Autowired MutableClock clock;
    @Autowired SupervisionLadder ladder;
    @Autowired SupervisionFigures figures;
    @Autowired Alerts alerts;
    @Autowired Letters letters;
    @Autowired OrgDirectory org;
    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate tx;
    @Autowired JdbcClient jdbc;

    EventFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new EventFixture(events, tx, jdbc);
    }

    @Test
    void a_units_month_scores_on_time_against_closed_plus_open_overdue() {
        UnitRef station = org.unitByCode("U-0003-10").orElseThrow();
        UnitRef bureau = org.unitByCode("U-0003-03").orElseThrow();
        long j = station.jurisdictionId();
        clock.set(LocalDateTime.of(2026, 4, 15, 9, 0));
        Instant at = clock.instant();
        LocalDate due = LocalDate.of(2026, 4, 30);
        for (long id = 7_200_001L; id <= 7_200_006L; id++) {
            fixture.publish(received(id, CaseType.PETITION, j, null, null, "r-s" + id, "治安管理", at),
                    dispatched(id, CaseType.PETITION, "治安管理", "LOW", station.id(), j,
                            id == 7_200_006L ? LocalDate.of(2026, 4, 10) : due, at));
        }
        fixture.publish(
                new CaseConcluded(7_200_001L, CaseType.PETITION, station.id(), j, io.minyi.casework.CaseState.CLOSED, true, true, io.minyi.casework.Outcome.RESOLVED, false, at),
                new CaseConcluded(7_200_002L, CaseType.PETITION, station.id(), j, io.minyi.casework.CaseState.CLOSED, true, true, io.minyi.casework.Outcome.RESOLVED, false, at),
                new CaseConcluded(7_200_003L, CaseType.PETITION, station.id(), j, io.minyi.casework.CaseState.CLOSED_NO_FEEDBACK, null, true, io.minyi.casework.Outcome.RESOLVED, false, at),
                new CaseConcluded(7_200_004L, CaseType.PETITION, station.id(), j, io.minyi.casework.CaseState.CLOSED_NO_FEEDBACK, null, false, io.minyi.casework.Outcome.RESOLVED, false, at),
                new CaseReopened(7_200_005L, CaseType.PETITION, station.id(), j, LocalDate.of(2026, 5, 30), 1, false, at));
        // two clues about the station, verified by the county bureau: one substantiated, one unfounded
        for (long id : new long[]{7_200_011L, 7_200_012L}) {
            fixture.publish(received(id, CaseType.CLUE, j, station.id(), null, "r-c" + id, "执法不规范", at),
                    dispatched(id, CaseType.CLUE, "执法不规范", "MEDIUM", bureau.id(), j, due, at),
                    new CaseReported(id, CaseType.CLUE, bureau.id(), j, id == 7_200_011L ? io.minyi.casework.Outcome.SUBSTANTIATED : io.minyi.casework.Outcome.UNFOUNDED,
                            id == 7_200_011L ? 1 : 0, true, at));
        }
        ladder.scan(); // case 6 is overdue: a supervision letter, and with K = 1 a circular
        fixture.awaitListeners();

        String countyPath = org.lineage(station.jurisdictionId()).get(1).path();
        UnitScore s = figures.unitRanking(countyPath, YearMonth.of(2026, 4)).stream().filter(x -> x.id() == station.id()).findFirst().orElseThrow();
        assertThat(s.closed()).isEqualTo(4);
        assertThat(s.closedOnTime()).isEqualTo(3);
        assertThat(s.openOverdue()).isEqualTo(1);
        assertThat(s.onTimeRate()).isCloseTo(3.0 / 5, within(1e-9)); // not 3/4: the open overdue case counts
        assertThat(s.handlingSatisfaction()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(s.reopenRate()).isCloseTo(1.0 / 5, within(1e-9));
        assertThat(s.substantiatedRate()).isCloseTo(0.5, within(1e-9));
        assertThat(s.evaluationSatisfaction()).isNull();
        assertThat(s.letters()).isEqualTo(2);
        // 100 × (40×0.6 + 25×2/3 + 10×0.8 + 5×0.5) ÷ 80 − 2×1 = 61.96 → 62.0
        assertThat(s.score()).isEqualTo(62.0);
        assertThat(s.previousRank()).isNull();
    }

    /** Decision 0074: a reminder comes before the deadline to a unit still on time; only later letters cost points. */
    @Test
    void a_reminder_letter_costs_the_unit_no_points() {
        long unitId = jdbc.sql("""
                        SELECT id FROM unit WHERE type = 'POLICE_STATION' AND code LIKE 'U-%'
                        AND code NOT IN ('U-0002-10', 'U-0003-10', 'U-0004-10', 'U-0005-10') ORDER BY id LIMIT 1 OFFSET 1""")
                .query(Long.class).single();
        UnitRef station = org.unit(unitId).orElseThrow();
        long j = station.jurisdictionId();
        clock.set(LocalDateTime.of(2026, 8, 12, 9, 0)); // a Wednesday; the deadline is the next day
        Instant at = clock.instant();
        fixture.publish(received(7_500_001L, CaseType.PETITION, j, null, null, "r-rm1", "治安管理", at),
                dispatched(7_500_001L, CaseType.PETITION, "治安管理", "LOW", station.id(), j, LocalDate.of(2026, 8, 13), at));
        ladder.scan();
        fixture.awaitListeners();
        assertThat(jdbc.sql("SELECT count(*) FROM supervision_letter WHERE addressee_unit_id = ? AND kind = 'REMINDER'")
                .param(station.id()).query(Long.class).single()).isPositive();
        fixture.publish(new CaseConcluded(7_500_001L, CaseType.PETITION, station.id(), j,
                io.minyi.casework.CaseState.CLOSED, true, true, io.minyi.casework.Outcome.RESOLVED, false, at));
        fixture.awaitListeners();

        String countyPath = org.lineage(j).get(1).path();
        UnitScore s = figures.unitRanking(countyPath, YearMonth.of(2026, 8)).stream()
                .filter(x -> x.id() == station.id()).findFirst().orElseThrow();
        assertThat(s.letters()).isZero();
        assertThat(s.closedOnTime()).isEqualTo(1);
        assertThat(s.score()).isEqualTo(100.0);
    }

    @Test
    void many_raisers_about_one_officer_and_one_raiser_again_and_again_raise_one_alert_each() {
        UnitRef station = org.unitByCode("U-0004-10").orElseThrow();
        UnitRef court = org.unitByCode("U-0004-04").orElseThrow();
        long officer = jdbc.sql("SELECT id FROM officer WHERE unit_id = ? ORDER BY id LIMIT 1").param(station.id())
                .query(Long.class).single();
        long j = station.jurisdictionId();
        clock.set(LocalDateTime.of(2026, 5, 10, 9, 0));
        fixture.publish(
                received(7_300_001L, CaseType.CLUE, j, null, officer, "r-a1", "态度问题", day(2026, 3, 1)), // outside D = 30
                received(7_300_002L, CaseType.CLUE, j, null, officer, "r-a2", "态度问题", day(2026, 5, 1)),
                received(7_300_003L, CaseType.CLUE, j, null, officer, "r-a3", "态度问题", day(2026, 5, 5)));
        assertThat(alertsAbout("OFFICER", officer)).isEmpty(); // two raisers in the window: not yet

        fixture.publish(
                received(7_300_004L, CaseType.CLUE, j, null, officer, "r-a4", "态度问题", day(2026, 5, 8)),
                received(7_300_005L, CaseType.CLUE, j, null, officer, "r-a2", "态度问题", day(2026, 5, 9)));
        var manyRaisers = alertsAbout("OFFICER", officer);
        assertThat(manyRaisers).hasSize(1);
        assertThat(manyRaisers.getFirst()).containsEntry("kind", "MANY_RAISERS").containsEntry("raisers", 3)
                .containsEntry("cases", 4);

        fixture.publish(
                received(7_300_011L, CaseType.PETITION, j, court.id(), null, "r-rep", "执行难", day(2026, 5, 1)),
                received(7_300_012L, CaseType.PETITION, j, court.id(), null, "r-rep", "执行难", day(2026, 5, 4)),
                received(7_300_013L, CaseType.PETITION, j, court.id(), null, "r-rep", "执行难", day(2026, 5, 9)));
        var aboutCourt = alertsAbout("UNIT", court.id());
        assertThat(aboutCourt).hasSize(1);
        assertThat(aboutCourt.getFirst()).containsEntry("kind", "REPEAT_RAISER").containsEntry("raisers", 1)
                .containsEntry("cases", 3);

        // one action turns the alert into a supervision letter to the officer's unit, listing its four cases
        long alertId = ((Number) manyRaisers.getFirst().get("id")).longValue();
        long letterId = alerts.toLetter(supervisor(), alertId);
        Letters.Letter letter = letters.getUnscoped(letterId);
        assertThat(letter.kind()).isEqualTo("SUPERVISION");
        assertThat(letter.addresseeUnitId()).isEqualTo(station.id());
        assertThat(letter.cases()).extracting(c -> c.caseId())
                .containsExactly(7_300_002L, 7_300_003L, 7_300_004L, 7_300_005L);
        assertThat(jdbc.sql("SELECT status FROM supervision_alert WHERE id = ?").param(alertId).query(String.class)
                .single()).isEqualTo("LETTER_ISSUED");
        assertThat(figures.openAlerts(station.jurisdictionPath(), 10)).extracting(a -> a.id()).doesNotContain(alertId);
    }

    private java.util.List<Map<String, Object>> alertsAbout(String kind, long id) {
        return jdbc.sql("SELECT id, kind, raisers, cases FROM supervision_alert WHERE subject_kind = ? AND subject_id = ? ORDER BY id")
                .params(kind, id).query().listOfRows();
    }

    private static Instant day(int y, int m, int d) {
        return LocalDateTime.of(y, m, d, 10, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
    }

    private StaffUser supervisor() {
        return jdbc.sql("""
                        SELECT s.id, s.username, s.display_name, s.unit_id, u.name AS unit_name, s.jurisdiction_id,
                               j.path, j.name AS jname
                        FROM staff_account s JOIN unit u ON u.id = s.unit_id JOIN jurisdiction j ON j.id = s.jurisdiction_id
                        WHERE s.username = 'supervisor'""")
                .query((rs, n) -> new StaffUser(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                        EnumSet.of(Role.SUPERVISOR), rs.getLong("unit_id"), rs.getString("unit_name"),
                        rs.getLong("jurisdiction_id"), rs.getString("path"), rs.getString("jname"), null, true, null, "x"))
                .single();
    }
}
