package io.minyi.dispute.internal;

import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.org.Role;
import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Mediation for the demo city, through this module's own services, so the {@code mediator} account has work on its
 * desk: organisations, a pool of mediators and duty lawyers with a rota, and three disputes — one with a session
 * today, one with an effective agreement (confirmation window open, a follow-up due), one at HIGH risk. Runs after
 * the demo city (and its generated past, {@link DisputeDemo}, which makes the pool first when it runs), once.
 */
@Component
@Order(20)
@RequiredArgsConstructor
class DemoMediation implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoMediation.class);
    private static final String[] SPECIALTIES = {"婚姻家庭", "邻里", "土地山林水利", "劳资", "物业", "合同债务", "损害赔偿",
            "医疗", "征地拆迁", "消费", "道路交通事故"};
    private static final String[] NAMES = {"王建国", "李秀英", "张志强", "刘桂兰", "陈明", "杨丽", "赵国华", "黄春梅", "周平",
            "吴静", "徐海", "孙红", "胡军", "朱丽娟", "高峰", "林晓", "何勇", "郭婷", "马超", "罗雪"};

    private final JdbcClient jdbc;
    private final Environment env;
    private final OrgDirectory org;
    private final PoolAdmin admin;
    private final MediatorPool pool;
    private final DisputeIntake intake;
    private final DisputeAccess access;
    private final MediationDesk desk;
    private final AgreementDesk agreements;
    private final MediationRecords records;

    /** The demo's county, its mediator pool and the {@code mediator} account's record in it. */
    record DemoPool(JurisdictionRef county, long me, long mediatorStaff, List<Long> mediators, List<Long> lawyers) {
    }

    static final String DESK_MARK = "邻居因修建院墙占用通道发生争执，双方多次口角。";

    @Override
    public void run(ApplicationArguments args) {
        if ("never".equals(env.getProperty("minyi.demo.load", "auto"))) {
            return;
        }
        DemoPool p = demoPool();
        if (p == null || jdbc.sql("SELECT count(*) FROM dispute WHERE summary = ?").param(DESK_MARK)
                .query(Long.class).single() > 0) {
            return;
        }
        // duty lawyers on the county centre's rota for this week
        long centre = org.unitByCode("U-0001-02").map(u -> u.id()).orElse(0L);
        LocalDate today = access.today();
        if (centre != 0) {
            for (int d = 0; d < 7; d++) {
                jdbc.sql("INSERT INTO duty_rota (centre_unit_id, on_date, mediator_id) VALUES (?,?,?) ON CONFLICT DO NOTHING")
                        .params(centre, java.sql.Date.valueOf(today.plusDays(d)), p.lawyers().get(d % p.lawyers().size()))
                        .update();
            }
        }
        demoDisputes(p.county(), org.children(p.county().id()), p.me(), p.mediatorStaff());
        log.info("Demo mediation desk for today loaded");
    }

    /**
     * The organisations and the mediator pool of the demo city's first county, made once (by whichever comes first:
     * this runner, or the demo's generated past on its first day); null when the city has no {@code mediator}.
     */
    DemoPool demoPool() {
        Long mediatorStaff = jdbc.sql("SELECT id FROM org_staff WHERE username = 'mediator'").query(Long.class)
                .optional().orElse(null);
        if (mediatorStaff == null) {
            return null;
        }
        JurisdictionRef county = org.children(org.root().id()).getFirst();
        if (jdbc.sql("SELECT count(*) FROM mediation_org").query(Long.class).single() == 0) {
            createPool(county, org.children(county.id()), mediatorStaff);
        }
        Long me = jdbc.sql("SELECT id FROM mediator WHERE staff_id = ?").param(mediatorStaff).query(Long.class)
                .optional().orElse(null);
        if (me == null) {
            return null;
        }
        List<Long> mediators = jdbc.sql("""
                        SELECT id FROM mediator WHERE code LIKE ? AND staff_id IS NULL AND active
                          AND kind <> 'DUTY_LAWYER' ORDER BY id""")
                .param("M-" + county.code() + "-%").query(Long.class).list();
        List<Long> lawyers = jdbc.sql("SELECT id FROM mediator WHERE code LIKE ? AND kind = 'DUTY_LAWYER' ORDER BY id")
                .param("L-" + county.code() + "-%").query(Long.class).list();
        return new DemoPool(county, me, mediatorStaff, mediators, lawyers);
    }

    private void createPool(JurisdictionRef county, List<JurisdictionRef> townships, long mediatorStaff) {
        String scope = county.path() + "%";
        MediationOrgFields o = admin.orgFields();
        admin.saveOrg(o, o.values("MO-" + county.code() + "-00", county.name() + "人民调解委员会（联调中心）",
                OrgKind.TOWNSHIP_COMMITTEE, county.code()), scope);
        String[][] professional = {{"医疗", "医疗纠纷人民调解委员会"}, {"道路交通事故", "道路交通事故纠纷人民调解委员会"},
                {"劳资", "劳动争议人民调解委员会"}, {"物业", "物业纠纷人民调解委员会"}};
        List<String> orgCodes = new ArrayList<>(List.of("MO-" + county.code() + "-00"));
        for (int i = 0; i < professional.length; i++) {
            String code = "MO-" + county.code() + "-P" + i;
            admin.saveOrg(o, o.values(code, county.name() + professional[i][1], OrgKind.PROFESSIONAL, county.code()),
                    scope);
            orgCodes.add(code);
        }
        for (int t = 0; t < Math.min(5, townships.size()); t++) {
            JurisdictionRef tw = townships.get(t);
            String code = "MO-" + tw.code();
            admin.saveOrg(o, o.values(code, tw.name() + "人民调解委员会", OrgKind.TOWNSHIP_COMMITTEE, tw.code()), scope);
            orgCodes.add(code);
        }
        admin.saveOrg(o, o.values("MO-" + county.code() + "-C", county.name() + "人民法院诉前调解中心",
                OrgKind.COURT_PRELITIGATION, county.code()), scope);
        // the demo mediator: a full-time mediator of the county committee serving the whole county
        MediatorFields f = admin.fields();
        admin.saveMediator(f, f.values("M-" + county.code() + "-001", "林调解", MediatorKind.FULL_TIME,
                orgCodes.getFirst(), "13900000001", List.of("邻里", "婚姻家庭", "合同债务"), List.of(county.code()), true),
                scope, mediatorStaff);
        for (int i = 0; i < 40; i++) {
            MediatorKind kind = i < 12 ? MediatorKind.EXPERT : i < 30 ? MediatorKind.FULL_TIME : MediatorKind.INVITED;
            String orgCode = orgCodes.get(i % orgCodes.size());
            List<String> spec = List.of(SPECIALTIES[i % SPECIALTIES.length], SPECIALTIES[(i * 7 + 3) % SPECIALTIES.length]);
            admin.saveMediator(f, f.values(String.format("M-%s-%03d", county.code(), i + 2),
                    NAMES[i % NAMES.length] + (i >= NAMES.length ? "（" + (i / NAMES.length + 1) + "）" : ""), kind,
                    orgCode, String.format("139%08d", 100 + i), spec, List.of(), true), scope, null);
        }
        for (int i = 0; i < 3; i++) {
            admin.saveMediator(f, f.values(String.format("L-%s-%02d", county.code(), i + 1),
                    new String[]{"郑律师", "谢律师", "韩律师"}[i], MediatorKind.DUTY_LAWYER, orgCodes.getFirst(),
                    String.format("137%08d", 200 + i), List.of("合同债务", "劳资"), List.of(), true), scope, null);
        }
        log.info("Demo mediation pool loaded: {} organisations, {} mediators", orgCodes.size() + 1, 44);
    }

    private void demoDisputes(JurisdictionRef county, List<JurisdictionRef> townships, long me, long mediatorStaff) {
        JurisdictionRef village = org.children(townships.getFirst().id()).getFirst();
        Viewer dispatcher = jdbc.sql("""
                        SELECT s.id, s.unit_id FROM org_staff s WHERE s.username = 'dispatcher1'""")
                .query((rs, n) -> new Viewer(rs.getLong(1), "dispatcher1", Set.of(Role.DISPATCHER), rs.getLong(2),
                        county.path() + "%", null, List.of())).single();
        Viewer mediator = new Viewer(mediatorStaff, "mediator", Set.of(Role.MEDIATOR), 0, county.path() + "%", me, List.of());
        var a = register(village, "NEIGHBOUR", DESK_MARK, EnumSet.of(RiskFactor.ESCALATING),
                party(PartyRole.APPLICANT, "赵大山", "11010519491231002X"), party(PartyRole.RESPONDENT, "钱二河", "110105195001010012"));
        desk.assign(a.disputeId(), dispatcher, me, null, "演示");
        java.time.LocalDateTime at = today().atTime(15, 0);
        desk.addSession(a.disputeId(), mediator, at, at.plusHours(1), "村委会调解室", false, "赵大山、钱二河、村调委会委员",
                "双方陈述各自意见，约定下次现场勘查通道宽度。", List.of());
        var b = register(village, "CONTRACT_DEBT", "务工人员与包工头就拖欠工资2.4万元发生纠纷。",
                EnumSet.of(RiskFactor.THREATS, RiskFactor.GROUP_SIZE),
                party(PartyRole.APPLICANT, "孙小工", "11010519880505003X"), party(PartyRole.RESPONDENT, "李包工", "110105198008080041"));
        desk.assign(b.disputeId(), dispatcher, me, null, "演示");
        desk.reassess(b.disputeId(), mediator, EnumSet.noneOf(RiskFactor.class), "经疏导情绪平稳");
        desk.agree(b.disputeId(), mediator, new MediationDesk.AgreementInput("被申请人承认拖欠申请人工资24000元。",
                "被申请人分两期支付申请人工资共计24000元，申请人放弃其他请求。", "银行转账", today().plusDays(30), true));
        agreements.sign(b.disputeId(), mediator, Signature.PAPER, null, null);
        records.scheduleFollowUp(b.disputeId(), today());
        var c = register(townships.get(1), "LAND_FOREST_WATER", "两村村民因山林界址争议聚集，有人扬言报复。",
                EnumSet.of(RiskFactor.THREATS, RiskFactor.PRIOR_VIOLENCE, RiskFactor.GROUP_SIZE),
                party(PartyRole.APPLICANT, "周山林", null), party(PartyRole.RESPONDENT, "吴水田", null));
        desk.assign(c.disputeId(), dispatcher, me, null, "演示：高风险");
    }

    private LocalDate today() {
        return access.today();
    }

    private DisputeIntake.Registered register(JurisdictionRef place, String category, String summary,
                                              Set<RiskFactor> factors, DisputeIntake.PartyInput... parties) {
        return intake.register(new DisputeIntake.Registration(place.id(), category, DisputeSource.WALK_IN, summary, 2,
                new BigDecimal("0"), null, List.of(parties), factors, null, "demo-mediation-" + summary.hashCode()),
                "system");
    }

    private static DisputeIntake.PartyInput party(PartyRole role, String name, String id) {
        return new DisputeIntake.PartyInput(role, PartyKind.NATURAL, name, id, null, null);
    }
}
