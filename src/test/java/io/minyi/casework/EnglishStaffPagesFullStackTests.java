package io.minyi.casework;

import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 17, English mode: what Java used to render in Chinese on staff pages now comes from the bundles. */
@FullStackTest
class EnglishStaffPagesFullStackTests {

    @LocalServerPort int port;
    @Autowired CaseIntake intake;
    @Autowired JdbcTemplate jdbc;

    @Test
    void the_case_page_and_the_score_formula_read_in_english() {
        long county1 = jdbc.queryForObject("SELECT jurisdiction_id FROM staff_account WHERE username = 'dispatcher1'", Long.class);
        long id = intake.receive(new NewCase(CaseType.DISPUTE, SourceChannel.WALK_IN, county1, null, null, null, null,
                "English mode " + UUID.randomUUID(), null, null, null)).caseId();
        StaffClient dispatcher = new StaffClient(port);
        dispatcher.login("dispatcher1");
        String zh = dispatcher.get("/cases/" + id).body();
        assertThat(zh).contains("矛盾纠纷").contains("登记受理");
        String en = dispatcher.get("/cases/" + id + "?lang=en").body();
        assertThat(en).contains("Dispute").contains("Walk-in").contains("Registered").doesNotContain("矛盾纠纷")
                .doesNotContain("登记受理");

        StaffClient supervisor = new StaffClient(port);
        supervisor.login("supervisor");
        assertThat(supervisor.get("/supervision/scores?lang=en").body()).contains("Score = 100")
                .doesNotContain("按期办结率 =");
        assertThat(supervisor.get("/supervision/scores?lang=zh_CN").body()).contains("得分 = 100");
    }
}
