package io.minyi.integration;

import io.minyi.casework.CaseIntake;
import io.minyi.casework.CaseType;
import io.minyi.casework.NewCase;
import io.minyi.casework.SourceChannel;
import io.minyi.support.FullStackTest;
import io.minyi.support.HomeTodos;
import io.minyi.support.StaffClient;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@FullStackTest
class DisciplineAndOrgDepartmentFullStackTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CaseIntake intake;
    @Autowired
    TransactionTemplate tx;

    @Test
    void clues_reach_discipline_at_intake_and_after_substantiation_and_the_decision_lands_on_the_officers_record()
            throws Exception {
        long station = jdbc.queryForObject("SELECT unit_id FROM staff_account WHERE username = 'handler'", Long.class);
        long handlerOfficer = jdbc.queryForObject("SELECT officer_id FROM staff_account WHERE username = 'handler'",
                Long.class);
        long officer = jdbc.queryForObject("SELECT id FROM officer WHERE unit_id = ? AND id <> ? ORDER BY id LIMIT 1",
                Long.class, station, handlerOfficer);
        String officerName = jdbc.queryForObject("SELECT name FROM officer WHERE id = ?", String.class, officer);
        long county1 = jdbc.queryForObject("SELECT jurisdiction_id FROM staff_account WHERE username = 'dispatcher1'",
                Long.class);
        String secretWords = "办案民警索要好处费" + UUID.randomUUID().toString().substring(0, 6);

        // 1. transferred at intake
        CaseIntake.Receipt first = tx.execute(s -> intake.receive(new NewCase(CaseType.CLUE, SourceChannel.WALK_IN,
                county1, null, officer, "钱七", "13512345678", secretWords, "执法作风", null, null)));
        StaffClient dispatcher = new StaffClient(port);
        dispatcher.login("dispatcher1");
        dispatcher.get("/cases/" + first.caseId());
        ok(dispatcher.postForm("/cases/" + first.caseId() + "/transfer", Map.of("target", "DISCIPLINE",
                "reason", "涉嫌违纪，移送纪检监察")));
        long t1 = await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForList(
                "SELECT id FROM discipline_transfer WHERE case_id = ?", Long.class, first.caseId()), l -> !l.isEmpty())
                .getFirst();

        // 2. substantiated, then handed over
        CaseIntake.Receipt second = tx.execute(s -> intake.receive(new NewCase(CaseType.CLUE, SourceChannel.WALK_IN,
                county1, null, officer, null, null, secretWords + "（二）", "执法作风", null, null)));
        long id2 = second.caseId();
        dispatcher.get("/cases/" + id2);
        ok(dispatcher.postForm("/cases/" + id2 + "/accept", Map.of()));
        ok(dispatcher.postForm("/cases/" + id2 + "/triage", Map.of("category", "执法作风", "risk", "MEDIUM",
                "unitId", String.valueOf(station))));
        ok(dispatcher.postForm("/cases/" + id2 + "/dispatch", Map.of("unitId", String.valueOf(station))));
        assertThat(dispatcher.postForm("/discipline/handover/" + id2, Map.of("reason", "尚未查实")).statusCode())
                .isEqualTo(409);
        StaffClient leader = new StaffClient(port);
        leader.login("unitleader");
        leader.get("/cases/" + id2);
        ok(leader.postForm("/cases/" + id2 + "/sign", Map.of()));
        leader.get("/cases/" + id2);
        ok(leader.postMultipart("/cases/" + id2 + "/report", Map.of("outcome", "SUBSTANTIATED",
                "findings", "经查属实，已责令退还", "personsDisciplined", "1"), "evidence", "询问笔录.pdf", "application/pdf",
                "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        HttpResponse<String> page = dispatcher.get("/cases/" + id2);
        assertThat(page.body()).contains("/discipline/handover/" + id2);
        ok(dispatcher.postForm("/discipline/handover/" + id2, Map.of("reason", "查实，移送追责")));
        long t2 = await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForList(
                "SELECT id FROM discipline_transfer WHERE case_id = ? AND route = 'AFTER_SUBSTANTIATION'", Long.class,
                id2), l -> !l.isEmpty()).getFirst();

        // 3. discipline lists both, opens the package, records decisions
        StaffClient discipline = new StaffClient(port);
        discipline.login("discipline");
        assertThat(discipline.get("/").body()).contains("/discipline");
        // the home page counts the hand-overs waiting for a decision, both of these among them
        long pending = HomeTodos.count(discipline, "/discipline?state=PENDING");
        assertThat(pending).isGreaterThanOrEqualTo(2);
        HttpResponse<String> list = discipline.get("/discipline");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(first.trackingCode(), second.trackingCode(), "查实后移送", "受理时转办");
        assertThat(list.body()).contains("class=\"pager\"");
        // searched by a tracking code as people type it (lower case, a dash), or by the officer's name
        String typed = first.trackingCode().toLowerCase(java.util.Locale.ROOT).substring(0, 4) + "-"
                + first.trackingCode().toLowerCase(java.util.Locale.ROOT).substring(4);
        String byCode = discipline.get("/discipline?q=" + typed).body();
        assertThat(byCode).contains(first.trackingCode()).doesNotContain(second.trackingCode());
        assertThat(discipline.get("/discipline?state=PENDING&q=" + java.net.URLEncoder.encode(officerName,
                java.nio.charset.StandardCharsets.UTF_8)).body()).contains(first.trackingCode(), second.trackingCode());
        HttpResponse<String> tooLong = discipline.get("/discipline?q=" + "x".repeat(51));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("搜索内容不能超过50个字");
        assertThat(discipline.get("/discipline/" + t2).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> pdf = discipline.getBytes("/discipline/" + t2 + "/ledger.pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        try (var doc = Loader.loadPDF(pdf.body())) {
            assertThat(new PDFTextStripper().getText(doc)).contains(second.trackingCode(), "移送纪检监察");
        }
        HttpResponse<byte[]> zip = discipline.getBytes("/discipline/" + t2 + "/evidence.zip");
        assertThat(zip.statusCode()).isEqualTo(200);
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            assertThat(in.getNextEntry().getName()).isEqualTo("询问笔录.pdf");
        }
        String today = LocalDate.now().toString();
        discipline.get("/discipline/" + t2);
        assertThat(discipline.postForm("/discipline/" + t2 + "/decision", Map.of("state", "NOT_FILED",
                "sanction", "警告", "decidedOn", today)).statusCode()).isEqualTo(400);
        ok(discipline.postForm("/discipline/" + t2 + "/decision", Map.of("state", "FILED", "sanction", "记过",
                "decidedOn", today, "note", "给予记过处分")));
        ok(discipline.postForm("/discipline/" + t1 + "/decision", Map.of("state", "NOT_FILED", "decidedOn", today)));
        assertThat(discipline.postForm("/discipline/" + t1 + "/decision", Map.of("state", "FILED",
                "decidedOn", today)).statusCode()).isEqualTo(400);
        assertThat(HomeTodos.count(discipline, "/discipline?state=PENDING")).isEqualTo(pending - 2);
        assertThat(jdbc.queryForList("SELECT action FROM case_step WHERE case_id = ? ORDER BY id", String.class, id2))
                .contains("DISCIPLINE_HANDOVER", "DISCIPLINE_RESULT");
        HttpResponse<String> filed = discipline.get("/discipline?state=FILED");
        assertThat(filed.statusCode()).isEqualTo(200);
        assertThat(filed.body()).contains(second.trackingCode()).doesNotContain(first.trackingCode());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE action = 'integration.discipline_transfer.view' "
                + "AND record_id = ?", Long.class, String.valueOf(id2))).isPositive();

        // 4. the organisation department reads the officer's record: findings and decisions, never the words
        StaffClient org = new StaffClient(port);
        org.login("orgdept");
        assertThat(org.get("/").body()).contains("/orgdept/officers");
        assertThat(org.get("/orgdept/officers?q=" + java.net.URLEncoder.encode(officerName,
                java.nio.charset.StandardCharsets.UTF_8)).body()).contains("/orgdept/officers/" + officer);
        HttpResponse<String> record = org.get("/orgdept/officers/" + officer);
        assertThat(record.statusCode()).isEqualTo(200);
        // the case by its number, not by the raiser's tracking code (the key to the tracking page and its rating)
        assertThat(record.body()).contains("<td>" + id2 + "</td>", "查实", "记过", "立案", "不予立案")
                .doesNotContain(secretWords, "钱七", "135****5678", "经查属实", second.trackingCode());
        assertThat(org.get("/orgdept/officers/" + officer + "?year=2025").statusCode()).isEqualTo(200);
        HttpResponse<byte[]> certificate = org.getBytes("/orgdept/officers/" + officer + "/certificate.pdf");
        assertThat(certificate.statusCode()).isEqualTo(200);
        try (var doc = Loader.loadPDF(certificate.body())) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains(officerName, "记过", String.valueOf(id2))
                    .doesNotContain(secretWords, second.trackingCode());
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE actor = 'orgdept' AND record_id = ? "
                + "AND action IN ('integration.officer_record.view', 'integration.officer_record.print_certificate')", Long.class,
                String.valueOf(officer))).isEqualTo(3L);
        assertThat(org.get("/cases/" + id2).statusCode()).as("the case itself is out of its sight, as any case out of "
                + "scope").isEqualTo(404);
        assertThat(org.get("/discipline").statusCode()).isEqualTo(403);
        assertThat(org.postForm("/discipline/" + t2 + "/decision", Map.of("state", "FILED", "decidedOn", today))
                .statusCode()).isEqualTo(403);
        assertThat(discipline.get("/orgdept/officers").statusCode()).isEqualTo(403);

        // 5. an organisation department account linked to the officer does not read the officer's own record
        String own = "orgdept_" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.update("""
                INSERT INTO staff_account (username, display_name, password_hash, roles, unit_id, jurisdiction_id, officer_id)
                SELECT ?, '组织部干部', password_hash, roles, unit_id, jurisdiction_id, ? FROM staff_account
                WHERE username = 'orgdept'""", own, officer);
        StaffClient self = new StaffClient(port);
        self.login(own);
        assertThat(self.get("/orgdept/officers/" + officer).statusCode()).isEqualTo(404);
        assertThat(self.getBytes("/orgdept/officers/" + officer + "/certificate.pdf").statusCode()).isEqualTo(404);
        assertThat(self.get("/orgdept/officers/" + handlerOfficer).statusCode()).isEqualTo(200);
    }

    private static void ok(HttpResponse<String> res) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(302);
    }
}
