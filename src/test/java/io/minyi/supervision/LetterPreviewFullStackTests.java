package io.minyi.supervision;

import io.minyi.casework.CaseIntake;
import io.minyi.casework.CaseType;
import io.minyi.casework.NewCase;
import io.minyi.casework.SourceChannel;
import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 17: a letter by hand is previewed, then issued in the supervisor's centre's name, and followed up. */
@FullStackTest
class LetterPreviewFullStackTests {

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired CaseIntake intake;

    @Test
    void a_letter_is_previewed_then_issued_by_the_supervisors_own_centre_listing_cases_by_tracking_code() throws Exception {
        // a case dispatched to a station: the ladder would write from its county's centre, the city supervisor
        // writes from the city's
        long county1 = jdbc.queryForObject("SELECT jurisdiction_id FROM staff_account WHERE username = 'dispatcher1'", Long.class);
        long unitId = jdbc.queryForObject("SELECT unit_id FROM staff_account WHERE username = 'handler'", Long.class);
        var receipt = intake.receive(new NewCase(CaseType.GRID_EVENT, SourceChannel.GRID_VISIT, county1, null, null,
                null, null, "督办函预览 " + UUID.randomUUID() + " 路灯损坏", "安全隐患", null, null));
        long caseId = receipt.caseId();
        String code = receipt.trackingCode();
        StaffClient dispatcher = new StaffClient(port);
        dispatcher.login("dispatcher1");
        dispatcher.get("/cases/" + caseId);
        dispatcher.postForm("/cases/" + caseId + "/accept", Map.of());
        dispatcher.postForm("/cases/" + caseId + "/triage", Map.of("category", "安全隐患", "risk", "LOW",
                "unitId", String.valueOf(unitId)));
        assertThat(dispatcher.postForm("/cases/" + caseId + "/dispatch", Map.of("unitId", String.valueOf(unitId)))
                .statusCode()).isEqualTo(302);
        // supervision hears of the dispatch after the commit
        long deadline = System.currentTimeMillis() + 20_000;
        while (jdbc.queryForObject("SELECT count(*) FROM supervised_case WHERE case_id = ? AND unit_id = ?",
                Integer.class, caseId, unitId) == 0) {
            assertThat(System.currentTimeMillis()).as("supervision projected the case").isLessThan(deadline);
            Thread.sleep(100);
        }
        String centre = jdbc.queryForObject("""
                SELECT u.name FROM org_unit u JOIN staff_account a ON a.unit_id = u.id WHERE a.username = 'supervisor'""",
                String.class);
        String marker = UUID.randomUUID().toString().substring(0, 6);
        String reason = ("经核查" + marker + "，该单位办理群众反映问题时存在拖延、推诿现象，群众多次反映未果；"
                + "请你单位高度重视，立即组织核查，依法依规处理，并按期书面反馈。").repeat(4);
        Map<String, String> form = Map.of("kind", "SUPERVISION", "unitId", String.valueOf(unitId), "reason", reason,
                "answerWithinWorkingDays", "5", "caseIds", String.valueOf(caseId));
        // this test's own letters only: the ladder and other tests issue letters on the shared database meanwhile
        String ours = "%" + marker + "%";

        StaffClient supervisor = new StaffClient(port);
        supervisor.login("supervisor");
        assertThat(supervisor.get("/supervision/letters/new").body()).contains("/supervision/letters/preview");
        HttpResponse<String> preview = supervisor.postForm("/supervision/letters/preview", form);
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains(centre).contains(code).contains("/cases/" + caseId)
                .contains("id=\"issue-letter\"").contains("文号在发出时编定");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM supervision_letter WHERE reason LIKE ?", Integer.class,
                ours)).as("a preview writes nothing").isZero();

        HttpResponse<String> issued = supervisor.postForm("/supervision/letters", form);
        assertThat(issued.statusCode()).isEqualTo(302);
        long letterId = Long.parseLong(issued.headers().firstValue("Location").orElseThrow().replaceAll(".*/", ""));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM supervision_letter WHERE reason LIKE ?", Integer.class,
                ours)).as("the issued letter is the one this test looks for").isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT centre_name FROM supervision_letter WHERE id = ?", String.class, letterId))
                .isEqualTo(centre);
        String number = jdbc.queryForObject("SELECT number FROM supervision_letter WHERE id = ?", String.class, letterId);

        String page = supervisor.get("/supervision/letters/" + letterId).body();
        assertThat(page).contains(centre).contains(">" + code + "</a>").contains("href=\"/cases/" + caseId + "\"");

        byte[] pdf = supervisor.getBytes("/supervision/letters/" + letterId + ".pdf").body();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains(code).contains(number);
            assertThat(Arrays.stream(text.split("\\R")).map(String::strip).filter(l -> !l.isEmpty()))
                    .as("no line of the letter starts with closing punctuation")
                    .noneMatch(l -> "，。、；：？！）》」』】".indexOf(l.charAt(0)) >= 0);
        }

        String centreList = supervisor.get("/supervision/letters/issued").body();
        assertThat(centreList).contains(number).contains("待签收");
        assertThat(supervisor.get("/supervision/letters/issued?mine=true").body()).contains(number);
        assertThat(supervisor.get("/supervision/letters").body()).contains("/supervision/letters/issued");
    }
}
