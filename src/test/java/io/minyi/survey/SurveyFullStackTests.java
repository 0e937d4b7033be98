package io.minyi.survey;

import io.minyi.casework.CaseIntake;
import io.minyi.casework.CaseType;
import io.minyi.casework.NewCase;
import io.minyi.casework.SourceChannel;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.support.FullStackTest;
import io.minyi.support.SubjectOfficers;
import io.minyi.support.StaffClient;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A satisfaction survey end to end over HTTP: a campaign with a questionnaire, an imported list, SMS invitations
 * with personal links answered by residents, a telephone interview recorded by staff, and the figures that follow —
 * on the campaign page, the export and the dashboard's figures. Then a perception survey and a published rank.
 */
@FullStackTest
class SurveyFullStackTests {

    private static final Pattern LINK = Pattern.compile("/public/s/([A-Za-z0-9_-]{20,64})");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired OrgDirectory org;
    @Autowired SurveyFigures figures;
    @Autowired Clock clock;
    @Autowired CaseIntake intake;

    /**
     * The whistle-blower rule (decision 0010) on the telephone list: the raiser of a clue about an officer is not on
     * the list of that officer's own account, and their number is not shown to it; another caller reaches them.
     */
    @Test
    void the_raiser_of_a_clue_is_not_called_by_the_officer_it_names() {
        String t = digits(6);
        long station = jdbc.sql("SELECT unit_id FROM staff_account WHERE username = 'handler'").query(Long.class).single();
        long county1 = jdbc.sql("SELECT jurisdiction_id FROM staff_account WHERE username = 'dispatcher1'")
                .query(Long.class).single();
        long x = SubjectOfficers.officer(jdbc, station, "回访对象");
        String own = SubjectOfficers.accountOf(jdbc, x, "supervisor");
        String phone = "1397" + t + "1";
        long clue = intake.receive(new NewCase(CaseType.CLUE, SourceChannel.WALK_IN, county1, null, x, "举报人", phone,
                "民警态度恶劣 " + t, null, null, null)).caseId();

        StaffClient supervisor = new StaffClient(port);
        supervisor.login("supervisor");
        supervisor.get("/surveys");
        LocalDate today = LocalDate.now(clock);
        var created = supervisor.postForm("/surveys", Map.of("kind", "SATISFACTION", "name", "回访-" + t,
                "jurisdictionId", String.valueOf(org.root().id()), "startsOn", today.toString(),
                "endsOn", today.plusDays(30).toString(), "maxAttempts", "2"));
        assertThat(created.statusCode()).isEqualTo(302);
        String campaign = created.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
        long campaignId = Long.parseLong(campaign.substring(campaign.lastIndexOf('/') + 1));
        long invitation = jdbc.sql("""
                        INSERT INTO survey_invitation (campaign_id, unit_id, jurisdiction_id, jurisdiction_path, source,
                                                       case_id, channel, invited_at)
                        SELECT ?, unit_id, jurisdiction_id, jurisdiction_path, 'CASE_RAISER', id, 'PHONE', now()
                        FROM cases WHERE id = ? RETURNING id""")
                .params(campaignId, clue).query(Long.class).single();

        StaffClient subject = new StaffClient(port);
        subject.login(own);
        var calls = subject.get(campaign + "/calls");
        assertThat(calls.statusCode()).isEqualTo(200);
        assertThat(calls.body()).doesNotContain("/surveys/invitations/" + invitation + "/call");
        var list = subject.get(campaign);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).doesNotContain("/surveys/invitations/" + invitation + "/");
        var call = subject.get("/surveys/invitations/" + invitation + "/call");
        assertThat(call.statusCode()).isEqualTo(404);
        assertThat(call.body()).doesNotContain(phone);

        assertThat(supervisor.get(campaign + "/calls").body()).contains("/surveys/invitations/" + invitation + "/call");
        var allowed = supervisor.get("/surveys/invitations/" + invitation + "/call");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body()).contains(phone);
    }

    @Test
    void residents_answer_by_link_staff_record_a_call_and_the_rates_are_computed() throws IOException {
        StaffClient supervisor = new StaffClient(port);
        supervisor.login("supervisor");
        supervisor.get("/surveys"); // the token changes at sign-in
        JurisdictionRef city = org.root();
        LocalDate today = LocalDate.now(clock);
        String name = "回访调查-" + UUID.randomUUID().toString().substring(0, 8);

        var created = supervisor.postForm("/surveys", Map.of("kind", "SATISFACTION", "name", name,
                "jurisdictionId", String.valueOf(city.id()), "startsOn", today.toString(),
                "endsOn", today.plusDays(30).toString(), "maxAttempts", "2"));
        assertThat(created.statusCode()).isEqualTo(302);
        String campaign = created.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
        long id = Long.parseLong(campaign.substring(campaign.lastIndexOf('/') + 1));

        assertThat(supervisor.postForm(campaign + "/open", Map.of()).statusCode())
                .as("a satisfaction survey cannot open without a satisfaction question").isEqualTo(400);
        assertThat(supervisor.postForm(campaign + "/questions", Map.of("kind", "TEXT", "text", "意见建议",
                "indicator", "SATISFACTION")).statusCode()).as("a text question cannot be scored").isEqualTo(400);
        assertThat(supervisor.postForm(campaign + "/questions", Map.of("kind", "SCALE", "text", "您对办理结果是否满意？",
                "indicator", "SATISFACTION")).statusCode()).isEqualTo(302);
        assertThat(supervisor.postForm(campaign + "/questions", Map.of("kind", "TEXT", "text", "您还有什么意见建议？"))
                .statusCode()).isEqualTo(302);

        String[] phones = {"139" + digits(8), "139" + digits(8), "139" + digits(8)};
        var bad = supervisor.postMultipart(campaign + "/import", Map.of(), "file", "list.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                xlsx(List.of(List.of("张三", "12345", "", "短信"))));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("第 2 行");
        var imported = supervisor.postMultipart(campaign + "/import", Map.of(), "file", "list.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                xlsx(List.of(List.of("张三", phones[0], "", "短信"), List.of("李四", phones[1], "", "短信"),
                        List.of("王五", phones[2], "", "电话"))));
        assertThat(imported.statusCode()).isEqualTo(302);
        // the list again (a person twice in it, too): nobody is invited a second time (decision 0075)
        var again = supervisor.postMultipart(campaign + "/import", Map.of(), "file", "list.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                xlsx(List.of(List.of("张三", phones[0], "", "短信"), List.of("张三", phones[0], "", "短信"),
                        List.of("李四", phones[1], "", "短信"), List.of("王五", phones[2], "", "电话"))));
        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT count(*) FROM survey_invitation WHERE campaign_id = ?").param(id)
                .query(Long.class).single()).isEqualTo(3L);

        assertThat(supervisor.postForm(campaign + "/open", Map.of()).statusCode()).isEqualTo(302);
        assertThat(supervisor.postForm(campaign + "/sms", Map.of()).statusCode()).isEqualTo(302);
        String link0 = linkSentTo(phones[0]);
        String link1 = linkSentTo(phones[1]);
        long question = jdbc.sql("SELECT id FROM survey_question WHERE campaign_id = ? AND indicator = 'SATISFACTION'")
                .param(id).query(Long.class).single();

        StaffClient resident = new StaffClient(port);
        var form = resident.get("/public/s/" + link0);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("您对办理结果是否满意？", "非常满意");
        var missing = resident.postForm("/public/s/" + link0, Map.of());
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("请回答标有“必答”的问题");
        assertThat(resident.postForm("/public/s/" + link0, Map.of("q" + question, "9")).statusCode()).isEqualTo(400);
        assertThat(resident.postForm("/public/s/" + link0, Map.of("q" + question, "5")).statusCode()).isEqualTo(302);
        assertThat(resident.postForm("/public/s/" + link0, Map.of("q" + question, "1")).statusCode())
                .as("a second submission of a used link changes nothing").isEqualTo(302);
        assertThat(resident.get("/public/s/" + link0).body()).contains("感谢您的参与");
        StaffClient other = new StaffClient(port);
        assertThat(other.postForm("/public/s/" + link1, Map.of("q" + question, "2")).statusCode()).isEqualTo(302);
        var unknown = other.get("/public/s/" + "x".repeat(32));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("调查链接无效").doesNotContain("登录");

        long phoneInvitation = jdbc.sql("SELECT id FROM survey_invitation WHERE campaign_id = ? AND channel = 'PHONE'")
                .param(id).query(Long.class).single();
        var callForm = supervisor.get("/surveys/invitations/" + phoneInvitation + "/call");
        assertThat(callForm.statusCode()).isEqualTo(200);
        assertThat(callForm.body()).contains(phones[2]);
        assertThat(supervisor.postForm("/surveys/invitations/" + phoneInvitation + "/call",
                Map.of("outcome", "NO_ANSWER")).statusCode()).isEqualTo(302);
        assertThat(supervisor.postForm("/surveys/invitations/" + phoneInvitation + "/call",
                Map.of("outcome", "MAYBE")).statusCode()).isEqualTo(400);
        assertThat(supervisor.postForm("/surveys/invitations/" + phoneInvitation + "/call",
                Map.of("outcome", "COMPLETED", "q" + question, "4")).statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT recorded_by FROM survey_invitation WHERE id = ?").param(phoneInvitation)
                .query(String.class).single()).as("marked as staff-recorded").isEqualTo("supervisor");

        var page = supervisor.get(campaign);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(name, "66.67%", "100.0%");
        var export = supervisor.getBytes(campaign + "/results.xlsx");
        assertThat(export.statusCode()).isEqualTo(200);
        try (var wb = new XSSFWorkbook(new java.io.ByteArrayInputStream(export.body()))) {
            Row total = wb.getSheet("合计").getRow(1);
            assertThat(total.getCell(3).getNumericCellValue()).isEqualTo(3.0);
            assertThat(total.getCell(9).getNumericCellValue()).isCloseTo(2.0 / 3, within(1e-9));
        }
        // the PDF summary linked from the page: the same figures, with the Wilson interval of 2 of 3 (20.8 %–93.9 %)
        assertThat(page.body()).contains(campaign + "/summary.pdf");
        var summary = supervisor.getBytes(campaign + "/summary.pdf");
        assertThat(summary.statusCode()).isEqualTo(200);
        assertThat(summary.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/pdf");
        try (var pdf = Loader.loadPDF(summary.body())) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains(name, "测评结果摘要", "按县", "按单位", "66.7%", "20.8%", "93.9%", "100.0%");
        }
        var sat = figures.satisfaction(city.path(), today, today);
        assertThat(sat.invited()).isGreaterThanOrEqualTo(3);
        assertThat(sat.satisfied().n()).isGreaterThanOrEqualTo(3);

        StaffClient handler = new StaffClient(port);
        handler.login("handler");
        assertThat(handler.get(campaign).statusCode()).isEqualTo(403);
    }

    @Test
    void a_perception_survey_ranks_counties_and_published_ranks_keep_their_source() throws IOException {
        StaffClient supervisor = new StaffClient(port);
        supervisor.login("supervisor");
        supervisor.get("/surveys"); // the token changes at sign-in
        JurisdictionRef county = org.children(org.root().id()).getFirst();
        LocalDate today = LocalDate.now(clock);
        var created = supervisor.postForm("/surveys", Map.of("kind", "PERCEPTION", "name", "安全感测评-" + digits(4),
                "jurisdictionId", String.valueOf(county.id()), "startsOn", today.toString(),
                "endsOn", today.plusDays(10).toString()));
        String campaign = created.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
        long id = Long.parseLong(campaign.substring(campaign.lastIndexOf('/') + 1));
        assertThat(supervisor.postForm(campaign + "/questions", Map.of("kind", "SCALE", "text", "您觉得本地治安状况安全吗？",
                "indicator", "SATISFACTION")).statusCode()).as("satisfaction does not belong in a perception survey")
                .isEqualTo(400);
        assertThat(supervisor.postForm(campaign + "/questions", Map.of("kind", "SCALE", "text", "您觉得本地治安状况安全吗？",
                "indicator", "SECURITY")).statusCode()).isEqualTo(302);
        String phone = "137" + digits(8);
        supervisor.postMultipart(campaign + "/import", Map.of(), "file", "list.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                xlsx(List.of(List.of("赵六", phone, "", "短信"))));
        assertThat(supervisor.postForm(campaign + "/open", Map.of()).statusCode()).isEqualTo(302);
        supervisor.postForm(campaign + "/sms", Map.of());
        long question = jdbc.sql("SELECT id FROM survey_question WHERE campaign_id = ?").param(id).query(Long.class).single();
        StaffClient resident = new StaffClient(port);
        assertThat(resident.postForm("/public/s/" + linkSentTo(phone), Map.of("q" + question, "5")).statusCode())
                .isEqualTo(302);

        var ranking = figures.perceptionRanking(today, today).get(Indicator.SECURITY);
        assertThat(ranking).anySatisfy(v -> {
            assertThat(v.jurisdictionId()).isEqualTo(county.id());
            assertThat(v.value().n()).isGreaterThanOrEqualTo(1);
        });
        assertThat(figures.compositeRanking(today, today)).extracting(SurveyFigures.CountyValue::jurisdictionId)
                .contains(county.id());
        assertThat(supervisor.get("/surveys/perception").body()).contains(county.name());
        var detail = supervisor.get(campaign);
        assertThat(detail.statusCode()).isEqualTo(200);
        assertThat(detail.body()).contains("安全感", "100.0%");

        assertThat(supervisor.postForm("/surveys/ranks", Map.of("jurisdictionId", String.valueOf(county.id()),
                "indicator", "SECURITY", "period", "2025年度", "position", "45", "of", "30",
                "sourceDocument", "省平安办通报")).statusCode()).as("a rank beyond the number ranked").isEqualTo(400);
        assertThat(supervisor.postForm("/surveys/ranks", Map.of("jurisdictionId", String.valueOf(county.id()),
                "indicator", "SECURITY", "period", "2025年度", "position", "3", "of", "100",
                "sourceDocument", "省平安办〔2026〕1号通报")).statusCode()).isEqualTo(302);
        assertThat(figures.externalRanks(county.path())).anySatisfy(r -> {
            assertThat(r.position()).isEqualTo(3);
            assertThat(r.sourceDocument()).isEqualTo("省平安办〔2026〕1号通报");
        });
    }

    private String linkSentTo(String phone) {
        String body = jdbc.sql("SELECT body FROM notification WHERE channel = 'SMS' AND address = ? ORDER BY id DESC LIMIT 1")
                .param(phone).query(String.class).single();
        Matcher m = LINK.matcher(body);
        assertThat(m.find()).as("SMS carries a personal link: " + body).isTrue();
        return m.group(1);
    }

    private static String digits(int n) {
        StringBuilder b = new StringBuilder();
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        for (int k = 0; k < n; k++) {
            b.append(r.nextInt(10));
        }
        return b.toString();
    }

    private static byte[] xlsx(List<List<String>> rows) throws IOException {
        return io.minyi.survey.internal.SurveyTallyTests.xlsx(rows).readAllBytes();
    }
}
