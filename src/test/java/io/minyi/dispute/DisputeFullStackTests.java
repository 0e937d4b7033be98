package io.minyi.dispute;

import io.minyi.support.FullStackTest;
import io.minyi.support.HomeTodos;
import io.minyi.support.StaffClient;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dispute from registration to follow-up over real HTTP: parties encrypted at rest and masked except for the
 * assigned mediator, every view audited; HIGH risk notifies and opens a stabilisation task; assignment with a
 * conflict of interest refused; session, agreement (.docx and PDF), signature, judicial confirmation (late refused,
 * ruling by the tribunal's handler), follow-up not performed → reopened; the ledger export.
 */
@FullStackTest
class DisputeFullStackTests {

    static final Pattern LOCATION = Pattern.compile("/disputes/(\\d+)$");
    static final String ID_NUMBER = "11010519491231002X";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    org.springframework.context.ApplicationContext context;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    io.minyi.dispute.internal.ConfirmationReminders reminders;
    @Autowired
    io.minyi.casework.CaseIntake caseIntake;

    @Test
    void the_mediator_has_work_on_the_desk_from_the_demo_city() {
        StaffClient m = login("mediator");
        HttpResponse<String> home = m.get("/");
        assertThat(home.headers().firstValue("Location").orElse("")).endsWith("/mediation");
        String page = m.get("/mediation").body();
        assertThat(page).contains("今日调解").contains("待回访")
                .contains("司法确认申请期限").contains("务工人员与包工头");
        // the demo's session is today's as of the context's start; a suite running past midnight in China has a new day
        java.time.ZoneId china = java.time.ZoneId.of("Asia/Shanghai");
        if (!page.contains("村委会调解室")) {
            assertThat(java.time.LocalDate.ofInstant(java.time.Instant.ofEpochMilli(context.getStartupDate()), china))
                    .as("the demo's session is missing on the day the demo was made")
                    .isBefore(java.time.LocalDate.now(china));
        }
        assertThat(m.get("/disputes").statusCode()).isEqualTo(200);
        assertThat(m.get("/mediators").statusCode()).isEqualTo(200);
    }

    @Test
    void a_dispute_runs_from_registration_to_follow_up() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        StaffClient d1 = login("dispatcher1");
        long village = jdbc.sql("""
                SELECT j.id FROM jurisdiction j JOIN staff_account s ON j.path LIKE (SELECT path FROM jurisdiction WHERE id = s.jurisdiction_id) || '%'
                WHERE s.username = 'dispatcher1' AND j.level = 'VILLAGE' ORDER BY j.id LIMIT 1""").query(Long.class).single();
        d1.get("/disputes/new");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("jurisdictionId", String.valueOf(village));
        form.put("categoryCode", "NEIGHBOUR");
        form.put("source", "GRID_VISIT");
        form.put("summary", "宅基地边界争执 " + tag);
        form.put("peopleInvolved", "6");
        form.put("partyRole", "APPLICANT");
        form.put("partyKind", "NATURAL");
        form.put("partyName", "甲某" + tag);
        form.put("partyIdNumber", ID_NUMBER);
        form.put("partyPhone", "13811112222");
        form.put("factors", "THREATS");
        HttpResponse<String> res = post(d1, "/disputes/new", withSecond(form, tag));
        assertThat(res.statusCode()).isEqualTo(302);
        long id = idFrom(res);

        // encrypted at rest, masked for the dispatcher, the view audited
        assertThat(jdbc.sql("SELECT id_number_enc FROM dispute_party WHERE dispute_id = ? AND role = 'APPLICANT'")
                .param(id).query(String.class).single()).doesNotContain(ID_NUMBER).isNotBlank();
        String seenByDispatcher = d1.get("/disputes/" + id).body();
        assertThat(seenByDispatcher).doesNotContain(ID_NUMBER).contains("110***********002X");
        assertThat(audits(id, "dispute.dispute.view_parties")).isGreaterThanOrEqualTo(1);
        // the case is in the one pool
        assertThat(jdbc.sql("SELECT type FROM cases c JOIN dispute d ON d.case_id = c.id WHERE d.id = ?").param(id)
                .query(String.class).single()).isEqualTo("DISPUTE");

        // THREATS + PRIOR_VIOLENCE = 6 → HIGH: stabilisation task and the county hears at once
        assertThat(d1.postForm("/disputes/" + id + "/risk", Map.of("factors", "THREATS", "note", "x")).statusCode())
                .isEqualTo(302);
        d1.get("/disputes/" + id);
        HttpResponse<String> high = d1.postForm("/disputes/" + id + "/risk",
                Map.of("factors", "PRIOR_VIOLENCE", "note", "再评估"));
        assertThat(high.statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT risk_level FROM dispute WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo("MEDIUM");
        assertThat(post(d1, "/disputes/" + id + "/risk", List.of(new String[]{"factors", "THREATS"},
                new String[]{"factors", "PRIOR_VIOLENCE"})).statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT risk_level FROM dispute WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo("HIGH");
        assertThat(jdbc.sql("SELECT count(*) FROM stabilisation_task WHERE dispute_id = ? AND closed_at IS NULL")
                .param(id).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM notification n JOIN staff_account s ON s.id = n.staff_id
                WHERE s.username = 'dispatcher1' AND n.link = ? AND n.title LIKE '高风险%'""")
                .param("/disputes/" + id).query(Long.class).single()).isGreaterThanOrEqualTo(1);

        // assignment: ranked suggestions shown, the demo mediator assigned
        long me = jdbc.sql("SELECT m.id FROM mediator m JOIN staff_account s ON s.id = m.staff_id WHERE s.username = 'mediator'")
                .query(Long.class).single();
        String page = d1.get("/disputes/" + id).body();
        assertThat(page).contains("推荐调解员").contains("林调解");
        assertThat(d1.postForm("/disputes/" + id + "/assign", Map.of("mediatorId", String.valueOf(me))).statusCode())
                .isEqualTo(302);

        // only the assigned mediator reads the ID number in clear; the other county sees nothing
        StaffClient m = login("mediator");
        assertThat(m.get("/disputes/" + id).body()).contains(ID_NUMBER).contains("13811112222");
        assertThat(audits(id, "dispute.dispute.view_parties")).isGreaterThanOrEqualTo(2);
        assertThat(login("dispatcher2").get("/disputes/" + id).statusCode()).isEqualTo(404);
        assertThat(login("handler").get("/disputes/" + id).statusCode()).isEqualTo(404);

        // a session, then the agreement
        LocalDateTime start = LocalDateTime.now(ZoneId.of("Asia/Shanghai")).withNano(0).withSecond(0).plusDays(1);
        assertThat(m.postForm("/disputes/" + id + "/sessions", Map.of("start", start.toString(),
                "end", start.plusHours(1).toString(), "place", "司法所调解室", "attendees", "双方当事人",
                "record", "双方同意各退一步。")).statusCode()).isEqualTo(302);
        byte[] photo = ("现场照片 " + tag).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(m.postMultipart("/disputes/" + id + "/sessions", Map.of("start", start.plusHours(3).toString(),
                "end", start.plusHours(4).toString(), "place", "现场", "attendees", "双方当事人", "record", "现场勘查院墙。"),
                "files", "现场.jpg", "image/jpeg", photo).statusCode()).isEqualTo(302);
        long attachment = jdbc.sql("SELECT id FROM mediation_attachment WHERE dispute_id = ?").param(id).query(Long.class).single();
        assertThat(m.getBytes("/disputes/" + id + "/attachments/" + attachment).body()).isEqualTo(photo);
        assertThat(login("dispatcher2").getBytes("/disputes/" + id + "/attachments/" + attachment).statusCode()).isEqualTo(404);
        HttpResponse<String> bad = m.postForm("/disputes/" + id + "/agree", Map.of("facts", "", "terms", "x",
                "performanceManner", "现金", "performanceDeadline", LocalDate.now().plusDays(10).toString()));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("请填写纠纷主要事实");
        assertThat(m.postForm("/disputes/" + id + "/agree", Map.of("facts", "双方因院墙位置发生争执。",
                "terms", "院墙后移三十厘米，费用各半。", "performanceManner", "现场施工",
                "performanceDeadline", LocalDate.now().plusDays(10).toString(), "withoutViolence", "true"))
                .statusCode()).isEqualTo(302);
        HttpResponse<byte[]> docx = m.getBytes("/disputes/" + id + "/agreement.docx");
        assertThat(docx.statusCode()).isEqualTo(200);
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx.body()))) {
            String text = doc.getParagraphs().stream().map(p -> p.getText()).reduce("", String::concat);
            assertThat(text).contains("人民调解协议书").contains("甲某" + tag).contains(ID_NUMBER)
                    .contains("院墙后移三十厘米").contains("林调解");
        }
        HttpResponse<byte[]> pdf = m.getBytes("/disputes/" + id + "/agreement.pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            assertThat(new PDFTextStripper().getText(doc)).contains("人民调解协议书").contains("院墙后移");
        }
        // the dispatcher's copy is masked
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(d1.getBytes("/disputes/" + id + "/agreement.docx").body()))) {
            assertThat(doc.getParagraphs().stream().map(p -> p.getText()).reduce("", String::concat)).doesNotContain(ID_NUMBER);
        }
        assertThat(jdbc.sql("SELECT status, prevented FROM dispute WHERE id = ?").param(id)
                .query((rs, n) -> rs.getString(1) + rs.getBoolean(2)).single()).isEqualTo("AGREEDfalse");

        // signed on paper: in effect, follow-ups scheduled; apply in time to the county's tribunal
        assertThat(m.postForm("/disputes/" + id + "/sign", Map.of("how", "PAPER")).statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT count(*) FROM follow_up WHERE dispute_id = ?").param(id).query(Long.class).single())
                .isEqualTo(2);
        long tribunal = jdbc.sql("SELECT id FROM unit WHERE code = 'U-0001-20'").query(Long.class).single();
        HttpResponse<String> early = m.postForm("/disputes/" + id + "/confirmation", Map.of("courtUnitId",
                String.valueOf(tribunal), "appliedOn", LocalDate.now().plusDays(3).toString()));
        assertThat(early.statusCode()).isEqualTo(400);
        assertThat(m.postForm("/disputes/" + id + "/confirmation", Map.of("courtUnitId", String.valueOf(tribunal),
                "appliedOn", LocalDate.now(ZoneId.of("Asia/Shanghai")).toString())).statusCode()).isEqualTo(302);

        // the tribunal's handler records the ruling from their inbox; a ruling dated before the application is refused
        String court = courtHandler(tribunal);
        StaffClient c = login(court);
        assertThat(c.get("/disputes/confirmations").body()).contains("/disputes/" + id).contains("class=\"pager\"");
        long awaiting = jdbc.sql("SELECT count(*) FROM judicial_confirmation WHERE court_unit_id = ? AND status = 'APPLIED'")
                .param(tribunal).query(Long.class).single();
        assertThat(awaiting).isPositive();
        assertThat(HomeTodos.count(c, "/disputes/confirmations"))
                .as("the court's home counts the applications awaiting its ruling").isEqualTo(awaiting);
        // the court's menu leads to its inbox; a police station's handler is not shown a court's inbox
        assertThat(c.get("/inbox").body()).contains("href=\"/disputes/confirmations\"");
        assertThat(login("handler").get("/inbox").body()).doesNotContain("href=\"/disputes/confirmations\"");
        assertThat(c.get("/disputes/" + id).body()).doesNotContain(ID_NUMBER).contains("记录裁定");
        HttpResponse<String> backdated = c.postForm("/disputes/" + id + "/ruling", Map.of("status", "CONFIRMED",
                "rulingNo", "（2026）调确字第1号", "ruledOn", LocalDate.now().minusDays(5).toString()));
        assertThat(backdated.statusCode()).isEqualTo(409);
        assertThat(backdated.body()).contains("裁定日期早于申请日期");
        assertThat(c.postForm("/disputes/" + id + "/ruling", Map.of("status", "CONFIRMED",
                "rulingNo", "（2026）调确字第" + tag + "号", "ruledOn", LocalDate.now(ZoneId.of("Asia/Shanghai")).toString()))
                .statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT status FROM judicial_confirmation WHERE dispute_id = ?").param(id)
                .query(String.class).single()).isEqualTo("CONFIRMED");
        assertThat(m.postForm("/disputes/" + id + "/ruling", Map.of("status", "CONFIRMED", "rulingNo", "x",
                "ruledOn", LocalDate.now().toString())).statusCode()).isEqualTo(403);

        // follow-up: not performed → the mediator reopens
        long followUp = jdbc.sql("SELECT id FROM follow_up WHERE dispute_id = ? ORDER BY due_on LIMIT 1").param(id)
                .query(Long.class).single();
        assertThat(m.postForm("/disputes/" + id + "/follow-ups/" + followUp, Map.of("performance", "NOT_PERFORMED",
                "note", "未后移院墙", "reopen", "true")).statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT status FROM dispute WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo("MEDIATING");

        // the ledger export carries the row
        HttpResponse<byte[]> xlsx = d1.getBytes("/disputes/ledger.xlsx?category=NEIGHBOUR");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            boolean found = false;
            for (var row : wb.getSheetAt(0)) {
                if (row.getRowNum() > 0 && (long) row.getCell(0).getNumericCellValue() == id) {
                    found = true;
                    assertThat(row.getCell(7).getStringCellValue()).contains(tag);
                    assertThat(row.getCell(16).getStringCellValue()).contains("裁定有效");
                }
            }
            assertThat(found).isTrue();
        }
    }

    @Test
    void a_late_application_and_a_conflicted_mediator_are_refused_with_the_reason() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        StaffClient d1 = login("dispatcher1");
        long county = jdbc.sql("SELECT jurisdiction_id FROM staff_account WHERE username = 'dispatcher1'").query(Long.class).single();
        d1.get("/disputes/new");
        Map<String, String> form = new LinkedHashMap<>(Map.of("jurisdictionId", String.valueOf(county),
                "categoryCode", "LABOUR", "source", "WALK_IN", "summary", "欠薪 " + tag, "partyRole", "APPLICANT",
                "partyKind", "NATURAL", "partyName", "丙某"));
        long id = idFrom(post(d1, "/disputes/new", withSecond(form, tag)));
        long me = jdbc.sql("SELECT m.id FROM mediator m JOIN staff_account s ON s.id = m.staff_id WHERE s.username = 'mediator'")
                .query(Long.class).single();
        d1.get("/disputes/" + id);
        assertThat(d1.postForm("/disputes/" + id + "/assign", Map.of("mediatorId", String.valueOf(me))).statusCode()).isEqualTo(302);
        StaffClient m = login("mediator");
        m.get("/disputes/" + id);
        assertThat(m.postForm("/disputes/" + id + "/conflict", Map.of("reason", "申请人系本人表亲")).statusCode()).isEqualTo(302);
        assertThat(m.get("/disputes/" + id).statusCode()).isEqualTo(404);
        HttpResponse<String> refused = d1.postForm("/disputes/" + id + "/assign", Map.of("mediatorId", String.valueOf(me)));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("回避");
        // another mediator takes it, reaches an agreement, and the parties come back after 31 days
        long other = jdbc.sql("SELECT id FROM mediator WHERE staff_id IS NULL AND kind = 'FULL_TIME' ORDER BY id LIMIT 1")
                .query(Long.class).single();
        long otherStaff = mediatorAccount(other, tag);
        assertThat(d1.postForm("/disputes/" + id + "/assign", Map.of("mediatorId", String.valueOf(other))).statusCode()).isEqualTo(302);
        StaffClient o = login("med_" + tag);
        o.get("/disputes/" + id);
        assertThat(o.postForm("/disputes/" + id + "/agree", Map.of("facts", "欠薪", "terms", "三日内付清",
                "performanceManner", "转账", "performanceDeadline", LocalDate.now().plusDays(3).toString())).statusCode()).isEqualTo(302);
        assertThat(o.postForm("/disputes/" + id + "/sign", Map.of("how", "PAPER")).statusCode()).isEqualTo(302);
        // day 20 of the window: the mediator is reminded once
        jdbc.sql("UPDATE mediation_agreement SET effective_on = effective_on - 19 WHERE dispute_id = ?").param(id).update();
        reminders.remindDue();
        reminders.remindDue();
        assertThat(jdbc.sql("SELECT count(*) FROM notification WHERE staff_id = ? AND link = ? AND title LIKE '司法确认申请期限%'")
                .params(otherStaff, "/disputes/" + id).query(Long.class).single()).isEqualTo(1);
        jdbc.sql("UPDATE mediation_agreement SET effective_on = effective_on - 12 WHERE dispute_id = ?").param(id).update();
        long tribunal = jdbc.sql("SELECT id FROM unit WHERE code = 'U-0001-20'").query(Long.class).single();
        HttpResponse<String> late = o.postForm("/disputes/" + id + "/confirmation", Map.of("courtUnitId",
                String.valueOf(tribunal), "appliedOn", LocalDate.now(ZoneId.of("Asia/Shanghai")).toString()));
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(late.body()).contains("三十日").contains("第三十三条");
        assertThat(jdbc.sql("SELECT count(*) FROM judicial_confirmation WHERE dispute_id = ?").param(id)
                .query(Long.class).single()).isZero();
        assertThat(otherStaff).isPositive();
    }

    @Test
    void an_organisation_head_sees_and_assigns_within_the_organisation_only() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        long org = jdbc.sql("SELECT id FROM mediation_org WHERE kind = 'TOWNSHIP_COMMITTEE' AND code LIKE 'MO-%' AND code NOT LIKE '%-00' ORDER BY id LIMIT 1")
                .query(Long.class).single();
        long head = jdbc.sql("""
                INSERT INTO staff_account (username, display_name, password_hash, roles, unit_id, jurisdiction_id)
                SELECT ?, '调委会主任', ?, ARRAY['MEDIATOR'], unit_id, jurisdiction_id FROM staff_account WHERE username = 'mediator'
                RETURNING id""").params("head_" + tag, passwords.encode(StaffClient.DEMO_PASSWORD)).query(Long.class).single();
        jdbc.sql("UPDATE mediation_org SET head_staff_id = ? WHERE id = ?").params(head, org).update();
        long inOrg = jdbc.sql("SELECT id FROM mediator WHERE org_id = ? ORDER BY id LIMIT 1").param(org).query(Long.class).single();
        long inOrg2 = jdbc.sql("SELECT id FROM mediator WHERE org_id = ? ORDER BY id OFFSET 1 LIMIT 1").param(org).query(Long.class).single();
        long outside = jdbc.sql("SELECT id FROM mediator WHERE org_id <> ? AND kind <> 'DUTY_LAWYER' ORDER BY id LIMIT 1").param(org)
                .query(Long.class).single();

        StaffClient d1 = login("dispatcher1");
        long county = jdbc.sql("SELECT jurisdiction_id FROM staff_account WHERE username = 'dispatcher1'").query(Long.class).single();
        d1.get("/disputes/new");
        long ours = idFrom(post(d1, "/disputes/new", withSecond(new LinkedHashMap<>(Map.of("jurisdictionId", String.valueOf(county),
                "categoryCode", "NEIGHBOUR", "source", "WALK_IN", "summary", "调委会 " + tag, "partyRole", "APPLICANT",
                "partyKind", "NATURAL", "partyName", "丁某")), tag)));
        long theirs = idFrom(post(d1, "/disputes/new", withSecond(new LinkedHashMap<>(Map.of("jurisdictionId", String.valueOf(county),
                "categoryCode", "NEIGHBOUR", "source", "WALK_IN", "summary", "他会 " + tag, "partyRole", "APPLICANT",
                "partyKind", "NATURAL", "partyName", "戊某")), tag)));
        d1.get("/disputes/" + ours);
        assertThat(d1.postForm("/disputes/" + ours + "/assign", Map.of("mediatorId", String.valueOf(inOrg))).statusCode()).isEqualTo(302);
        assertThat(d1.postForm("/disputes/" + theirs + "/assign", Map.of("mediatorId", String.valueOf(outside))).statusCode()).isEqualTo(302);

        StaffClient h = login("head_" + tag);
        assertThat(h.get("/disputes").body()).contains("调委会 " + tag).doesNotContain("他会 " + tag);
        assertThat(h.get("/disputes/" + theirs).statusCode()).isEqualTo(404);
        String page = h.get("/disputes/" + ours).body();
        assertThat(page).contains("assign-form").doesNotContain(ID_NUMBER);
        HttpResponse<String> refused = h.postForm("/disputes/" + ours + "/assign", Map.of("mediatorId", String.valueOf(outside)));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("不属于您负责的调解组织");
        assertThat(h.postForm("/disputes/" + ours + "/assign", Map.of("mediatorId", String.valueOf(inOrg2),
                "replacing", String.valueOf(inOrg), "note", "工作调整")).statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT end_reason FROM dispute_assignment WHERE dispute_id = ? AND mediator_id = ?")
                .params(ours, inOrg).query(String.class).single()).isEqualTo("REASSIGNED");
        assertThat(audits(ours, "dispute.dispute.reassign")).isEqualTo(1);
    }

    @Test
    void a_dispute_entering_the_pool_another_way_gets_its_mediation_record() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        long county = jdbc.sql("SELECT jurisdiction_id FROM staff_account WHERE username = 'dispatcher1'").query(Long.class).single();
        long caseId = caseIntake.receive(new io.minyi.casework.NewCase(io.minyi.casework.CaseType.DISPUTE,
                io.minyi.casework.SourceChannel.HOTLINE, county, null, null, "来电人", "13600001111",
                "楼上漏水与邻居争执 " + tag, null, null, null)).caseId();
        String summary = null;
        for (int i = 0; i < 100 && summary == null; i++) {
            summary = jdbc.sql("SELECT summary FROM dispute WHERE case_id = ?").param(caseId).query(String.class)
                    .optional().orElse(null);
            if (summary == null) {
                Thread.sleep(100);
            }
        }
        assertThat(summary).isEqualTo("楼上漏水与邻居争执 " + tag);
        assertThat(jdbc.sql("SELECT source FROM dispute WHERE case_id = ?").param(caseId).query(String.class).single())
                .isEqualTo("HOTLINE");
    }

    /** The form's fields plus a second party row (a respondent), posted as repeated fields as the form does. */
    private List<String[]> withSecond(Map<String, String> first, String tag) {
        List<String[]> pairs = new ArrayList<>();
        first.forEach((k, v) -> pairs.add(new String[]{k, v}));
        for (String[] p : List.of(new String[]{"partyRole", "RESPONDENT"}, new String[]{"partyKind", "NATURAL"},
                new String[]{"partyName", "乙某" + tag}, new String[]{"partyIdNumber", ""},
                new String[]{"partyPhone", ""}, new String[]{"partyAddress", ""})) {
            pairs.add(p);
        }
        if (!first.containsKey("partyIdNumber")) {
            pairs.add(new String[]{"partyIdNumber", ""});
        }
        return pairs;
    }

    private HttpResponse<String> post(StaffClient c, String path, List<String[]> pairs) {
        StringBuilder body = new StringBuilder("_csrf=" + enc(c.csrfToken()));
        for (String[] p : pairs) {
            body.append('&').append(enc(p[0])).append('=').append(enc(p[1]));
        }
        return c.send(HttpRequest.newBuilder(URI.create(c.baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private long idFrom(HttpResponse<String> res) {
        String location = res.headers().firstValue("Location").orElseThrow();
        Matcher mm = LOCATION.matcher(location);
        assertThat(mm.find()).as(location + " " + res.body()).isTrue();
        return Long.parseLong(mm.group(1));
    }

    private long audits(long id, String action) {
        return jdbc.sql("SELECT count(*) FROM audit_event WHERE action = ? AND record_id = ?")
                .params(action, String.valueOf(id)).query(Long.class).single();
    }

    /** A county's dispatcher puts on its centre's rota, and records consultations of, its own county's lawyers only. */
    @Test
    void the_rota_and_the_consultations_take_only_the_lawyers_of_the_dispatchers_own_county() {
        String path1 = pathOf("dispatcher1");
        String path2 = pathOf("dispatcher2");
        long centre2 = jdbc.sql("""
                        SELECT u.id FROM unit u JOIN jurisdiction j ON j.id = u.jurisdiction_id
                        WHERE u.type = 'GOVERNANCE_CENTRE' AND j.path LIKE ? ORDER BY u.id LIMIT 1""")
                .param(path2 + "%").query(Long.class).single();
        String lawyers = """
                SELECT m.id FROM mediator m JOIN mediation_org o ON o.id = m.org_id
                WHERE m.kind = 'DUTY_LAWYER' AND m.active AND o.jurisdiction_path LIKE ? ORDER BY m.id LIMIT 1""";
        long foreign = jdbc.sql(lawyers).param(path1 + "%").query(Long.class).single();
        String tomorrow = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1).toString();
        StaffClient dispatcher2 = login("dispatcher2");
        dispatcher2.get("/mediators");
        long before = jdbc.sql("SELECT count(*) FROM duty_rota WHERE mediator_id = ?").param(foreign)
                .query(Long.class).single();
        HttpResponse<String> rota = dispatcher2.postForm("/mediators/rota", Map.of("centreUnitId",
                String.valueOf(centre2), "on", tomorrow, "lawyerId", String.valueOf(foreign)));
        assertThat(rota.statusCode()).isEqualTo(400);
        assertThat(rota.body()).contains("值班律师");
        HttpResponse<String> advice = dispatcher2.postForm("/mediators/consultations", Map.of("centreUnitId",
                String.valueOf(centre2), "lawyerId", String.valueOf(foreign), "topic", "劳动合同咨询", "people", "2"));
        assertThat(advice.statusCode()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT count(*) FROM duty_rota WHERE mediator_id = ?").param(foreign)
                .query(Long.class).single()).isEqualTo(before);
        assertThat(jdbc.sql("SELECT count(*) FROM legal_consultation WHERE mediator_id = ? AND centre_unit_id = ?")
                .params(foreign, centre2).query(Long.class).single()).isZero();

        jdbc.sql(lawyers).param(path2 + "%").query(Long.class).optional().ifPresent(own -> {
            HttpResponse<String> ok = dispatcher2.postForm("/mediators/rota", Map.of("centreUnitId",
                    String.valueOf(centre2), "on", tomorrow, "lawyerId", String.valueOf(own)));
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(302);
        });
    }

    private String pathOf(String username) {
        return jdbc.sql("SELECT j.path FROM staff_account s JOIN jurisdiction j ON j.id = s.jurisdiction_id WHERE s.username = ?")
                .param(username).query(String.class).single();
    }

    private StaffClient login(String user) {
        StaffClient c = new StaffClient(port);
        assertThat(c.login(user).statusCode()).isEqualTo(302);
        c.get("/login");
        return c;
    }

    private String courtHandler(long tribunal) {
        jdbc.sql("""
                INSERT INTO staff_account (username, display_name, password_hash, roles, unit_id, jurisdiction_id)
                SELECT 'dispute_court', '人民法庭承办人', ?, ARRAY['UNIT_HANDLER'], u.id, u.jurisdiction_id FROM unit u WHERE u.id = ?
                ON CONFLICT (username) DO NOTHING""")
                .params(passwords.encode(StaffClient.DEMO_PASSWORD), tribunal).update();
        return "dispute_court";
    }

    private long mediatorAccount(long mediatorId, String tag) {
        long staff = jdbc.sql("""
                INSERT INTO staff_account (username, display_name, password_hash, roles, unit_id, jurisdiction_id)
                SELECT ?, '测试调解员', ?, ARRAY['MEDIATOR'], unit_id, jurisdiction_id FROM staff_account WHERE username = 'mediator'
                RETURNING id""").params("med_" + tag, passwords.encode(StaffClient.DEMO_PASSWORD)).query(Long.class).single();
        jdbc.sql("UPDATE mediator SET staff_id = ? WHERE id = ?").params(staff, mediatorId).update();
        return staff;
    }
}
