package io.minyi.dispute.internal;

import io.minyi.org.DemoActivity;
import io.minyi.org.DemoDay;
import io.minyi.org.DemoStaff;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.org.OrgRefs.UnitRef;
import io.minyi.org.Role;
import io.minyi.org.StaffUser;
import io.minyi.org.UnitKind;
import lombok.RequiredArgsConstructor;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Mediation in the demo city's past (decision 0015): on working days the county registers disputes (walk-ins, grid
 * visits, petitions) and on Mondays its townships hold screening rounds that find some; the dispatcher assigns them
 * — often to the {@code mediator} account — and the mediators hold sessions, bring elevated risks down, reach
 * agreements (signed, followed up at 7 and 30 days, some confirmed by the county's tribunal) or record why not; the
 * duty lawyers on the centre's rota give consultations. All through this module's services, so the dashboard, the
 * daily reports and the mediator's desk show figures counted from these records. What happened is read back from the
 * module's own tables; every change goes through a service, at the simulated moment.
 */
@Component
@Order(25)
@RequiredArgsConstructor
class DisputeDemo implements DemoActivity {

    /** The demo's own registrations, told apart from disputes that casework's demo hands in (registered by "system"). */
    static final String DISPATCHER = "dispatcher1";
    private static final String[] CATEGORIES = {"NEIGHBOUR", "MARRIAGE_FAMILY", "HOUSE_HOMESTEAD", "LABOUR",
            "CONTRACT_DEBT", "PROPERTY_MGMT", "DAMAGES", "LAND_FOREST_WATER", "CONSUMER", "TRAFFIC"};
    private static final String[] STORIES = {"两户因宅前排水沟占用发生争执", "夫妻因子女抚养问题多次争吵，女方要求调解",
            "兄弟二人因老宅翻建界址发生纠纷", "务工人员追讨拖欠工资", "村民之间借款到期未还引发争执",
            "业主与物业公司因停车收费发生纠纷", "邻居饲养的狗咬伤行人，双方就赔偿金额争执", "两组村民因承包山林界址争议",
            "消费者与商家因预付卡退费发生纠纷", "电动车与行人碰撞，双方就医疗费分担争执"};
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙"};
    private static final String[] GIVEN = {"建国", "秀英", "志强", "桂兰", "明", "丽", "国华", "春梅", "平", "静", "海", "红"};

    private final DemoMediation mediation;
    private final DisputeIntake intake;
    private final DisputeAccess access;
    private final MediationDesk desk;
    private final AgreementDesk agreements;
    private final CourtConfirmations courts;
    private final ScreeningRounds rounds;
    private final DutyRota rota;
    private final MediatorPool pool;
    private final DemoStaff staff;
    private final OrgDirectory org;
    private final JdbcClient jdbc;
    private DemoMediation.DemoPool demo;

    @Override
    public void day(DemoDay day) {
        if (day.level() == DemoDay.Level.NONE) {
            return;
        }
        if (demo == null) {
            demo = day.at(8, 0, mediation::demoPool);
            if (demo == null) {
                return;
            }
        }
        Random r = day.random("dispute");
        StaffUser dispatcher = staff.account(DISPATCHER);
        if (day.isWorkingDay()) {
            staff.as(dispatcher, () -> {
                dutyLawyers(day, r, dispatcher);
                register(day, r, dispatcher);
            });
            mediate(day, r);
        }
        followUps(day, r);
        rulings(day, r);
    }

    // ---- intake -------------------------------------------------------------------------------------------------

    private void register(DemoDay day, Random r, StaffUser dispatcher) {
        List<JurisdictionRef> townships = org.children(demo.county().id());
        Long round = null;
        int found = 0;
        if (day.date().getDayOfWeek().getValue() == 1) {
            JurisdictionRef township = townships.get(r.nextInt(Math.min(5, townships.size())));
            int households = 80 + r.nextInt(400);
            round = day.at(9, 0, () -> rounds.record(dispatcher, new ScreeningRounds.RoundInput(township.id(),
                    day.date(), township.name() + "常态化滚动式排查", township.name() + "综治中心、司法所、村调委会",
                    households, 2 + r.nextInt(6))));
            found = r.nextInt(3);
        }
        int walkIns = day.level() == DemoDay.Level.FULL ? 2 + r.nextInt(4) : lastWeek(day) ? 1 + r.nextInt(2) : r.nextInt(3);
        Viewer v = access.viewer(dispatcher);
        for (int i = 0; i < found + walkIns; i++) {
            Long from = i < found ? round : null;
            int hour = 9 + i;
            day.at(Math.min(hour, 17), 20, () -> registerOne(day, r, townships, from, v, key(day, from, hour)));
        }
    }

    private static String key(DemoDay day, Long round, int n) {
        return "demo-dispute-" + day.date() + "-" + (round == null ? "w" : "s" + round) + "-" + n;
    }

    private void registerOne(DemoDay day, Random r, List<JurisdictionRef> townships, Long round, Viewer dispatcher,
                             String key) {
        JurisdictionRef township = townships.get(r.nextInt(Math.min(5, townships.size())));
        List<JurisdictionRef> villages = org.children(township.id());
        JurisdictionRef place = villages.isEmpty() ? township : villages.get(r.nextInt(villages.size()));
        int story = r.nextInt(STORIES.length);
        Set<RiskFactor> factors = switch (r.nextInt(10)) {
            case 0 -> EnumSet.of(RiskFactor.THREATS, RiskFactor.PRIOR_VIOLENCE);
            case 1, 2 -> EnumSet.of(RiskFactor.THREATS);
            case 3 -> EnumSet.of(RiskFactor.GROUP_SIZE, RiskFactor.ESCALATING);
            default -> EnumSet.noneOf(RiskFactor.class);
        };
        DisputeSource source = round != null ? DisputeSource.SCREENING
                : new DisputeSource[]{DisputeSource.WALK_IN, DisputeSource.GRID_VISIT, DisputeSource.PETITION}[r.nextInt(3)];
        var registered = intake.register(new DisputeIntake.Registration(place.id(), CATEGORIES[story], source,
                STORIES[story] + "（" + place.name() + "）。", 2 + r.nextInt(6),
                new BigDecimal(story == 3 || story == 4 ? 5000 + r.nextInt(40000) : 0), round,
                List.of(party(PartyRole.APPLICANT, r), party(PartyRole.RESPONDENT, r)), factors, null, key), DISPATCHER);
        // the demo mediator takes about half (the last week's all, so their desk has work in hand); the rest go to
        // the pool's full-time mediators and experts
        long mediator = r.nextInt(2) == 0 || lastWeek(day) ? demo.me()
                : demo.mediators().get(r.nextInt(demo.mediators().size()));
        desk.assign(registered.disputeId(), dispatcher, mediator, null, null);
    }

    private static DisputeIntake.PartyInput party(PartyRole role, Random r) {
        return new DisputeIntake.PartyInput(role, PartyKind.NATURAL,
                SURNAMES[r.nextInt(SURNAMES.length)] + GIVEN[r.nextInt(GIVEN.length)], null,
                String.format("139%08d", r.nextInt(100_000_000)), null);
    }

    private void dutyLawyers(DemoDay day, Random r, StaffUser dispatcher) {
        UnitRef centre = org.unitsWithin(demo.county().path()).stream()
                .filter(u -> u.is(UnitKind.GOVERNANCE_CENTRE) && u.jurisdictionId() == demo.county().id())
                .findFirst().orElse(null);
        if (centre == null || demo.lawyers().isEmpty()) {
            return;
        }
        long lawyer = demo.lawyers().get(day.index() % demo.lawyers().size());
        day.at(8, 30, () -> rota.schedule(dispatcher, centre.id(), day.date(), lawyer));
        String[] topics = {"拖欠工资如何申请劳动仲裁", "离婚财产分割咨询", "宅基地确权咨询", "交通事故赔偿标准咨询"};
        for (int i = 0; i < 1 + r.nextInt(3); i++) {
            String topic = topics[r.nextInt(topics.length)];
            int people = 1 + r.nextInt(3);
            day.at(10 + i, 15, () -> rota.consultation(dispatcher, centre.id(), lawyer, topic, people));
        }
    }

    /** The last seven simulated days: what the mediator took on then is still in hand today. */
    private static boolean lastWeek(DemoDay day) {
        return day.days() - day.index() <= 7;
    }

    // ---- mediation ----------------------------------------------------------------------------------------------

    private record Open(long id, LocalDate acceptedOn, String risk, long sessions) {
    }

    private void mediate(DemoDay day, Random r) {
        List<Open> open = jdbc.sql("""
                        SELECT d.id, d.accepted_on, d.risk_level,
                               (SELECT count(*) FROM mediation_session s WHERE s.dispute_id = d.id)
                        FROM dispute d WHERE d.status = 'MEDIATING' AND d.registered_by = ? AND d.accepted_on < ?
                        ORDER BY d.id""")
                .params(DISPATCHER, day.date())
                .query((rs, n) -> new Open(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getString(3),
                        rs.getLong(4))).list();
        int slot = 0;
        for (Open d : open) {
            long age = day.date().toEpochDay() - d.acceptedOn().toEpochDay();
            Acting m = mediatorOf(d.id());
            if (m == null) {
                continue;
            }
            int hour = 9 + slot++ % 8;
            if (d.sessions() == 0) {
                staff.as(m.user(), () -> day.at(hour, 0, () -> session(day, d, m.viewer(), hour, r)));
            } else if (age >= 3 && (r.nextInt(4) == 0 || age >= 12)
                    && !(lastWeek(day) && m.viewer().mediatorId() == demo.me())) {
                staff.as(m.user(), () -> day.at(hour, 30, () -> conclude(day, d.id(), m.viewer(), r)));
            }
        }
    }

    private void session(DemoDay day, Open d, Viewer v, int hour, Random r) {
        LocalDateTime start = day.date().atTime(hour, 0);
        desk.addSession(d.id(), v, start, start.plusMinutes(50), r.nextInt(3) == 0 ? "司法所调解室" : "村委会调解室", false,
                "双方当事人、调解员", "听取双方陈述，释法说理，双方同意在调解员主持下协商解决。", List.of());
        if (d.risk() != null && !"LOW".equals(d.risk()) && r.nextInt(5) > 0) {
            desk.reassess(d.id(), v, EnumSet.noneOf(RiskFactor.class), "经疏导稳控，双方情绪平稳");
        }
    }

    private void conclude(DemoDay day, long id, Viewer v, Random r) {
        int roll = r.nextInt(100);
        if (roll < 78) {
            desk.agree(id, v, new MediationDesk.AgreementInput("双方就纠纷事实无异议，经调解自愿达成协议。",
                    "一、被申请人于履行期限内向申请人支付或履行约定事项；二、双方就此纠纷再无其他争议。", "当面履行",
                    day.date().plusDays(10 + r.nextInt(20)), true));
            agreements.sign(id, v, Signature.PAPER, null, null);
        } else if (roll < 92) {
            desk.notReached(id, v, Guidance.values()[r.nextInt(Guidance.values().length)], "双方分歧较大", true);
        } else {
            desk.withdraw(id, v, "双方自行和解", true);
        }
    }

    // ---- after the agreement ------------------------------------------------------------------------------------

    private void followUps(DemoDay day, Random r) {
        List<long[]> due = jdbc.sql("""
                        SELECT f.id, f.dispute_id FROM follow_up f JOIN dispute d ON d.id = f.dispute_id
                        WHERE f.done_on IS NULL AND f.due_on <= ? AND d.registered_by = ? AND d.status = 'AGREED'
                        ORDER BY f.due_on, f.id""")
                .params(day.date(), DISPATCHER).query((rs, n) -> new long[]{rs.getLong(1), rs.getLong(2)}).list();
        for (long[] f : due) {
            Acting m = mediatorOf(f[1]);
            if (m == null) {
                continue;
            }
            int roll = r.nextInt(100);
            Performance p = roll < 88 ? Performance.PERFORMED : roll < 96 ? Performance.PARTLY : Performance.NOT_PERFORMED;
            staff.as(m.user(), () -> day.at(15, 0, () -> agreements.recordFollowUp(f[1], m.viewer(),
                    new AgreementDesk.FollowUpInput(f[0], p, p != Performance.NOT_PERFORMED, false, null,
                            p == Performance.NOT_PERFORMED ? "已告知可申请强制执行" : "回访了解协议履行情况", false))));
        }
        if (!day.isWorkingDay()) {
            return;
        }
        // about a third of the agreements go to the county's tribunal for judicial confirmation within the window
        List<Long> signed = jdbc.sql("""
                        SELECT a.dispute_id FROM mediation_agreement a JOIN dispute d ON d.id = a.dispute_id
                        WHERE d.registered_by = ? AND a.effective_on BETWEEN ? AND ? AND NOT EXISTS (
                            SELECT 1 FROM judicial_confirmation jc WHERE jc.dispute_id = a.dispute_id)
                        ORDER BY a.dispute_id""")
                .params(DISPATCHER, day.date().minusDays(20), day.date().minusDays(1)).query(Long.class).list();
        UnitRef court = tribunal();
        for (long id : signed) {
            Acting m = mediatorOf(id);
            if (court == null || m == null || r.nextInt(20) != 0) {
                continue;
            }
            staff.as(m.user(), () -> day.at(11, 0, () -> courts.applyForConfirmation(id, m.viewer(), court.id(),
                    day.date())));
        }
    }

    private void rulings(DemoDay day, Random r) {
        UnitRef court = tribunal();
        if (court == null || !day.isWorkingDay()) {
            return;
        }
        List<Long> applied = jdbc.sql("""
                        SELECT jc.dispute_id FROM judicial_confirmation jc JOIN dispute d ON d.id = jc.dispute_id
                        WHERE d.registered_by = ? AND jc.status = 'APPLIED' AND jc.applied_on <= ? ORDER BY jc.dispute_id""")
                .params(DISPATCHER, day.date().minusDays(3)).query(Long.class).list();
        StaffUser handler = staff.of(court.id(), Role.UNIT_HANDLER);
        Viewer v = access.viewer(handler);
        for (long id : applied) {
            if (r.nextInt(3) != 0) {
                continue;
            }
            ConfirmationStatus status = r.nextInt(10) == 0 ? ConfirmationStatus.REJECTED : ConfirmationStatus.CONFIRMED;
            String number = "（" + day.date().getYear() + "）调确字第" + id + "号";
            staff.as(handler, () -> day.at(16, 0, () -> courts.recordRuling(id, v, status, number, day.date())));
        }
    }

    // ---- who acts -----------------------------------------------------------------------------------------------

    private record Acting(StaffUser user, Viewer viewer) {
    }

    /**
     * The dispute's mediator: the {@code mediator} account when it is theirs, otherwise a stand-in for the pool's
     * mediator (who has no account), signed in under the mediator's name for the audit trail.
     */
    private Acting mediatorOf(long disputeId) {
        List<Long> active = pool.activeMediators(disputeId);
        if (active.isEmpty()) {
            return null;
        }
        long id = active.getFirst();
        if (id == demo.me()) {
            StaffUser me = staff.account("mediator");
            return new Acting(me, access.viewer(me));
        }
        MediatorPool.Mediator m = pool.mediator(id).orElseThrow();
        String who = m.name() + "（调解员）";
        StaffUser standIn = new StaffUser(-1_000_000 - id, who, who, Set.of(Role.MEDIATOR), 0, m.orgName(),
                demo.county().id(), demo.county().path(), demo.county().name(), null, true, null, null);
        return new Acting(standIn, new Viewer(standIn.id(), who, Set.of(Role.MEDIATOR), 0, demo.county().path() + "%",
                id, List.of()));
    }

    private UnitRef tribunal() {
        return org.unitsWithin(demo.county().path()).stream().filter(u -> u.is(UnitKind.PEOPLES_TRIBUNAL))
                .findFirst().orElse(null);
    }
}
