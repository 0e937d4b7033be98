package io.minyi.casework;

import io.minyi.casework.internal.Actor;
import io.minyi.casework.internal.CaseWorkflow;
import io.minyi.casework.internal.Satisfaction;
import io.minyi.org.OrgDirectory;
import io.minyi.org.Role;
import io.minyi.platform.RefusedException;
import io.minyi.platform.InvalidInputException;
import io.minyi.reporting.internal.Rollups;
import io.minyi.supervision.MutableClock;
import io.minyi.supervision.SupervisionTestContext;
import io.minyi.supervision.internal.SupervisionLadder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proof that the figures stay true: a long seeded random walk drives the real workflow (every case type, merges,
 * transfers, return requests, send-backs, interim reports, ratings, reopenings, closing without a rating, archiving,
 * assisting units and their parts (协办), escalation to the city and hand-down to a lower level)
 * over weeks of a moving clock with the supervision ladder scanning every evening; then every figure the dashboard,
 * the daily report and the unit scores read — the daily and monthly roll-ups of reporting, the unit month counters
 * and open-overdue counts of supervision — is recomputed straight from {@code cases} and {@code case_step} (and the
 * cases' deadlines as they stood at each scan) and compared, figure by figure.
 * <p>
 * The walk runs in a county of its own, so no other test's cases enter its figures. Rerun one walk with
 * {@code -Dminyi.proof.seed=<seed>}; {@code -Dminyi.proof.moves=<n>} makes it longer.
 */
@SupervisionTestContext
class CaseFiguresProofTests {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final Set<CaseState> CHASED = EnumSet.of(CaseState.DISPATCHED, CaseState.SIGNED, CaseState.REPORTED,
            CaseState.REOPENED);
    static final List<String> CATEGORIES = List.of("执法作风", "邻里纠纷", "安全隐患", "征地拆迁", "劳动争议");
    /** Triage picks from the type's taxonomy (V3_50 seeds). */
    static final Map<CaseType, List<String>> TAXONOMY = Map.of(CaseType.CLUE, List.of("执法作风", "办事效率"),
            CaseType.DISPUTE, List.of("邻里纠纷", "劳动争议"), CaseType.GRID_EVENT, List.of("安全隐患", "环境卫生"),
            CaseType.PETITION, List.of("征地拆迁", "劳资纠纷"), CaseType.HOTLINE_ORDER, List.of("治安管理", "民生诉求"));

    @Autowired CaseWorkflow workflow;
    @Autowired CaseIntake intake;
    @Autowired MutableClock clock;
    @Autowired SupervisionLadder ladder;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;
    @Autowired OrgDirectory org;
    @Autowired Rollups rollups;

    // the county of the walk
    long county;
    String countyPath;
    String rootPath;
    List<Long> villages = new ArrayList<>();
    List<Long> jurisdictions = new ArrayList<>();
    long bureau, stationA, stationB, justiceOffice;
    List<Long> handlingUnits;
    Map<Long, Actor> handlers = new HashMap<>();
    Map<Long, Actor> leaders = new HashMap<>();
    Actor dispatcher;
    Actor cityDispatcher;
    Actor townshipDispatcher;
    String townshipPath;
    /** Publications incomplete before the walk began: not the walk's. */
    UUID[] leftBefore = new UUID[0];
    Random rnd;

    /** (case, deadline) pairs the ladder must have found overdue, with the scan day: recomputed from the cases. */
    Map<String, LocalDate> overdueExpected = new HashMap<>();
    /** Assisting units' parts the ladder must have found past their deadline unfiled, with the scan day. */
    Map<Long, LocalDate> assistOverdueExpected = new HashMap<>();

    @Test
    void every_figure_equals_its_recomputation_from_the_cases_and_the_ledger_after_a_long_random_walk() {
        String fixed = System.getProperty("minyi.proof.seed");
        // A fixed walk in CI, so a failure there is always reproducible; -Dminyi.proof.seed=random explores new walks (their
        // seed is printed), and every failing seed becomes a regression case by passing it here.
        long seed = fixed == null ? 357029764933576829L
                : fixed.equals("random") ? new Random().nextLong() : Long.parseLong(fixed);
        int moves = Integer.getInteger("minyi.proof.moves", 3000);
        System.out.println("CaseFiguresProofTests seed=" + seed + " moves=" + moves);
        rnd = new Random(seed);
        buildCounty();
        awaitOthers();

        LocalDate day = LocalDate.of(2026, 6, 1);
        List<Long> mine = new ArrayList<>();
        int done = 0;
        Map<String, Integer> accepted = new TreeMap<>();
        while (done < moves) {
            if (day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                clock.set(day.atTime(8, 30));
                int fresh = 3 + rnd.nextInt(5);
                for (int i = 0; i < fresh; i++) {
                    mine.add(receive());
                }
                for (int i = 0; i < 60 && done < moves; i++, done++) {
                    clock.set(day.atTime(9, 0).plusMinutes(i * 8L));
                    long id = mine.get(rnd.nextInt(mine.size()));
                    String made = step(id, mine);
                    if (made != null) {
                        accepted.merge(made, 1, Integer::sum);
                    }
                    awaitListeners();
                }
            }
            clock.set(day.atTime(18, 0));
            closeUnrated(day);
            recordExpectedOverdue(day);
            recordExpectedAssistOverdue(day);
            ladder.scan();
            awaitListeners();
            day = day.plusDays(1);
        }
        System.out.println("CaseFiguresProofTests accepted moves " + accepted + " over " + mine.size() + " cases");
        assertThat(accepted.keySet()).contains("accept", "triage", "dispatch", "sign", "report", "progress",
                "unitApprove", "unitSendBack", "approve", "sendBack", "rate", "merge", "transfer", "reject",
                "requestReturn", "redispatch", "archive", "followUp", "passDown", "assist", "assistReport",
                "escalate", "handDown");

        Facts facts = new Facts(jdbc, countyPath);
        rollupsEqualTheirRecomputation(facts);
        unitMonthsEqualTheirRecomputation(facts);
        openOverdueEqualsTheCasesStillLateWithTheirUnit(facts, day.minusDays(1));
        everyOverdueDeadlineGotExactlyOneSupervisionLetter(facts);
        dashboardTotalsEqualTheRecomputation(facts, LocalDate.of(2026, 6, 1), day);
    }

    // ---- the walk ----------------------------------------------------------------------------------------------

    private long receive() {
        CaseType type = CaseType.values()[rnd.nextInt(CaseType.values().length)];
        long village = villages.get(rnd.nextInt(villages.size()));
        Long subject = type == CaseType.CLUE ? (rnd.nextBoolean() ? stationA : stationB) : null;
        String category = rnd.nextInt(3) == 0 ? null : CATEGORIES.get(rnd.nextInt(CATEGORIES.size()));
        String phone = rnd.nextInt(4) == 0 ? null : "139" + (10_000_000 + rnd.nextInt(89_999_999));
        return tx.execute(s -> intake.receive(new NewCase(type, SourceChannel.WALK_IN, village, subject, null,
                "证明人", phone, "随机漫步事项 " + UUID.randomUUID(), category, null, null))).caseId();
    }

    private record Row(long id, CaseType type, CaseState state, Long unitId, Long reviewUnitId, String tracking,
                       LocalDate deadline, Long handlingUnitId, String levelPath) {
    }

    private Row row(long id) {
        return jdbc.sql("""
                        SELECT id, type, state, unit_id, review_unit_id, tracking_code, deadline, handling_unit_id,
                               level_path
                        FROM cases WHERE id = ?""")
                .param(id).query((rs, n) -> new Row(rs.getLong(1), CaseType.valueOf(rs.getString(2)),
                        CaseState.valueOf(rs.getString(3)), (Long) rs.getObject(4), (Long) rs.getObject(5),
                        rs.getString(6), rs.getObject(7, LocalDate.class), (Long) rs.getObject(8),
                        rs.getString(9))).single();
    }

    /** The centre in charge: the city once escalated there, the township now and then when handed down to it. */
    private Actor dispatcherFor(Row c) {
        if (rootPath.equals(c.levelPath())) {
            return cityDispatcher;
        }
        return townshipPath.equals(c.levelPath()) && rnd.nextBoolean() ? townshipDispatcher : dispatcher;
    }

    private List<Long> openParts(long caseId) {
        return jdbc.sql("SELECT unit_id FROM case_assist WHERE case_id = ? AND state = 'OPEN' ORDER BY id")
                .param(caseId).query(Long.class).list();
    }

    /** 协办, 上报 and 下交: the moves between units and levels, made now and then before the case's own next move. */
    private String betweenUnitsAndLevels(Row c, Actor dispatcher) {
        int r = rnd.nextInt(100);
        boolean pool = EnumSet.of(CaseState.RECEIVED, CaseState.ACCEPTED, CaseState.TRIAGED).contains(c.state());
        if (pool && rootPath.equals(c.levelPath()) && r < 40) {
            long to = rnd.nextBoolean() ? county : pathId(townshipPath);
            return ok(workflow.handDown(c.id(), cityDispatcher, to, today().plusDays(3 + rnd.nextInt(20)),
                    "请县（镇）综治中心办理"), "handDown");
        }
        if (pool && r < 2) {
            return ok(workflow.escalate(c.id(), dispatcher, "涉及多个部门，超出本级处置能力"), "escalate");
        }
        if (pool && c.levelPath() == null && r < 4) {
            return ok(workflow.handDown(c.id(), dispatcher, pathId(townshipPath),
                    today().plusDays(2 + rnd.nextInt(15)), "请镇综治中心办理"), "handDown");
        }
        if (c.state() == CaseState.DISPATCHED && r >= 97) {
            return ok(workflow.escalate(c.id(), leaders.get(c.unitId()), "需上级统筹协调"), "escalate");
        }
        List<Long> open = openParts(c.id());
        if (EnumSet.of(CaseState.DISPATCHED, CaseState.SIGNED, CaseState.REOPENED).contains(c.state()) && r < 8) {
            List<Long> helpers = new ArrayList<>(handlingUnits);
            helpers.remove(c.unitId());
            helpers.removeAll(open);
            java.util.Collections.shuffle(helpers, rnd);
            if (helpers.isEmpty()) {
                return null;
            }
            LocalDate due = rnd.nextBoolean() || c.deadline() == null ? null
                    : today().plusDays(1 + rnd.nextInt(10));
            if (due != null && due.isAfter(c.deadline())) {
                due = c.deadline();
            }
            return ok(workflow.assignAssisting(c.id(), dispatcher, helpers.subList(0, Math.min(helpers.size(), 1 + rnd.nextInt(2))), due,
                    "请协助核查"), "assist");
        }
        if (!open.isEmpty() && r < 30) {
            long helper = open.get(rnd.nextInt(open.size()));
            Actor by = rnd.nextBoolean() ? handlers.get(helper) : leaders.get(helper);
            return ok(workflow.reportAssist(c.id(), by, "已配合调查走访，情况如下"), "assistReport");
        }
        return null;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), CHINA);
    }

    private static long pathId(String path) {
        String trimmed = path.substring(0, path.length() - 1);
        return Long.parseLong(trimmed.substring(trimmed.lastIndexOf('/') + 1));
    }

    /** One move on the case, by the actor it belongs to (now and then by a wrong one, which must change nothing). */
    private String step(long id, List<Long> mine) {
        Row c = row(id);
        if (rnd.nextInt(25) == 0) {
            return wrongActorChangesNothing(c);
        }
        Actor dispatcher = dispatcherFor(c);
        try {
            String between = betweenUnitsAndLevels(c, dispatcher);
            if (between != null) {
                return between;
            }
        } catch (RefusedException | InvalidInputException refused) {
            return null;
        }
        Actor unitStaff = c.unitId() == null ? null : rnd.nextBoolean() ? handlers.get(c.unitId()) : leaders.get(c.unitId());
        Actor reviewer = c.reviewUnitId() == null ? dispatcher : leaders.get(c.reviewUnitId());
        int r = rnd.nextInt(100);
        try {
            switch (c.state()) {
                case RECEIVED, ACCEPTED, TRIAGED -> {
                    if (r < 4) {
                        return ok(workflow.reject(id, dispatcher, "不属于受理范围"), "reject");
                    }
                    if (r < 8) {
                        long other = mine.get(rnd.nextInt(mine.size()));
                        if (other == id || !row(other).state().isOpen()) {
                            return null;
                        }
                        return ok(workflow.merge(id, dispatcher, other, "同一事项"), "merge");
                    }
                    if (r < 11) {
                        return ok(workflow.transfer(id, dispatcher,
                                rnd.nextBoolean() ? TransferTarget.HOTLINE : TransferTarget.DISCIPLINE, "转办"), "transfer");
                    }
                    if (c.state() == CaseState.RECEIVED) {
                        return ok(workflow.accept(id, dispatcher, null), "accept");
                    }
                    if (c.state() == CaseState.ACCEPTED || r < 20) {
                        List<String> names = TAXONOMY.get(c.type());
                        return ok(workflow.triage(id, dispatcher, names.get(rnd.nextInt(names.size())),
                                RiskLevel.values()[rnd.nextInt(3)], anyUnit(), null), "triage");
                    }
                    return ok(workflow.dispatch(id, dispatcher, rnd.nextBoolean() ? null : anyUnit(), null), "dispatch");
                }
                case DISPATCHED -> {
                    if (r < 12) {
                        return ok(workflow.requestReturn(id, unitStaff, "不属于本单位职责"), "requestReturn");
                    }
                    if (r < 70) {
                        return ok(workflow.sign(id, unitStaff), "sign");
                    }
                    return null; // left lying: the ladder chases it
                }
                case RETURN_REQUESTED -> {
                    return ok(workflow.redispatch(id, dispatcher, anyUnit(), "改派"), "redispatch");
                }
                case REOPENED -> {
                    return r < 70 ? ok(workflow.sign(id, unitStaff), "sign") : null;
                }
                case SIGNED -> {
                    if (c.unitId() == bureau && c.handlingUnitId() == null && r < 15) {
                        // 下交: the county bureau passes it to one of its stations, due by its own deadline
                        return ok(workflow.passDown(id, leaders.get(bureau), rnd.nextBoolean() ? stationA : stationB,
                                c.deadline(), "请派出所办理"), "passDown");
                    }
                    if (c.handlingUnitId() != null && rnd.nextBoolean()) {
                        unitStaff = rnd.nextBoolean() ? handlers.get(c.handlingUnitId()) : leaders.get(c.handlingUnitId());
                    }
                    if (c.state() == CaseState.SIGNED && c.type() == CaseType.CLUE && r < 20) {
                        return ok(workflow.reportVerificationOngoing(id, unitStaff, "正在调取执法记录仪视频核查"), "progress");
                    }
                    if (r < 55) {
                        return null;
                    }
                    Outcome o = anyOutcomeFor(c.type());
                    int persons = o.allowsDiscipline() ? rnd.nextInt(3) : 0;
                    return ok(workflow.report(id, unitStaff, o, "查明情况并处理", persons, persons > 0 ? "某某" : null, List.of()), "report");
                }
                case REPORTED -> {
                    Actor leader = leaders.get(c.unitId());
                    if (r < 25) {
                        return ok(workflow.unitSendBack(id, leader, "证据不足，补充核查"), "unitSendBack");
                    }
                    return ok(workflow.unitApprove(id, leader, null), "unitApprove");
                }
                case UNDER_REVIEW -> {
                    if (r < 25) {
                        return ok(workflow.sendBack(id, reviewer, "请补充办理"), "sendBack");
                    }
                    return ok(workflow.approve(id, reviewer, null), "approve");
                }
                case AWAITING_FEEDBACK -> {
                    if (r < 20) {
                        return ok(workflow.recordFollowUpCall(id, dispatcher, Satisfaction.values()[rnd.nextInt(3)], "电话回访"), "followUp");
                    }
                    if (r < 45) {
                        return null; // the raiser does not answer: closed without a rating after the period
                    }
                    return ok(workflow.rateHandling(c.tracking(), Satisfaction.values()[rnd.nextInt(3)], null), "rate");
                }
                case CLOSED, CLOSED_NO_FEEDBACK, REJECTED, MERGED, TRANSFERRED -> {
                    if (r < 30) {
                        return ok(workflow.archive(id, dispatcher, null), "archive");
                    }
                    return null;
                }
                case ARCHIVED -> {
                    return null;
                }
            }
        } catch (RefusedException | InvalidInputException refused) {
            // e.g. an interim report after one already stands: a refusal, and nothing changed
            return null;
        }
        return null;
    }

    /** The move's name when it was made; null when the aggregate refused it (and then nothing was written). */
    private static String ok(io.minyi.platform.Decision d, String move) {
        return d.isAllowed() ? move : null;
    }

    private String wrongActorChangesNothing(Row c) {
        Actor stranger = handlers.get(c.unitId() != null && c.unitId() == stationA ? stationB : stationA);
        String before = jdbc.sql("SELECT cases::text FROM cases WHERE id = ?").param(c.id()).query(String.class).single();
        try {
            io.minyi.platform.Decision d = switch (c.state()) {
                case RECEIVED -> workflow.accept(c.id(), stranger, null);
                case DISPATCHED, REOPENED -> workflow.sign(c.id(), stranger);
                case UNDER_REVIEW -> workflow.approve(c.id(), stranger, null);
                default -> workflow.archive(c.id(), stranger, null);
            };
            assertThat(d.isAllowed()).as("a stranger's move").isFalse();
        } catch (RuntimeException refused) {
            // 403, 404 (out of sight) or 409: every one a refusal
        }
        assertThat(jdbc.sql("SELECT cases::text FROM cases WHERE id = ?").param(c.id()).query(String.class).single())
                .isEqualTo(before);
        return null;
    }

    private Outcome anyOutcomeFor(CaseType type) {
        List<Outcome> fitting = java.util.Arrays.stream(Outcome.values()).filter(o -> o.fits(type)).toList();
        return fitting.get(rnd.nextInt(fitting.size()));
    }

    private long anyUnit() {
        return handlingUnits.get(rnd.nextInt(handlingUnits.size()));
    }

    /** What db-scheduler's task does: close the cases whose rating period ran out. */
    private void closeUnrated(LocalDate today) {
        jdbc.sql("""
                        SELECT id FROM cases WHERE state = 'AWAITING_FEEDBACK' AND feedback_due < ?
                        AND jurisdiction_path LIKE ?""")
                .params(today, countyPath + "%").query(Long.class).list()
                .forEach(id -> workflow.closeWithoutFeedback(id));
        awaitListeners();
    }

    /**
     * Straight from the cases as they stand at the scan: a case still with its unit past its deadline is overdue on
     * the first scan that sees it so, once per deadline.
     */
    private void recordExpectedOverdue(LocalDate today) {
        jdbc.sql("SELECT id, state, deadline FROM cases WHERE jurisdiction_path LIKE ? AND deadline < ?")
                .params(countyPath + "%", today)
                .query((rs, n) -> {
                    if (CHASED.contains(CaseState.valueOf(rs.getString(2)))) {
                        overdueExpected.putIfAbsent(rs.getLong(1) + ":" + rs.getObject(3, LocalDate.class), today);
                    }
                    return null;
                }).list();
    }

    /** Straight from the parts as they stand at the scan: an open part past its deadline is overdue, once. */
    private void recordExpectedAssistOverdue(LocalDate today) {
        jdbc.sql("""
                        SELECT a.id FROM case_assist a JOIN cases c ON c.id = a.case_id
                        WHERE c.jurisdiction_path LIKE ? AND a.state = 'OPEN' AND a.deadline < ?""")
                .params(countyPath + "%", today).query(Long.class).list()
                .forEach(part -> assistOverdueExpected.putIfAbsent(part, today));
    }

    /**
     * Waits for the walk's own publications only. Not by their date: Modulith dates a publication by the context's
     * clock, which the walk moves back to 2026 while another test of the same context may have left it in 2031; a date
     * filter then saw none of the walk's publications and the proof read the figures before the last listeners ran.
     */
    private void awaitListeners() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            long open = jdbc.sql("""
                            SELECT count(*) FROM event_publication WHERE completion_date IS NULL
                            AND NOT (id = ANY(?))
                            AND (listener_id LIKE 'io.minyi.supervision.%' OR listener_id LIKE 'io.minyi.reporting.%')""")
                    .param(leftBefore)
                    .query(Long.class).single();
            if (open == 0) {
                return;
            }
            sleep();
        }
        throw new AssertionError("event listeners did not complete within 30 s");
    }

    private static void sleep() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * What other tests of this context left incomplete on purpose (a listener they made fail) is not the walk's to wait
     * for; what is still running from them is waited for here, so that it does not count as left behind.
     */
    private void awaitOthers() {
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        do {
            leftBefore = jdbc.sql("SELECT id FROM event_publication WHERE completion_date IS NULL")
                    .query(UUID.class).list().toArray(UUID[]::new);
            sleep();
        } while (leftBefore.length > 0 && System.nanoTime() < until);
    }

    // ---- the county of the walk ----------------------------------------------------------------------------------

    private void buildCounty() {
        String tag = Long.toString(Math.abs(rnd.nextLong()) % 1_000_000_000L, 36).toUpperCase();
        var root = org.root();
        rootPath = root.path();
        county = jurisdiction(root.id(), root.path(), "COUNTY", "PROOF-" + tag, "证明县" + tag);
        countyPath = pathOf(county);
        long township = jurisdiction(county, countyPath, "TOWNSHIP", "PROOF-" + tag + "-T", "证明镇");
        townshipPath = pathOf(township);
        villages.add(jurisdiction(township, pathOf(township), "VILLAGE", "PROOF-" + tag + "-V1", "东村"));
        villages.add(jurisdiction(township, pathOf(township), "VILLAGE", "PROOF-" + tag + "-V2", "西村"));
        jurisdictions.addAll(List.of(county, township, villages.get(0), villages.get(1)));
        unit(null, county, "GOVERNANCE_CENTRE", tag + "-C", "证明县综治中心");
        bureau = unit(null, county, "PUBLIC_SECURITY_BUREAU", tag + "-B", "证明县公安局");
        stationA = unit(bureau, township, "POLICE_STATION", tag + "-SA", "证明镇派出所");
        stationB = unit(bureau, villages.get(1), "POLICE_STATION", tag + "-SB", "西村警务室");
        justiceOffice = unit(null, township, "JUSTICE_OFFICE", tag + "-J", "证明镇司法所");
        handlingUnits = List.of(bureau, stationA, stationB, justiceOffice);
        for (long u : handlingUnits) {
            handlers.put(u, new Actor(Actor.Kind.STAFF, "proof-h-" + u, Set.of(Role.UNIT_HANDLER), u, "单位" + u,
                    countyPath, null));
            leaders.put(u, new Actor(Actor.Kind.STAFF, "proof-l-" + u, Set.of(Role.UNIT_LEADER), u, "单位" + u,
                    countyPath, null));
        }
        dispatcher = new Actor(Actor.Kind.STAFF, "proof-dispatcher", Set.of(Role.DISPATCHER), null, "综治中心",
                countyPath, null);
        cityDispatcher = new Actor(Actor.Kind.STAFF, "proof-city-dispatcher", Set.of(Role.DISPATCHER), null,
                "市综治中心", rootPath, null);
        townshipDispatcher = new Actor(Actor.Kind.STAFF, "proof-township-dispatcher", Set.of(Role.DISPATCHER), null,
                "镇综治中心", townshipPath, null);
    }

    private long jurisdiction(long parent, String parentPath, String level, String code, String name) {
        long id = jdbc.sql("INSERT INTO jurisdiction (parent_id, level, code, name, path) VALUES (?,?,?,?,?) RETURNING id")
                .params(parent, level, code, name, parentPath + "pending-" + code + "/").query(Long.class).single();
        jdbc.sql("UPDATE jurisdiction SET path = ? WHERE id = ?").params(parentPath + id + "/", id).update();
        return id;
    }

    private String pathOf(long jurisdiction) {
        return jdbc.sql("SELECT path FROM jurisdiction WHERE id = ?").param(jurisdiction).query(String.class).single();
    }

    private long unit(Long parent, long jurisdiction, String type, String code, String name) {
        return jdbc.sql("INSERT INTO unit (parent_id, jurisdiction_id, type, code, name) VALUES (?,?,?,?,?) RETURNING id")
                .params(parent, jurisdiction, type, "PROOF-" + code, name).query(Long.class).single();
    }

    // ---- the recomputation ---------------------------------------------------------------------------------------

    /** Everything the recomputation reads: the walk's cases and their ledgers, nothing from any projection. */
    record Facts(Map<Long, CaseRow> cases, Map<Long, List<StepRow>> steps, List<PartRow> parts) {
        Facts(JdbcClient jdbc, String countyPath) {
            this(new TreeMap<>(), new HashMap<>(), new ArrayList<>());
            jdbc.sql("""
                            SELECT a.* FROM case_assist a JOIN cases c ON c.id = a.case_id
                            WHERE c.jurisdiction_path LIKE ? ORDER BY a.id""").param(countyPath + "%")
                    .query((rs, n) -> parts.add(new PartRow(rs.getLong("id"), rs.getLong("unit_id"),
                            rs.getObject("deadline", LocalDate.class), rs.getString("state"),
                            rs.getTimestamp("reported_at") == null ? null : rs.getTimestamp("reported_at").toInstant())))
                    .list();
            jdbc.sql("SELECT * FROM cases WHERE jurisdiction_path LIKE ? ORDER BY id").param(countyPath + "%")
                    .query((rs, n) -> cases.put(rs.getLong("id"), new CaseRow(rs.getLong("id"),
                            CaseType.valueOf(rs.getString("type")), rs.getString("jurisdiction_path"),
                            (Long) rs.getObject("subject_unit_id"), (Long) rs.getObject("unit_id"),
                            CaseState.valueOf(rs.getString("state")), rs.getObject("deadline", LocalDate.class),
                            rs.getTimestamp("received_at").toInstant(),
                            rs.getTimestamp("reported_at") == null ? null : rs.getTimestamp("reported_at").toInstant())))
                    .list();
            jdbc.sql("""
                            SELECT s.* FROM case_step s JOIN cases c ON c.id = s.case_id
                            WHERE c.jurisdiction_path LIKE ? ORDER BY s.id""").param(countyPath + "%")
                    .query((rs, n) -> steps.computeIfAbsent(rs.getLong("case_id"), k -> new ArrayList<>())
                            .add(new StepRow(rs.getTimestamp("at").toInstant(), rs.getString("action"),
                                    CaseState.valueOf(rs.getString("to_state")),
                                    rs.getString("outcome") == null ? null : Outcome.valueOf(rs.getString("outcome")),
                                    (Integer) rs.getObject("persons_disciplined"), (Long) rs.getObject("actor_unit_id"))))
                    .list();
        }
    }

    record CaseRow(long id, CaseType type, String path, Long subjectUnitId, Long unitId, CaseState state,
                   LocalDate deadline, Instant receivedAt, Instant reportedAt) {
    }

    /** An assisting unit's part, as casework keeps it. */
    record PartRow(long id, long unitId, LocalDate deadline, String state, Instant reportedAt) {
        boolean filedOnTime() {
            return reportedAt != null && !reportedAt.atZone(CHINA).toLocalDate().isAfter(deadline);
        }
    }

    record StepRow(Instant at, String action, CaseState to, Outcome outcome, Integer persons, Long actorUnitId) {
        /** The moments casework tells others a result: a leader's own report, or the unit leader's approval. */
        boolean publishesReport() {
            return action.equals("REPORT") && to == CaseState.UNDER_REVIEW || action.equals("UNIT_APPROVE");
        }

        /** A verdict staff wrote down on a follow-up call, applied when the rating period ran out. */
        boolean byStaff() {
            return action.equals("CLOSE_BY_FOLLOW_UP");
        }

        boolean reopens() {
            return (action.equals("RATE") || byStaff()) && to == CaseState.REOPENED;
        }
    }

    static final List<String> COUNTERS = List.of("received", "dispatched", "rejected", "closed", "resolved",
            "overdue", "reopened", "satisfied", "substantiated", "partly_substantiated", "unfounded",
            "under_verification", "persons_disciplined", "satisfied_by_staff", "reopened_by_staff");

    /** counter → (jurisdiction|day|type → value), recomputed. */
    private Map<String, Integer> expectedRollups(Facts f, boolean monthly) {
        Map<String, Integer> out = new TreeMap<>();
        for (CaseRow c : f.cases().values()) {
            List<StepRow> steps = f.steps().getOrDefault(c.id(), List.of());
            add(out, c, c.receivedAt(), "received", 1, monthly);
            boolean dispatched = false;
            Outcome lastReported = null;
            int lastPersons = 0;
            String standing = null;
            int persons = 0;
            Outcome counted = null;
            for (StepRow s : steps) {
                switch (s.action()) {
                    case "DISPATCH", "REDISPATCH" -> {
                        if (!dispatched) {
                            dispatched = true;
                            add(out, c, s.at(), "dispatched", 1, monthly);
                        }
                    }
                    case "REJECT" -> add(out, c, s.at(), "rejected", 1, monthly);
                    default -> {
                    }
                }
                if (s.action().equals("REPORT")) {
                    lastReported = s.outcome();
                    lastPersons = s.persons();
                }
                String now = null;
                Integer personsNow = null;
                if (s.action().equals("REPORT_PROGRESS")) {
                    now = "under_verification";
                } else if (s.publishesReport()) {
                    counted = lastReported;
                    now = verdictCounter(lastReported);
                    personsNow = lastPersons;
                }
                if (c.type() == CaseType.CLUE && (now != null || personsNow != null)) {
                    if (standing != null && !standing.equals(now)) {
                        add(out, c, s.at(), standing, -1, monthly);
                    }
                    if (now != null && !now.equals(standing)) {
                        add(out, c, s.at(), now, 1, monthly);
                    }
                    standing = now;
                    int p = personsNow == null ? persons : personsNow;
                    if (p != persons) {
                        add(out, c, s.at(), "persons_disciplined", p - persons, monthly);
                    }
                    persons = p;
                }
                if (s.to() == CaseState.CLOSED || s.to() == CaseState.CLOSED_NO_FEEDBACK) {
                    add(out, c, s.at(), "closed", 1, monthly);
                    if (c.type() == CaseType.DISPUTE && counted == Outcome.RESOLVED) {
                        add(out, c, s.at(), "resolved", 1, monthly);
                    }
                    if (s.to() == CaseState.CLOSED) {
                        add(out, c, s.at(), "satisfied", 1, monthly);
                        if (s.byStaff()) {
                            add(out, c, s.at(), "satisfied_by_staff", 1, monthly);
                        }
                    }
                }
                if (s.reopens()) {
                    add(out, c, s.at(), "reopened", 1, monthly);
                    if (s.byStaff()) {
                        add(out, c, s.at(), "reopened_by_staff", 1, monthly);
                    }
                }
            }
        }
        overdueExpected.forEach((key, day) -> {
            CaseRow c = f.cases().get(Long.parseLong(key.split(":")[0]));
            add(out, c, day.atTime(18, 0).atZone(CHINA).toInstant(), "overdue", 1, monthly);
        });
        out.values().removeIf(v -> v == 0);
        return out;
    }

    private static String verdictCounter(Outcome o) {
        if (o == null) {
            return null;
        }
        return switch (o) {
            case SUBSTANTIATED -> "substantiated";
            case PARTLY_SUBSTANTIATED -> "partly_substantiated";
            case UNFOUNDED -> "unfounded";
            case RESOLVED, UNRESOLVED -> null;
        };
    }

    /** Adds to the case's village, township and county (the levels inside the walk's county). */
    private void add(Map<String, Integer> out, CaseRow c, Instant at, String counter, int by, boolean monthly) {
        LocalDate day = at.atZone(CHINA).toLocalDate();
        LocalDate key = monthly ? day.withDayOfMonth(1) : day;
        for (String part : c.path().substring(rootPath.length()).split("/")) {
            if (!part.isEmpty()) {
                out.merge(part + "|" + key + "|" + c.type() + "|" + counter, by, Integer::sum);
            }
        }
    }

    private void rollupsEqualTheirRecomputation(Facts f) {
        for (boolean monthly : new boolean[]{false, true}) {
            String table = monthly ? "case_rollup_monthly" : "case_rollup_daily";
            String dayCol = monthly ? "month" : "day";
            Map<String, Integer> actual = new TreeMap<>();
            jdbc.sql("SELECT jurisdiction_id, " + dayCol + ", type, " + String.join(", ", COUNTERS.stream()
                            .map(c -> "sum(" + c + ") AS " + c).toList()) + " FROM " + table
                            + " WHERE jurisdiction_id = ANY(?) GROUP BY 1, 2, 3")
                    .param(jurisdictions.toArray(Long[]::new))
                    .query((rs, n) -> {
                        for (String counter : COUNTERS) {
                            int v = rs.getInt(counter);
                            if (v != 0) {
                                actual.put(rs.getLong(1) + "|" + rs.getObject(2, LocalDate.class) + "|"
                                        + rs.getString(3) + "|" + counter, v);
                            }
                        }
                        return null;
                    }).list();
            Map<String, Integer> expected = expectedRollups(f, monthly);
            assertThat(actual).as(table + " figure by figure").containsExactlyInAnyOrderEntriesOf(expected);
            assertThat(expected.keySet()).as("the walk reaches every figure of " + table)
                    .anyMatch(k -> k.endsWith("|under_verification"))
                    .anyMatch(k -> k.endsWith("|partly_substantiated"))
                    .anyMatch(k -> k.endsWith("|overdue"))
                    .anyMatch(k -> k.endsWith("|reopened"))
                    .anyMatch(k -> k.endsWith("|resolved"))
                    .anyMatch(k -> k.endsWith("|satisfied_by_staff"));
        }
    }

    private void unitMonthsEqualTheirRecomputation(Facts f) {
        Map<String, Integer> expected = new TreeMap<>();
        for (CaseRow c : f.cases().values()) {
            List<StepRow> steps = f.steps().getOrDefault(c.id(), List.of());
            Outcome lastReported = null;
            Long scoredUnit = null;
            LocalDate scoredMonth = null;
            Outcome verdict = null;
            for (StepRow s : steps) {
                LocalDate month = s.at().atZone(CHINA).toLocalDate().withDayOfMonth(1);
                if (s.action().equals("REPORT")) {
                    lastReported = s.outcome();
                }
                if (s.publishesReport()) {
                    // the lead unit whose leader sent it up (it may hand the case up to another level later)
                    expected.merge(s.actorUnitId() + "|" + month + "|reported", 1, Integer::sum);
                    if (c.type() == CaseType.CLUE) {
                        if (scoredUnit == null) {
                            scoredUnit = c.subjectUnitId() != null ? c.subjectUnitId() : s.actorUnitId();
                            scoredMonth = month;
                            expected.merge(scoredUnit + "|" + month + "|clues_decided", 1, Integer::sum);
                        }
                        verdict = lastReported;
                    }
                }
                if (s.to() == CaseState.CLOSED || s.to() == CaseState.CLOSED_NO_FEEDBACK) {
                    expected.merge(c.unitId() + "|" + month + "|closed", 1, Integer::sum);
                    boolean onTime = c.reportedAt() != null
                            && !c.reportedAt().atZone(CHINA).toLocalDate().isAfter(c.deadline());
                    if (onTime) {
                        expected.merge(c.unitId() + "|" + month + "|closed_on_time", 1, Integer::sum);
                    }
                    if (s.to() == CaseState.CLOSED) {
                        expected.merge(c.unitId() + "|" + month + "|satisfied", 1, Integer::sum);
                        if (s.byStaff()) {
                            expected.merge(c.unitId() + "|" + month + "|satisfied_by_staff", 1, Integer::sum);
                        }
                    }
                }
                if (s.reopens()) {
                    expected.merge(c.unitId() + "|" + month + "|reopened", 1, Integer::sum);
                    if (s.byStaff()) {
                        expected.merge(c.unitId() + "|" + month + "|reopened_by_staff", 1, Integer::sum);
                    }
                }
            }
            if (verdict == Outcome.SUBSTANTIATED) {
                expected.merge(scoredUnit + "|" + scoredMonth + "|clues_substantiated", 1, Integer::sum);
            } else if (verdict == Outcome.PARTLY_SUBSTANTIATED) {
                expected.merge(scoredUnit + "|" + scoredMonth + "|clues_partly_substantiated", 1, Integer::sum);
            }
        }
        // 协办: each filed part on time or late, each part found overdue at a scan (or filed late before one saw it)
        for (PartRow p : f.parts()) {
            if (p.reportedAt() != null) {
                LocalDate filed = p.reportedAt().atZone(CHINA).toLocalDate().withDayOfMonth(1);
                expected.merge(p.unitId() + "|" + filed + "|assists_reported", 1, Integer::sum);
                if (p.filedOnTime()) {
                    expected.merge(p.unitId() + "|" + filed + "|assists_on_time", 1, Integer::sum);
                } else if (!assistOverdueExpected.containsKey(p.id())) {
                    expected.merge(p.unitId() + "|" + filed + "|assists_overdue", 1, Integer::sum);
                }
            }
            LocalDate seen = assistOverdueExpected.get(p.id());
            if (seen != null) {
                expected.merge(p.unitId() + "|" + seen.withDayOfMonth(1) + "|assists_overdue", 1, Integer::sum);
            }
        }
        // letters: the ladder's own record of what it sent, but reminders, which cost no points (decision 0074)
        Long[] units = handlingUnits.toArray(Long[]::new);
        jdbc.sql("""
                        SELECT addressee_unit_id, date_trunc('month', issued_at AT TIME ZONE 'Asia/Shanghai')::date, count(*)
                        FROM supervision_letter WHERE addressee_unit_id = ANY(?) AND kind <> 'REMINDER' GROUP BY 1, 2""")
                .param(units)
                .query((rs, n) -> expected.put(rs.getLong(1) + "|" + rs.getObject(2, LocalDate.class) + "|letters",
                        rs.getInt(3))).list();
        List<String> counters = List.of("closed", "closed_on_time", "satisfied", "reopened", "reported",
                "clues_decided", "clues_substantiated", "clues_partly_substantiated", "letters", "satisfied_by_staff",
                "reopened_by_staff");
        Map<String, Integer> actual = new TreeMap<>();
        jdbc.sql("SELECT * FROM unit_month WHERE unit_id = ANY(?)").param(units)
                .query((rs, n) -> {
                    for (String counter : counters) {
                        if (rs.getInt(counter) != 0) {
                            actual.put(rs.getLong("unit_id") + "|" + rs.getObject("month", LocalDate.class) + "|"
                                    + counter, rs.getInt(counter));
                        }
                    }
                    return null;
                }).list();
        // 协办: the assisting units' parts, kept beside unit_month
        jdbc.sql("SELECT * FROM unit_assist_month WHERE unit_id = ANY(?)").param(units)
                .query((rs, n) -> {
                    for (String counter : List.of("reported", "on_time", "overdue")) {
                        if (rs.getInt(counter) != 0) {
                            actual.put(rs.getLong("unit_id") + "|" + rs.getObject("month", LocalDate.class)
                                    + "|assists_" + counter, rs.getInt(counter));
                        }
                    }
                    return null;
                }).list();
        assertThat(actual).as("unit_month figure by figure").containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(expected.keySet()).anyMatch(k -> k.endsWith("|clues_partly_substantiated"))
                .anyMatch(k -> k.endsWith("|letters")).anyMatch(k -> k.endsWith("|closed_on_time"))
                .anyMatch(k -> k.endsWith("|assists_on_time")).anyMatch(k -> k.endsWith("|assists_overdue"));
    }

    private void openOverdueEqualsTheCasesStillLateWithTheirUnit(Facts f, LocalDate lastScan) {
        Map<Long, Integer> expected = new TreeMap<>();
        f.cases().values().stream()
                .filter(c -> CHASED.contains(c.state()) && c.deadline() != null && c.deadline().isBefore(lastScan))
                .forEach(c -> expected.merge(c.unitId(), 1, Integer::sum));
        Map<Long, Integer> actual = new TreeMap<>();
        jdbc.sql("SELECT unit_id, cases FROM unit_open_overdue WHERE unit_id = ANY(?) AND cases > 0")
                .param(handlingUnits.toArray(Long[]::new))
                .query((rs, n) -> actual.put(rs.getLong(1), rs.getInt(2))).list();
        assertThat(actual).as("open and overdue per unit").isEqualTo(expected);
    }

    /** Including the cases sent back after their deadline: the ladder chases them as it chases dispatched ones. */
    private void everyOverdueDeadlineGotExactlyOneSupervisionLetter(Facts f) {
        Set<String> lettered = new HashSet<>();
        jdbc.sql("""
                        SELECT lc.case_id, lc.deadline, count(*) FROM supervision_letter_case lc
                        WHERE lc.kind = 'SUPERVISION' AND lc.case_id = ANY(?) GROUP BY 1, 2""")
                .param(f.cases().keySet().toArray(Long[]::new))
                .query((rs, n) -> {
                    assertThat(rs.getInt(3)).isEqualTo(1);
                    return lettered.add(rs.getLong(1) + ":" + rs.getObject(2, LocalDate.class));
                }).list();
        assertThat(lettered).isEqualTo(overdueExpected.keySet());
        long sentBackLate = f.steps().entrySet().stream().filter(e -> e.getValue().stream()
                .anyMatch(s -> s.action().endsWith("SEND_BACK"))).count();
        assertThat(sentBackLate).as("the walk sends reports back").isPositive();
    }

    /** The figures the dashboard and the daily report show come from these reads of the roll-ups. */
    private void dashboardTotalsEqualTheRecomputation(Facts f, LocalDate from, LocalDate to) {
        Map<String, Integer> expected = expectedRollups(f, false);
        for (long j : jurisdictions) {
            Map<String, Rollups.Totals> byType = rollups.byType(j, from, to);
            for (CaseType t : CaseType.values()) {
                Rollups.Totals x = Rollups.of(byType, t.name());
                Map<String, Long> shown = Map.ofEntries(Map.entry("received", x.received()),
                        Map.entry("dispatched", x.dispatched()), Map.entry("rejected", x.rejected()),
                        Map.entry("closed", x.closed()), Map.entry("resolved", x.resolved()),
                        Map.entry("overdue", x.overdue()), Map.entry("reopened", x.reopened()),
                        Map.entry("satisfied", x.satisfied()), Map.entry("substantiated", x.substantiated()),
                        Map.entry("partly_substantiated", x.partlySubstantiated()),
                        Map.entry("unfounded", x.unfounded()), Map.entry("under_verification", x.underVerification()),
                        Map.entry("persons_disciplined", x.personsDisciplined()),
                        Map.entry("satisfied_by_staff", x.satisfiedByStaff()),
                        Map.entry("reopened_by_staff", x.reopenedByStaff()));
                for (String counter : COUNTERS) {
                    long sum = expected.entrySet().stream()
                            .filter(e -> e.getKey().startsWith(j + "|") && e.getKey().endsWith("|" + t + "|" + counter))
                            .mapToLong(Map.Entry::getValue).sum();
                    assertThat(shown.get(counter)).as("%s %s %s", j, t, counter).isEqualTo(sum);
                }
            }
        }
    }

    static LocalDateTime at(LocalDate d, int h) {
        return d.atTime(h, 0);
    }
}
