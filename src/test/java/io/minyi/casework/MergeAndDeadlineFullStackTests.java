package io.minyi.casework;

import io.minyi.audit.AuditTrail;
import io.minyi.casework.internal.Deadlines;
import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 17, staff: duplicates both ways with a confirmed merge traced on both cases; the dispatch deadline. */
@FullStackTest
class MergeAndDeadlineFullStackTests {

    @LocalServerPort
    int port;
    @Autowired
    CaseIntake intake;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AuditTrail audit;
    @Autowired
    Deadlines deadlines;

    @Test
    void the_earlier_case_lists_the_later_one_and_the_merge_is_confirmed_first_and_traced_on_both_ledgers() {
        long county1 = jdbc.queryForObject("SELECT jurisdiction_id FROM staff_account WHERE username = 'dispatcher1'", Long.class);
        long station = jdbc.queryForObject("SELECT unit_id FROM staff_account WHERE username = 'handler'", Long.class);
        String place = "杏林" + UUID.randomUUID().toString().substring(0, 4) + "苑";
        var first = intake.receive(new NewCase(CaseType.GRID_EVENT, SourceChannel.GRID_VISIT, county1, null, null, null,
                null, place + "五号楼下水道堵塞，污水外溢到路面，居民出行困难", "环境卫生", null, null));
        var second = intake.receive(new NewCase(CaseType.GRID_EVENT, SourceChannel.HOTLINE, county1, null, null, "钱大爷",
                "13700004321", place + "五号楼下水道堵塞了，污水外溢到路面，居民出行十分困难", null, null, null));

        StaffClient dispatcher = new StaffClient(port);
        dispatcher.login("dispatcher1");
        dispatcher.get("/cases/" + first.caseId());
        ok(dispatcher.postForm("/cases/" + first.caseId() + "/accept", Map.of()));
        ok(dispatcher.postForm("/cases/" + first.caseId() + "/triage", Map.of("category", "环境卫生", "risk", "LOW",
                "unitId", String.valueOf(station))));
        ok(dispatcher.postForm("/cases/" + first.caseId() + "/dispatch", Map.of("unitId", String.valueOf(station))));

        String mergeLink = "/cases/" + second.caseId() + "/merge?targetId=" + first.caseId();
        String earlier = dispatcher.get("/cases/" + first.caseId()).body();
        assertThat(earlier).as("the earlier, dispatched case lists the later report and offers to take it in")
                .contains("id=\"duplicates\"").contains(second.trackingCode()).contains(mergeLink)
                .contains("把该事项并入本事项");
        String later = dispatcher.get("/cases/" + second.caseId()).body();
        assertThat(later).contains(first.trackingCode()).contains(mergeLink).contains("合并到该事项");

        HttpResponse<String> wrongWay = dispatcher.get("/cases/" + first.caseId() + "/merge?targetId=" + second.caseId());
        assertThat(wrongWay.statusCode()).as("a dispatched case cannot be merged away").isEqualTo(409);
        assertThat(wrongWay.body()).doesNotContain("id=\"confirm-merge\"");

        HttpResponse<String> confirm = dispatcher.get(mergeLink);
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains(first.trackingCode()).contains(second.trackingCode())
                .contains("id=\"confirm-merge\"").contains("反映人凭原查询码继续跟踪主事项");
        assertThat(state(second.caseId())).as("looking is not merging").isEqualTo("RECEIVED");

        HttpResponse<String> merged = dispatcher.postForm("/cases/" + second.caseId() + "/merge",
                Map.of("targetId", String.valueOf(first.caseId()), "comment", "同一下水道"));
        assertThat(merged.statusCode()).isEqualTo(302);
        assertThat(merged.headers().firstValue("Location").orElseThrow()).endsWith("/cases/" + first.caseId());
        assertThat(state(second.caseId())).isEqualTo("MERGED");
        assertThat(state(first.caseId())).as("the main case goes on as it was").isEqualTo("DISPATCHED");

        assertThat(comments(first.caseId(), "MERGE")).singleElement().asString()
                .contains(second.trackingCode()).contains("并入本事项").contains("同一下水道");
        assertThat(comments(second.caseId(), "MERGE")).singleElement().asString()
                .contains("并入 " + first.trackingCode());
        assertThat(dispatcher.get("/cases/" + first.caseId()).body()).contains(second.trackingCode() + " 并入本事项");
        assertThat(audit.historyOf("case", String.valueOf(first.caseId())))
                .anyMatch(e -> e.action().equals(audit.historyOf("case", String.valueOf(second.caseId())).getLast().action()));

        StaffClient resident = new StaffClient(port);
        HttpResponse<String> tracking = resident.get("/t/" + second.trackingCode());
        assertThat(tracking.statusCode()).isEqualTo(200);
        assertThat(tracking.body()).as("the resident follows the main case").contains("已交办");
    }

    @Test
    void dispatch_shows_the_deadline_by_working_days_and_a_changed_deadline_needs_a_reason_which_is_audited() {
        long county1 = jdbc.queryForObject("SELECT jurisdiction_id FROM staff_account WHERE username = 'dispatcher1'", Long.class);
        long station = jdbc.queryForObject("SELECT unit_id FROM staff_account WHERE username = 'handler'", Long.class);
        var c = intake.receive(new NewCase(CaseType.GRID_EVENT, SourceChannel.GRID_VISIT, county1, null, null, null,
                null, "期限预览 " + UUID.randomUUID() + " 路灯不亮", "环境卫生", null, null));
        long id = c.caseId();
        StaffClient dispatcher = new StaffClient(port);
        dispatcher.login("dispatcher1");
        dispatcher.get("/cases/" + id);
        ok(dispatcher.postForm("/cases/" + id + "/accept", Map.of()));
        ok(dispatcher.postForm("/cases/" + id + "/triage", Map.of("category", "环境卫生", "risk", "LOW",
                "unitId", String.valueOf(station))));

        LocalDate standard = deadlines.dispatchDeadline(CaseType.GRID_EVENT, "环境卫生");
        int days = deadlines.workingDaysFor(CaseType.GRID_EVENT, "环境卫生");
        String page = dispatcher.get("/cases/" + id).body();
        assertThat(page).contains("按规定 " + days + " 个工作日，办理期限为 " + standard)
                .contains("name=\"due\" value=\"" + standard + "\"");

        LocalDate later = standard.plusDays(7);
        HttpResponse<String> noReason = dispatcher.postForm("/cases/" + id + "/dispatch", Map.of(
                "unitId", String.valueOf(station), "due", later.toString(), "dueShown", standard.toString()));
        assertThat(noReason.statusCode()).isEqualTo(409);
        assertThat(noReason.body()).contains("修改了办理期限，请填写理由");
        assertThat(state(id)).isEqualTo("TRIAGED");

        ok(dispatcher.postForm("/cases/" + id + "/dispatch", Map.of("unitId", String.valueOf(station),
                "due", later.toString(), "dueShown", standard.toString(), "dueReason", "涉及多个部门会商")));
        assertThat(state(id)).isEqualTo("DISPATCHED");
        assertThat(jdbc.queryForObject("SELECT deadline FROM cases WHERE id = ?", LocalDate.class, id)).isEqualTo(later);
        assertThat(comments(id, "DISPATCH")).singleElement().asString()
                .contains("延长期限").contains(standard.toString()).contains(later.toString()).contains("涉及多个部门会商");
        var adjusted = audit.historyOf("case", String.valueOf(id)).stream()
                .filter(e -> e.action().equals("casework.case.adjust_deadline")).toList();
        assertThat(adjusted).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("dispatcher1");
            assertThat(e.before()).isEqualTo(standard.toString());
            assertThat(e.after()).contains(later.toString()).contains("涉及多个部门会商");
        });
    }

    @Test
    void a_deadline_left_as_shown_is_the_rule_s_and_needs_no_reason() {
        long county1 = jdbc.queryForObject("SELECT jurisdiction_id FROM staff_account WHERE username = 'dispatcher1'", Long.class);
        long station = jdbc.queryForObject("SELECT unit_id FROM staff_account WHERE username = 'handler'", Long.class);
        var c = intake.receive(new NewCase(CaseType.GRID_EVENT, SourceChannel.GRID_VISIT, county1, null, null, null,
                null, "期限不变 " + UUID.randomUUID() + " 井盖缺失", "环境卫生", null, null));
        long id = c.caseId();
        StaffClient dispatcher = new StaffClient(port);
        dispatcher.login("dispatcher1");
        dispatcher.get("/cases/" + id);
        ok(dispatcher.postForm("/cases/" + id + "/accept", Map.of()));
        ok(dispatcher.postForm("/cases/" + id + "/triage", Map.of("category", "环境卫生", "risk", "LOW",
                "unitId", String.valueOf(station))));
        LocalDate standard = deadlines.dispatchDeadline(CaseType.GRID_EVENT, "环境卫生");
        ok(dispatcher.postForm("/cases/" + id + "/dispatch", Map.of("unitId", String.valueOf(station),
                "due", standard.toString(), "dueShown", standard.toString())));
        assertThat(jdbc.queryForObject("SELECT deadline FROM cases WHERE id = ?", LocalDate.class, id)).isEqualTo(standard);
        assertThat(audit.historyOf("case", String.valueOf(id))).noneMatch(e -> e.action().equals("casework.case.adjust_deadline"));
    }

    private String state(long id) {
        return jdbc.queryForObject("SELECT state FROM cases WHERE id = ?", String.class, id);
    }

    private List<String> comments(long id, String action) {
        return jdbc.queryForList("SELECT comment FROM case_step WHERE case_id = ? AND action = ? ORDER BY id",
                String.class, id, action);
    }

    private static void ok(HttpResponse<String> res) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(302);
    }
}
