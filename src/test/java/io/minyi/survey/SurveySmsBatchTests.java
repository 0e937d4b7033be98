package io.minyi.survey;

import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import io.minyi.survey.internal.SmsInvitations;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bulk SMS invitation send never runs in one transaction: 2,100 invitations go out in batches of 1,000, each its
 * own transaction; two presses at once send each person one link; a crash in the middle (a batch rolled back) is
 * finished by the resuming job, and nobody is texted twice or left with a link whose token was replaced.
 */
@FullStackTest
class SurveySmsBatchTests {

    private static final Pattern LINK = Pattern.compile("/public/s/([A-Za-z0-9_-]{20,64})");
    private static final int PEOPLE = 2_100;

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired SmsInvitations sms;
    @Autowired Clock clock;
    @Autowired io.minyi.org.OrgDirectory org;

    @Test
    void invitations_go_out_in_batches_once_each_even_when_sent_twice_at_once_or_resumed_after_a_crash()
            throws Exception {
        StaffClient supervisor = new StaffClient(port);
        supervisor.login("supervisor");
        supervisor.get("/surveys");
        long city = org.root().id();
        LocalDate today = LocalDate.now(clock);
        String prefix = "137" + String.format("%04d", Math.floorMod(UUID.randomUUID().hashCode(), 10_000));
        var created = supervisor.postForm("/surveys", Map.of("kind", "SATISFACTION",
                "name", "批量邀请-" + UUID.randomUUID().toString().substring(0, 8), "jurisdictionId", String.valueOf(city),
                "startsOn", today.toString(), "endsOn", today.plusDays(30).toString(), "maxAttempts", "2"));
        String campaign = created.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
        long id = Long.parseLong(campaign.substring(campaign.lastIndexOf('/') + 1));
        assertThat(supervisor.postForm(campaign + "/questions", Map.of("kind", "SCALE", "text", "您是否满意？",
                "indicator", "SATISFACTION")).statusCode()).isEqualTo(302);
        var imported = supervisor.postMultipart(campaign + "/import", Map.of(), "file", "list.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx(prefix));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(302);
        assertThat(supervisor.postForm(campaign + "/open", Map.of()).statusCode()).isEqualTo(302);

        // two presses at once, from two sessions
        StaffClient second = new StaffClient(port);
        second.login("supervisor");
        second.get(campaign);
        supervisor.get(campaign);
        CompletableFuture<HttpResponse<String>> a = CompletableFuture.supplyAsync(() -> supervisor.postForm(campaign + "/sms", Map.of()));
        CompletableFuture<HttpResponse<String>> b = CompletableFuture.supplyAsync(() -> second.postForm(campaign + "/sms", Map.of()));
        assertThat(a.get().statusCode()).isEqualTo(302);
        assertThat(b.get().statusCode()).isEqualTo(302);
        assertEverybodyHasOneWorkingLink(id);
        long transactions = jdbc.sql("SELECT count(DISTINCT xmin::text) FROM survey_invitation WHERE campaign_id = ?")
                .param(id).query(Long.class).single();
        assertThat(transactions).as("written by at least three batch transactions, not one").isGreaterThanOrEqualTo(3);

        // a crash in the middle: the last batch never committed (no token, no text message) although requested
        List<Long> lost = jdbc.sql("SELECT id FROM survey_invitation WHERE campaign_id = ? ORDER BY id DESC LIMIT 700")
                .param(id).query(Long.class).list();
        for (long inv : lost) {
            jdbc.sql("DELETE FROM notification WHERE dedup_key = ?").param("survey:" + inv).update();
            jdbc.sql("UPDATE survey_invitation SET token_hash = NULL, sms_sent_at = NULL WHERE id = ?").param(inv).update();
        }
        assertThat(sms.pending(id)).isEqualTo(700);
        sms.resumeUnfinished();
        assertThat(sms.pending(id)).isZero();
        assertEverybodyHasOneWorkingLink(id);

        // pressed again when all is sent: nothing more goes out
        supervisor.get(campaign);
        assertThat(supervisor.postForm(campaign + "/sms", Map.of()).statusCode()).isEqualTo(302);
        assertEverybodyHasOneWorkingLink(id);

        // the texts themselves are not under test: out of the shared outbox, so other tests' deliveries come first
        jdbc.sql("""
                        UPDATE notification SET status = 'SENT', sent_at = now(), next_attempt_at = NULL
                        WHERE dedup_key IN (SELECT 'survey:' || id FROM survey_invitation WHERE campaign_id = ?)
                        AND status = 'PENDING'""")
                .param(id).update();
    }

    /** One text message per invitation, and its link's token is the one the invitation keeps. */
    private void assertEverybodyHasOneWorkingLink(long campaignId) throws Exception {
        List<Map<String, Object>> rows = jdbc.sql("""
                        SELECT i.id, i.token_hash, n.body FROM survey_invitation i
                        LEFT JOIN notification n ON n.dedup_key = 'survey:' || i.id
                        WHERE i.campaign_id = ? ORDER BY i.id""")
                .param(campaignId).query().listOfRows();
        assertThat(rows).hasSize(PEOPLE);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (Map<String, Object> r : rows) {
            assertThat(r.get("body")).as("text message of invitation %s", r.get("id")).isNotNull();
            Matcher m = LINK.matcher((String) r.get("body"));
            assertThat(m.find()).isTrue();
            String hash = HexFormat.of().formatHex(sha.digest(m.group(1).getBytes(StandardCharsets.UTF_8)));
            assertThat(hash).as("the link sent is the link kept, invitation %s", r.get("id")).isEqualTo(r.get("token_hash"));
        }
    }

    private static byte[] xlsx(String prefix) throws IOException {
        try (var wb = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
            Sheet s = wb.createSheet("名单");
            Row head = s.createRow(0);
            head.createCell(0).setCellValue("姓名");
            head.createCell(1).setCellValue("手机号");
            for (int r = 1; r <= PEOPLE; r++) {
                Row row = s.createRow(r);
                row.createCell(0).setCellValue("受访者" + r);
                row.createCell(1).setCellValue(prefix + String.format("%04d", r));
            }
            wb.write(out);
            return out.toByteArray();
        }
    }
}
