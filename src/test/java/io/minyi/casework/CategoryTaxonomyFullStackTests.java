package io.minyi.casework;

import io.minyi.audit.AuditTrail;
import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 17: the category at triage comes from the administrator's taxonomy per case type, not free text. */
@FullStackTest
class CategoryTaxonomyFullStackTests {

    @LocalServerPort int port;
    @Autowired CaseIntake intake;
    @Autowired JdbcTemplate jdbc;
    @Autowired AuditTrail audit;

    @Test
    void triage_offers_the_active_categories_of_the_case_type_and_refuses_any_other() {
        String name = "窗口" + UUID.randomUUID().toString().substring(0, 6);
        StaffClient admin = new StaffClient(port);
        admin.login("admin");
        String list = admin.get("/admin/categories").body();
        assertThat(list).as("seeded with today's categories").contains("执法作风").contains("邻里纠纷").contains("安全隐患");
        long parent = jdbc.queryForObject("SELECT id FROM case_category WHERE type = 'CLUE' AND name = '执法作风'", Long.class);
        ok(admin.postForm("/admin/categories", Map.of("type", "CLUE", "name", name, "parentId", String.valueOf(parent))));
        long id = jdbc.queryForObject("SELECT id FROM case_category WHERE type = 'CLUE' AND name = ?", Long.class, name);
        assertThat(admin.get("/admin/categories").body()).contains("执法作风 / " + name);
        assertThat(admin.postForm("/admin/categories", Map.of("type", "CLUE", "name", name)).statusCode())
                .as("a name twice in one type").isEqualTo(400);

        long county1 = jdbc.queryForObject("SELECT jurisdiction_id FROM staff_account WHERE username = 'dispatcher1'", Long.class);
        long station = jdbc.queryForObject("SELECT unit_id FROM staff_account WHERE username = 'handler'", Long.class);
        long clue = intake.receive(new NewCase(CaseType.CLUE, SourceChannel.WALK_IN, county1, null, null, null, null,
                "窗口人员推诿 " + name, null, null, null)).caseId();
        long dispute = intake.receive(new NewCase(CaseType.DISPUTE, SourceChannel.WALK_IN, county1, null, null, null,
                null, "邻居噪音 " + name, null, null, null)).caseId();
        StaffClient dispatcher = new StaffClient(port);
        dispatcher.login("dispatcher1");
        for (long c : new long[]{clue, dispute}) {
            dispatcher.get("/cases/" + c);
            ok(dispatcher.postForm("/cases/" + c + "/accept", Map.of()));
        }
        assertThat(dispatcher.get("/cases/" + clue).body()).contains("<select name=\"category\"")
                .contains("value=\"" + name + "\"").doesNotContain("<input name=\"category\"");
        assertThat(dispatcher.get("/cases/" + dispute).body()).as("another type's categories are not offered")
                .doesNotContain("value=\"" + name + "\"").contains("value=\"邻里纠纷\"");

        HttpResponse<String> freeText = dispatcher.postForm("/cases/" + clue + "/triage", Map.of("category", "随便写的",
                "risk", "LOW", "unitId", String.valueOf(station)));
        assertThat(freeText.statusCode()).isEqualTo(409);
        assertThat(freeText.body()).contains("请从类别目录中选择");
        assertThat(dispatcher.postForm("/cases/" + dispute + "/triage", Map.of("category", name, "risk", "LOW",
                "unitId", String.valueOf(station))).statusCode()).as("a clue's category on a dispute").isEqualTo(409);

        admin.get("/admin/categories");
        ok(admin.postForm("/admin/categories/" + id + "/active", Map.of("active", "false")));
        assertThat(dispatcher.get("/cases/" + clue).body()).doesNotContain("value=\"" + name + "\"");
        assertThat(dispatcher.postForm("/cases/" + clue + "/triage", Map.of("category", name, "risk", "LOW",
                "unitId", String.valueOf(station))).statusCode()).as("a retired category").isEqualTo(409);

        ok(admin.postForm("/admin/categories/" + id + "/active", Map.of("active", "true")));
        dispatcher.get("/cases/" + clue);
        ok(dispatcher.postForm("/cases/" + clue + "/triage", Map.of("category", name, "risk", "LOW",
                "unitId", String.valueOf(station))));
        assertThat(jdbc.queryForObject("SELECT category FROM cases WHERE id = ?", String.class, clue)).isEqualTo(name);
        assertThat(audit.historyOf("case_category", String.valueOf(id))).extracting(AuditTrail.AuditEvent::action)
                .containsExactly("casework.case_category.create", "casework.case_category.deactivate",
                        "casework.case_category.activate");
    }

    private static void ok(HttpResponse<String> res) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(302);
    }
}
