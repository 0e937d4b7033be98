package io.minyi.lists;

import io.minyi.casework.CaseIntake;
import io.minyi.casework.CaseType;
import io.minyi.casework.NewCase;
import io.minyi.casework.SourceChannel;
import io.minyi.org.OrgDirectory;
import io.minyi.support.FullStackTest;
import io.minyi.support.SubjectOfficers;
import io.minyi.support.HomeTodos;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Leader-led work and the three lists over HTTP: a leader's visit with its findings (a suggestion answered and
 * published, a dispute handed into the pool, a problem solved) and a key project feed the dashboard's leader figures;
 * a list item is struck off only after the issuing level approves the owner's evidence.
 */
@FullStackTest
class ListsAndLeaderWorkFullStackTests {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired OrgDirectory org;
    @Autowired LeaderWorkFigures figures;
    @Autowired Clock clock;
    @Autowired io.minyi.supervision.internal.SupervisionLadder ladder;
    @Autowired CaseIntake intake;

    @Test
    void a_leaders_visit_and_project_become_the_leader_figures() {
        StaffClient leader = new StaffClient(port);
        leader.login("leader");
        leader.get("/leadership");
        LocalDate today = LocalDate.now(clock);
        var before = figures.leader(org.root().path(), today, today);
        long unansweredBefore = HomeTodos.count(leader, "/leadership#suggestions");
        String tag = UUID.randomUUID().toString().substring(0, 6);

        assertThat(leader.postForm("/leadership/visits", Map.of("leaderName", "王书记",
                "jurisdictionId", String.valueOf(org.root().id()), "visitedOn", today.plusDays(1).toString(),
                "place", "城关镇", "households", "12")).statusCode()).as("a visit in the future").isEqualTo(400);
        var visit = leader.postForm("/leadership/visits", Map.of("leaderName", "王书记",
                "jurisdictionId", String.valueOf(org.root().id()), "visitedOn", today.toString(),
                "place", "城关镇东街社区-" + tag, "households", "12", "summary", "入户走访"));
        assertThat(visit.statusCode()).isEqualTo(302);
        String visitPath = visit.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
        long unit = org.unitsWithin(org.root().path()).getFirst().id();

        assertThat(leader.postForm(visitPath + "/findings", Map.of("kind", "SUGGESTION", "area", "治安",
                "text", "建议夜间增加巡逻-" + tag, "unitId", String.valueOf(unit))).statusCode()).isEqualTo(302);
        assertThat(leader.postForm(visitPath + "/findings", Map.of("kind", "DISPUTE",
                "text", "两户宅基地边界纠纷-" + tag)).statusCode()).isEqualTo(302);
        assertThat(leader.postForm(visitPath + "/findings", Map.of("kind", "PROBLEM_SOLVED",
                "text", "路灯已修复")).statusCode()).as("a solved problem names its case").isEqualTo(400);
        long disputeCase = jdbc.sql("SELECT case_id FROM leader_finding WHERE kind = 'DISPUTE' AND text = ?")
                .param("两户宅基地边界纠纷-" + tag).query(Long.class).single();
        assertThat(jdbc.sql("SELECT type FROM cases WHERE id = ?").param(disputeCase).query(String.class).single())
                .isEqualTo("DISPUTE");
        assertThat(leader.postForm(visitPath + "/findings", Map.of("kind", "PROBLEM_SOLVED",
                "text", "路灯已修复-" + tag, "caseId", String.valueOf(disputeCase))).statusCode()).isEqualTo(302);

        long suggestion = jdbc.sql("SELECT id FROM leader_finding WHERE text = ?").param("建议夜间增加巡逻-" + tag)
                .query(Long.class).single();
        long visitId = Long.parseLong(visitPath.substring(visitPath.lastIndexOf('/') + 1));
        // waiting for its answer: on the leader's home page and in the leadership page's list, with its visit
        assertThat(HomeTodos.count(leader, "/leadership#suggestions")).isEqualTo(unansweredBefore + 1);
        assertThat(leader.get("/leadership").body()).contains("建议夜间增加巡逻-" + tag, "/leadership/visits/" + visitId);
        assertThat(leader.postForm("/leadership/findings/" + suggestion + "/answer?visit=" + visitId,
                Map.of("answer", "已安排派出所夜间巡逻-" + tag, "publish", "true")).statusCode()).isEqualTo(302);
        assertThat(HomeTodos.count(leader, "/leadership#suggestions")).isEqualTo(unansweredBefore);
        assertThat(leader.get("/leadership").body()).doesNotContain("建议夜间增加巡逻-" + tag);
        var published = new StaffClient(port).get("/public/suggestions");
        assertThat(published.statusCode()).isEqualTo(200);
        assertThat(published.body()).contains("已安排派出所夜间巡逻-" + tag).doesNotContain("王书记");

        var project = leader.postForm("/leadership/projects", Map.of("title", "平安校园-" + tag, "leaderName", "王书记",
                "leadUnitId", String.valueOf(unit), "startsOn", today.toString(), "endsOn", today.plusMonths(3).toString()));
        assertThat(project.statusCode()).isEqualTo(302);
        String projectPath = project.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
        assertThat(leader.postForm(projectPath + "/measures", Map.of("text", "校门口护学岗")).statusCode()).isEqualTo(302);
        assertThat(leader.postForm(projectPath + "/measures", Map.of("text", "措施", "dueOn",
                today.plusYears(1).toString())).statusCode()).as("a measure after the project ends").isEqualTo(400);

        var after = figures.leader(org.root().path(), today, today);
        assertThat(after.households() - before.households()).isEqualTo(12);
        assertThat(after.suggestions() - before.suggestions()).isEqualTo(1);
        assertThat(after.disputes() - before.disputes()).isEqualTo(1);
        assertThat(after.problemsSolved() - before.problemsSolved()).isEqualTo(1);
        assertThat(after.projects() - before.projects()).isEqualTo(1);
        assertThat(after.measures() - before.measures()).isEqualTo(1);
        assertThat(leader.get("/dashboard").body()).contains("走访群众（户）", "销号率");
        assertThat(leader.get(projectPath).body()).contains("校门口护学岗");
    }

    @Test
    void a_list_item_is_struck_off_only_when_the_issuing_level_approves() {
        StaffClient supervisor = new StaffClient(port);
        supervisor.login("supervisor");
        supervisor.get("/lists");
        long handlerUnit = jdbc.sql("SELECT unit_id FROM staff_account WHERE username = 'handler'").query(Long.class).single();
        LocalDate today = LocalDate.now(clock);
        String title = "整改窗口服务态度问题-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(supervisor.postForm("/lists", Map.of("kind", "PROBLEM", "title", title, "source", "SURVEY",
                "ownerUnitId", String.valueOf(handlerUnit), "ownerPerson", "李所长",
                "deadline", today.minusDays(1).toString())).statusCode()).as("a deadline in the past").isEqualTo(400);
        var created = supervisor.postForm("/lists", Map.of("kind", "PROBLEM", "title", title, "source", "SURVEY",
                "ownerUnitId", String.valueOf(handlerUnit), "ownerPerson", "李所长",
                "deadline", today.plusDays(30).toString(), "milestones", "制定整改方案\n完成培训\n群众回访"));
        assertThat(created.statusCode()).isEqualTo(302);
        String item = created.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
        long id = Long.parseLong(item.substring(item.lastIndexOf('/') + 1));
        assertThat(jdbc.sql("SELECT max(due_on) FROM list_milestone WHERE item_id = ?").param(id)
                .query(LocalDate.class).single()).isEqualTo(today.plusDays(30));

        assertThat(supervisor.postForm(item + "/strike-off", Map.of("evidence", "x")).statusCode())
                .as("only the owner unit asks for strike-off").isEqualTo(400);
        StaffClient handler = new StaffClient(port);
        handler.login("handler");
        assertThat(handler.get(item).statusCode()).isEqualTo(200);
        // the owner unit's home counts it among its open items, and the link lists exactly its own items
        long ownOpen = HomeTodos.count(handler, "/lists?status=OPEN&amp;mine=true");
        assertThat(ownOpen).isEqualTo(jdbc.sql("SELECT count(*) FROM list_item WHERE owner_unit_id = ? AND status = 'OPEN'")
                .param(handlerUnit).query(Long.class).single());
        assertThat(handler.get("/lists?status=OPEN&mine=true").body()).contains(title);
        long toDecide = HomeTodos.count(supervisor, "/lists?status=STRIKE_OFF_REQUESTED");
        assertThat(handler.postForm(item + "/progress", Map.of("note", "已制定整改方案")).statusCode()).isEqualTo(302);
        assertThat(handler.postForm(item + "/strike-off", Map.of("evidence", "")).statusCode()).isEqualTo(400);
        assertThat(handler.postForm(item + "/strike-off", Map.of("evidence", "培训签到表、回访记录")).statusCode())
                .isEqualTo(302);
        assertThat(handler.postForm(item + "/decision", Map.of("decision", "APPROVE")).statusCode())
                .as("the owner never approves its own item").isEqualTo(403);
        assertThat(status(id)).isEqualTo("STRIKE_OFF_REQUESTED");
        assertThat(HomeTodos.count(handler, "/lists?status=OPEN&amp;mine=true")).isEqualTo(ownOpen - 1);
        assertThat(HomeTodos.count(supervisor, "/lists?status=STRIKE_OFF_REQUESTED")).isEqualTo(toDecide + 1);

        assertThat(supervisor.postForm(item + "/decision", Map.of("decision", "SEND_BACK")).statusCode())
                .as("sending back needs a reason").isEqualTo(400);
        assertThat(supervisor.postForm(item + "/decision", Map.of("decision", "SEND_BACK", "note", "缺少回访记录"))
                .statusCode()).isEqualTo(302);
        assertThat(status(id)).isEqualTo("OPEN");
        handler.postForm(item + "/strike-off", Map.of("evidence", "培训签到表、30户回访记录"));
        assertThat(supervisor.postForm(item + "/decision", Map.of("decision", "APPROVE")).statusCode()).isEqualTo(302);
        assertThat(status(id)).isEqualTo("STRUCK_OFF");
        assertThat(supervisor.get(item).body()).contains("同意销号", "缺少回访记录");
        var export = supervisor.getBytes("/lists/completion.xlsx");
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(supervisor.get("/lists?status=NOPE").statusCode()).isEqualTo(400);
    }

    /** Decision 0022: the item is chased by supervision's ladder, not by a second one in this module. */
    @Test
    void an_issued_list_item_is_chased_by_the_supervision_ladder_until_the_owner_asks_for_strike_off() {
        StaffClient supervisor = new StaffClient(port);
        supervisor.login("supervisor");
        supervisor.get("/lists");
        long handlerUnit = jdbc.sql("SELECT unit_id FROM staff_account WHERE username = 'handler'").query(Long.class).single();
        LocalDate today = LocalDate.now(clock);
        String title = "护学岗设置任务-" + UUID.randomUUID().toString().substring(0, 6);
        var created = supervisor.postForm("/lists", Map.of("kind", "TASK", "title", title, "source", "MEETING",
                "ownerUnitId", String.valueOf(handlerUnit), "ownerPerson", "王所长", "deadline", today.toString()));
        assertThat(created.statusCode()).isEqualTo(302);
        String item = created.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
        long id = Long.parseLong(item.substring(item.lastIndexOf('/') + 1));
        await().atMost(Duration.ofSeconds(20)).until(() -> "OPEN".equals(ladderState(id)));

        ladder.scan();
        long reminders = jdbc.sql("""
                        SELECT count(*) FROM supervision_letter l JOIN supervision_letter_list_item li ON li.letter_id = l.id
                        WHERE li.item_id = ? AND l.kind = 'REMINDER' AND l.addressee_unit_id = ?""")
                .params(id, handlerUnit).query(Long.class).single();
        assertThat(reminders).as("due today: a reminder to the owner unit").isEqualTo(1);
        StaffClient handler = new StaffClient(port);
        handler.login("handler");
        long letter = jdbc.sql("SELECT letter_id FROM supervision_letter_list_item WHERE item_id = ?").param(id)
                .query(Long.class).single();
        assertThat(handler.get("/supervision/letters/" + letter).body()).contains(title, "/lists/" + id);

        handler.get(item);
        assertThat(handler.postForm(item + "/strike-off", Map.of("evidence", "护学岗排班表")).statusCode()).isEqualTo(302);
        await().atMost(Duration.ofSeconds(20)).until(() -> "REPORTED".equals(ladderState(id)));
    }

    private String ladderState(long itemId) {
        return jdbc.sql("SELECT state FROM supervised_list_item WHERE item_id = ?").param(itemId).query(String.class)
                .optional().orElse(null);
    }

    @Test
    void a_concluded_case_becomes_a_published_typical_case_only_anonymised_and_approved() {
        long station = jdbc.sql("SELECT unit_id FROM staff_account WHERE username = 'handler'").query(Long.class).single();
        long county1 = jdbc.sql("SELECT jurisdiction_id FROM staff_account WHERE username = 'dispatcher1'")
                .query(Long.class).single();
        String marker = UUID.randomUUID().toString().substring(0, 8);
        StaffClient dispatcher = new StaffClient(port);
        dispatcher.login("dispatcher1");
        dispatcher.get("/cases/new");
        var registered = dispatcher.postForm("/cases/new", Map.of("type", "DISPUTE", "channel", "WALK_IN",
                "jurisdictionId", String.valueOf(county1), "raiserName", "王小二", "raiserPhone", "13812345678",
                "content", "邻里噪音纠纷 " + marker, "category", "邻里纠纷", "formToken", marker));
        String location = registered.headers().firstValue("Location").orElseThrow();
        long caseId = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));

        StaffClient supervisor = new StaffClient(port);
        supervisor.login("supervisor");
        supervisor.get("/typical");
        Map<String, String> proposal = Map.of("caseId", String.valueOf(caseId), "kind", "POSITIVE",
                "title", "耐心调解化解邻里噪音纠纷", "writeUp", "社区调解员三次上门，促成双方达成协议。");
        var early = supervisor.postForm("/typical", proposal);
        assertThat(early.statusCode()).isEqualTo(400);
        assertThat(early.body()).contains("只有已办结的事项");

        dispatcher.postForm("/cases/" + caseId + "/accept", Map.of("comment", "受理"));
        dispatcher.postForm("/cases/" + caseId + "/triage", Map.of("category", "邻里纠纷", "risk", "LOW",
                "unitId", String.valueOf(station)));
        dispatcher.postForm("/cases/" + caseId + "/dispatch", Map.of("unitId", String.valueOf(station)));
        StaffClient handler = new StaffClient(port);
        handler.login("handler");
        handler.get("/cases/" + caseId);
        handler.postForm("/cases/" + caseId + "/sign", Map.of());
        handler.get("/cases/" + caseId);
        handler.postForm("/cases/" + caseId + "/report", Map.of("outcome", "RESOLVED", "findings", "已调解"));
        StaffClient unitLeader = new StaffClient(port);
        unitLeader.login("unitleader");
        unitLeader.get("/cases/" + caseId);
        unitLeader.postForm("/cases/" + caseId + "/unit-approve", Map.of());
        StaffClient reviewer = new StaffClient(port);
        reviewer.login("policeleader");
        reviewer.get("/cases/" + caseId);
        reviewer.postForm("/cases/" + caseId + "/approve", Map.of("comment", "同意"));
        String code = jdbc.sql("SELECT tracking_code FROM cases WHERE id = ?").param(caseId).query(String.class).single();
        StaffClient resident = new StaffClient(port);
        resident.get("/t/" + code);
        resident.postForm("/t/" + code + "/rating", Map.of("verdict", "SATISFIED"));
        assertThat(jdbc.sql("SELECT state FROM cases WHERE id = ?").param(caseId).query(String.class).single())
                .isEqualTo("CLOSED");

        var personal = supervisor.postForm("/typical", Map.of("caseId", String.valueOf(caseId), "kind", "POSITIVE",
                "title", "调解案例", "writeUp", "当事人电话13812345678，已调解。"));
        assertThat(personal.statusCode()).isEqualTo(400);
        assertThat(personal.body()).contains("个人信息");
        assertThat(supervisor.postForm("/typical", proposal).statusCode()).isEqualTo(302);
        long id = jdbc.sql("SELECT id FROM typical_case WHERE case_id = ?").param(caseId).query(Long.class).single();
        assertThat(new StaffClient(port).get("/public/typical").body()).doesNotContain("耐心调解化解邻里噪音纠纷");
        assertThat(supervisor.postForm("/typical/" + id + "/decision", Map.of("decision", "PUBLISH")).statusCode())
                .as("the proposer does not publish").isEqualTo(403);
        StaffClient leader = new StaffClient(port);
        leader.login("leader");
        leader.get("/typical");
        assertThat(leader.postForm("/typical/" + id + "/decision", Map.of("decision", "PUBLISH")).statusCode())
                .isEqualTo(302);
        var page = new StaffClient(port).get("/public/typical");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("耐心调解化解邻里噪音纠纷").doesNotContain("王小二").doesNotContain("1381234");
    }

    /**
     * The whistle-blower rule (decision 0010) on typical cases: a leader linked to the officer a case names neither
     * reads a typical case made of it, nor decides it, nor proposes the case; another leader does.
     */
    @Test
    void a_typical_case_of_a_clue_is_unknown_to_the_officer_it_names() {
        String t = UUID.randomUUID().toString().substring(0, 8);
        long station = jdbc.sql("SELECT unit_id FROM staff_account WHERE username = 'handler'").query(Long.class).single();
        long county1 = jdbc.sql("SELECT jurisdiction_id FROM staff_account WHERE username = 'dispatcher1'")
                .query(Long.class).single();
        long x = SubjectOfficers.officer(jdbc, station, "典型对象");
        String username = SubjectOfficers.accountOf(jdbc, x, "leader", "SUPERVISOR");
        long caseId = intake.receive(new NewCase(CaseType.CLUE, SourceChannel.WALK_IN, county1, null, x, "举报人",
                "1398" + String.format("%07d", Math.abs(t.hashCode()) % 10_000_000), "民警推诿 " + t, null, null, null))
                .caseId();
        String title = "反面典型" + t;
        long id = jdbc.sql("""
                        INSERT INTO typical_case (case_id, jurisdiction_path, kind, title, write_up, proposed_by, proposed_at)
                        SELECT id, jurisdiction_path, 'NEGATIVE', ?, '推诿群众诉求，已整改。', '督查员', now() FROM cases WHERE id = ?
                        RETURNING id""")
                .params(title, caseId).query(Long.class).single();

        StaffClient subject = new StaffClient(port);
        subject.login(username);
        var list = subject.get("/typical");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(title);
        assertThat(subject.postForm("/typical/" + id + "/decision", Map.of("decision", "REJECT", "note", "不同意"))
                .statusCode()).isEqualTo(404);
        assertThat(subject.postForm("/typical", Map.of("caseId", String.valueOf(caseId), "kind", "POSITIVE",
                "title", "正面典型" + t, "writeUp", "处置得当。")).statusCode()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT status FROM typical_case WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo("PROPOSED");
        assertThat(jdbc.sql("SELECT count(*) FROM typical_case WHERE case_id = ?").param(caseId).query(Long.class)
                .single()).isEqualTo(1L);

        StaffClient leader = new StaffClient(port);
        leader.login("leader");
        assertThat(leader.get("/typical").body()).contains(title);
    }

    private String status(long id) {
        return jdbc.sql("SELECT status FROM list_item WHERE id = ?").param(id).query(String.class).single();
    }
}
