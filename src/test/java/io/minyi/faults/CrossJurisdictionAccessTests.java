package io.minyi.faults;

import io.minyi.org.Role;
import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every staff page that opens one record by its id, called by every role of another county (东川县, county 2) for
 * records of 城关区 (county 1): the answer is 403 or 404 and carries none of the record's identifying text.
 * The pages are discovered from the handler mapping, and every discovered page must have a row in {@link #probes},
 * so a new record page without a scope check fails here until someone adds its row.
 */
@FullStackTest
class CrossJurisdictionAccessTests {

    /** Public pages keyed by a resident's code, not by a staff record id. */
    private static final Set<String> PUBLIC_PREFIXES = Set.of("/e/", "/t/", "/open311/", "/public/");

    /** A variable limited to a list of words ({kind:units|grids}) names a page kind, not a record. */
    private static final java.util.regex.Pattern ENUMERATED = java.util.regex.Pattern.compile("\\{\\w+:[\\w|]+\\|[\\w|]+}");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    record Probe(String url, List<String> secrets) {
    }

    @Test
    void no_role_of_another_county_reads_any_record_of_county_1() throws Exception {
        Map<String, Probe> probes = probes();

        Set<String> discovered = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, ?> e : mappings.getHandlerMethods().entrySet()) {
            Set<RequestMethod> methods = e.getKey().getMethodsCondition().getMethods();
            if (!methods.isEmpty() && !methods.contains(RequestMethod.GET)) {
                continue;
            }
            for (String pattern : e.getKey().getPatternValues()) {
                if (pattern.contains("{") && PUBLIC_PREFIXES.stream().noneMatch(pattern::startsWith)
                        && !ENUMERATED.matcher(pattern).find()) {
                    discovered.add(pattern);
                }
            }
        }
        assertThat(discovered).as("record pages found").hasSizeGreaterThan(15);
        assertThat(probes.keySet()).as("every staff GET page with a record id has a row in the access table")
                .containsAll(discovered);

        List<String> leaks = new ArrayList<>();
        for (Role role : Role.values()) {
            StaffClient other = new StaffClient(port);
            assertThat(other.login(outsider(role)).statusCode()).as("login " + role).isEqualTo(302);
            for (String pattern : discovered) {
                Probe p = probes.get(pattern);
                HttpResponse<byte[]> res = other.getBytes(p.url());
                String body = new String(res.body(), StandardCharsets.UTF_8);
                if (res.statusCode() != 403 && res.statusCode() != 404) {
                    leaks.add(role + " GET " + p.url() + " -> " + res.statusCode());
                }
                for (String secret : p.secrets()) {
                    if (body.contains(secret)) {
                        leaks.add(role + " GET " + p.url() + " shows '" + secret + "'");
                    }
                }
            }
        }
        assertThat(leaks).as("county-1 records answered to county-2 staff").isEmpty();

        // The same table opened by city staff reaches the records, so the table's ids are real ones.
        StaffClient city = new StaffClient(port);
        city.login("admin");
        StaffClient discipline = new StaffClient(port);
        discipline.login(FaultAccounts.discipline(jdbc, passwords));
        for (String pattern : List.of("/admin/units/{id:\\d+}", "/admin/officers/{id:\\d+}", "/admin/grids/{id:\\d+}",
                "/admin/jurisdictions/{id:\\d+}", "/admin/staff/{id:\\d+}", "/cases/{id}", "/reports/daily/{id}",
                "/supervision/letters/{id}", "/evaluations/officers/{id}", "/admin/imports/{id}", "/grid/events/{id}",
                "/grid/centre/households/{id:\\d+}")) {
            Probe p = probes.get(pattern);
            HttpResponse<String> res = (pattern.startsWith("/evaluations/") ? discipline : city).get(p.url());
            assertThat(res.statusCode()).as("city staff open " + p.url()).isEqualTo(200);
            assertThat(res.body()).as(p.url()).contains(p.secrets().getFirst());
        }
    }

    /** The record pages with one county-1 record each, and what on the page would betray it. */
    private Map<String, Probe> probes() throws Exception {
        long county1 = id("SELECT jurisdiction_id FROM staff_account WHERE username = 'dispatcher1'");
        String county1Name = text("SELECT name FROM jurisdiction WHERE id = " + county1);
        long station = id("SELECT unit_id FROM staff_account WHERE username = 'handler'");
        String stationName = text("SELECT name FROM unit WHERE id = " + station);
        long officer = id("SELECT officer_id FROM staff_account WHERE username = 'handler'");
        String officerName = text("SELECT name FROM officer WHERE id = " + officer);
        String officerBadge = text("SELECT badge_no FROM officer WHERE id = " + officer);
        long handlerStaff = id("SELECT id FROM staff_account WHERE username = 'handler'");
        long township = id("SELECT id FROM jurisdiction WHERE parent_id = " + county1 + " ORDER BY id LIMIT 1");
        String townshipName = text("SELECT name FROM jurisdiction WHERE id = " + township);
        long grid = id("""
                SELECT g.id FROM grid g JOIN jurisdiction v ON v.id = g.village_id
                JOIN jurisdiction c ON c.id = %d WHERE v.path LIKE c.path || '%%' ORDER BY g.id LIMIT 1""".formatted(county1));
        String gridCode = text("SELECT code FROM grid WHERE id = " + grid);
        String targetCode = text("SELECT code FROM evaluation_target WHERE active AND unit_id = " + station
                + " AND officer_id IS NULL LIMIT 1");

        String marker = "越界" + UUID.randomUUID().toString().substring(0, 8);
        long caseId = caseWithEvidence(county1, station, marker);
        String caseCode = text("SELECT tracking_code FROM cases WHERE id = " + caseId);
        long attachment = id("SELECT id FROM case_attachment WHERE case_id = " + caseId + " ORDER BY id LIMIT 1");

        String letterNo = "越界函" + marker;
        long letter = jdbc.sql("""
                INSERT INTO supervision_letter (kind, number, centre_unit_id, centre_name, year, seq, addressee_unit_id,
                    addressee_name, jurisdiction_path, deadline, reason, trigger_key, issued_at, issued_by)
                SELECT 'REMINDER', ?, u.id, u.name, 2026, 900000 + (random() * 99999)::int, ?, ?, j.path,
                       current_date, ?, ?, now(), 'supervisor'
                FROM unit u JOIN jurisdiction j ON j.id = ? WHERE u.id = (SELECT unit_id FROM staff_account WHERE username = 'dispatcher1')
                RETURNING id""").params(letterNo, station, stationName, "逾期未办结 " + marker, "TEST:" + marker, county1)
                .query(Long.class).single();
        // the unit's written answer with one evidence file (a rectification report)
        long reply = jdbc.sql("""
                INSERT INTO supervision_letter_reply (letter_id, kind, body, replied_by, replied_at)
                VALUES (?, 'RECTIFICATION', ?, 'handler', now()) RETURNING id""").params(letter, "整改 " + marker)
                .query(Long.class).single();
        long replyFile = jdbc.sql("""
                INSERT INTO supervision_reply_file (reply_id, file_name, content_type, bytes)
                VALUES (?, 'report.pdf', 'application/pdf', ?) RETURNING id""")
                .params(reply, ("%PDF-1.4 " + marker).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .query(Long.class).single();

        StaffClient admin = new StaffClient(port);
        admin.login("admin");
        admin.get("/reports/daily");
        LocalDate yesterday = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1);
        HttpResponse<String> generated = admin.postForm("/reports/daily/generate",
                Map.of("j", String.valueOf(county1), "day", yesterday.toString()));
        assertThat(generated.statusCode()).as(generated.body()).isEqualTo(302);
        long report = Long.parseLong(generated.headers().firstValue("Location").orElseThrow().replaceAll(".*/", ""));

        UUID job = UUID.randomUUID();
        String jobFile = marker + ".xlsx";
        jdbc.sql("INSERT INTO import_job (id, kind, file_name, actor, status, created_at) VALUES (?, 'UNITS', ?, 'admin', 'DONE', now())")
                .params(job, jobFile).update();

        Map<String, Probe> p = new LinkedHashMap<>();
        p.put("/cases/{id}", new Probe("/cases/" + caseId, List.of(marker, caseCode)));
        p.put("/cases/{id}/ledger.xlsx", new Probe("/cases/" + caseId + "/ledger.xlsx", List.of(caseCode)));
        p.put("/cases/{id}/ledger.pdf", new Probe("/cases/" + caseId + "/ledger.pdf", List.of(caseCode)));
        p.put("/cases/{id}/merge", new Probe("/cases/" + caseId + "/merge?targetId=" + caseId, List.of(marker, caseCode)));
        p.put("/cases/{id}/attachments/{attachmentId}",
                new Probe("/cases/" + caseId + "/attachments/" + attachment, List.of("PNG")));
        p.put("/admin/units/{id:\\d+}", new Probe("/admin/units/" + station, List.of(stationName)));
        p.put("/admin/officers/{id:\\d+}", new Probe("/admin/officers/" + officer, List.of(officerName, officerBadge)));
        p.put("/admin/staff/{id:\\d+}", new Probe("/admin/staff/" + handlerStaff, List.of("派出所承办民警")));
        p.put("/admin/grids/{id:\\d+}", new Probe("/admin/grids/" + grid, List.of(gridCode)));
        p.put("/admin/jurisdictions/{id:\\d+}", new Probe("/admin/jurisdictions/" + township, List.of(townshipName)));
        p.put("/admin/imports/{id}", new Probe("/admin/imports/" + job, List.of(jobFile)));
        p.put("/admin/imports/{id}/status", new Probe("/admin/imports/" + job + "/status", List.of(jobFile)));
        p.put("/evaluations/officers/{id}", new Probe("/evaluations/officers/" + officer, List.of(officerName)));
        p.put("/evaluations/codes/{code}/qr.png", new Probe("/evaluations/codes/" + targetCode + "/qr.png", List.of("PNG")));
        p.put("/evaluations/codes/units/{unitId}/poster.pdf",
                new Probe("/evaluations/codes/units/" + station + "/poster.pdf", List.of("%PDF")));
        p.put("/evaluations/codes/units/{unitId}/badges.pdf",
                new Probe("/evaluations/codes/units/" + station + "/badges.pdf", List.of("%PDF")));
        p.put("/evaluations/codes/counties/{jurisdictionId}/posters.pdf",
                new Probe("/evaluations/codes/counties/" + county1 + "/posters.pdf", List.of("%PDF")));
        p.put("/supervision/letters/{id}", new Probe("/supervision/letters/" + letter, List.of(letterNo, marker)));
        p.put("/supervision/letters/{id}.docx", new Probe("/supervision/letters/" + letter + ".docx", List.of("PK")));
        p.put("/supervision/letters/{id}.pdf", new Probe("/supervision/letters/" + letter + ".pdf", List.of("%PDF")));
        p.put("/supervision/letters/{id}/files/{fileId}",
                new Probe("/supervision/letters/" + letter + "/files/" + replyFile, List.of(marker)));
        p.put("/reports/daily/{id}", new Probe("/reports/daily/" + report, List.of(county1Name)));
        p.put("/reports/daily/{id}.pdf", new Probe("/reports/daily/" + report + ".pdf", List.of("%PDF")));
        p.put("/reports/daily/{id}.xlsx", new Probe("/reports/daily/" + report + ".xlsx", List.of("PK")));
        // a county-1 grid event (the demo worker's) and a photo of it
        long gridEvent = id("SELECT min(id) FROM grid_event WHERE path LIKE (SELECT path FROM jurisdiction WHERE id = "
                + county1 + ") || '%'");
        String gridEventText = text("SELECT description FROM grid_event WHERE id = " + gridEvent);
        jdbc.sql("INSERT INTO grid_event_photo (event_id, seq, width, height, bytes) VALUES (?, 99, 1, 1, ?) ON CONFLICT DO NOTHING")
                .params(gridEvent, ("JFIF " + marker).getBytes(StandardCharsets.UTF_8)).update();
        p.put("/grid/events/{id}", new Probe("/grid/events/" + gridEvent, List.of(gridEventText)));
        // a county-1 household of the demo worker's grid, and its head's name
        long household = id("SELECT min(id) FROM grid_household WHERE path LIKE (SELECT path FROM jurisdiction WHERE id = "
                + county1 + ") || '%'");
        p.put("/grid/centre/households/{id:\\d+}", new Probe("/grid/centre/households/" + household,
                List.of(text("SELECT head_name FROM grid_household WHERE id = " + household))));
        p.put("/grid/events/{id}/photos/{seq}", new Probe("/grid/events/" + gridEvent + "/photos/99", List.of("JFIF")));
        long transfer = jdbc.sql("""
                INSERT INTO discipline_transfer (case_id, route, reason, jurisdiction_id, jurisdiction_path,
                    subject_unit_id, transferred_at, state)
                SELECT c.id, 'AT_INTAKE', ?, c.jurisdiction_id, c.jurisdiction_path, ?, now(), 'PENDING'
                FROM cases c WHERE c.id = ? RETURNING id""").params("移送 " + marker, station, caseId)
                .query(Long.class).single();
        p.put("/discipline/{id}", new Probe("/discipline/" + transfer, List.of(caseCode, marker)));
        p.put("/discipline/{id}/ledger.pdf", new Probe("/discipline/" + transfer + "/ledger.pdf", List.of("%PDF")));
        p.put("/discipline/{id}/evidence.zip", new Probe("/discipline/" + transfer + "/evidence.zip", List.of("PK")));
        p.put("/orgdept/officers/{id}", new Probe("/orgdept/officers/" + officer, List.of(officerName, officerBadge)));
        p.put("/orgdept/officers/{id}/certificate.pdf",
                new Probe("/orgdept/officers/" + officer + "/certificate.pdf", List.of("%PDF")));
        // a county-1 survey with one person to call, a county-1 list item, key project and leader's visit
        String county1Path = text("SELECT path FROM jurisdiction WHERE id = " + county1);
        long campaign = jdbc.sql("""
                INSERT INTO survey_campaign (kind, name, jurisdiction_id, jurisdiction_path, starts_on, ends_on, status,
                    created_by, created_at) VALUES ('SATISFACTION', ?, ?, ?, current_date, current_date + 30, 'OPEN',
                    'supervisor', now()) RETURNING id""").params("调查" + marker, county1, county1Path)
                .query(Long.class).single();
        long invitation = jdbc.sql("""
                INSERT INTO survey_invitation (campaign_id, jurisdiction_id, jurisdiction_path, source, person_name,
                    phone_masked, channel, invited_at) VALUES (?, ?, ?, 'IMPORTED', ?, '139****0000', 'PHONE', now())
                RETURNING id""").params(campaign, county1, county1Path, "受访" + marker).query(Long.class).single();
        p.put("/surveys/{id}", new Probe("/surveys/" + campaign, List.of("调查" + marker)));
        p.put("/surveys/{id}/results.xlsx", new Probe("/surveys/" + campaign + "/results.xlsx", List.of("PK")));
        p.put("/surveys/{id}/summary.pdf", new Probe("/surveys/" + campaign + "/summary.pdf", List.of("%PDF")));
        // the city's Open311 catalogue: only an ADMIN of the city opens a service to edit it
        p.put("/admin/open311/services/{code}", new Probe("/admin/open311/services/livelihood",
                List.of("name=\"caseType\"")));
        p.put("/surveys/{id}/calls", new Probe("/surveys/" + campaign + "/calls", List.of("139****0000")));
        p.put("/surveys/invitations/{id}/call", new Probe("/surveys/invitations/" + invitation + "/call",
                List.of("调查" + marker, "139****0000")));
        long item = jdbc.sql("""
                INSERT INTO list_item (kind, title, source, issuing_jurisdiction_id, issuing_path, owner_unit_id,
                    owner_unit_path, owner_person, deadline, created_by, created_at)
                VALUES ('TASK', ?, 'MEETING', ?, ?, ?, ?, '负责人', current_date + 30, 'supervisor', now()) RETURNING id""")
                .params("清单" + marker, county1, county1Path, station, county1Path).query(Long.class).single();
        p.put("/lists/{id}", new Probe("/lists/" + item, List.of("清单" + marker)));
        long project = jdbc.sql("""
                INSERT INTO key_project (title, leader_name, lead_unit_id, jurisdiction_id, jurisdiction_path, starts_on,
                    ends_on, created_by, created_at) VALUES (?, '县领导', ?, ?, ?, current_date, current_date + 90,
                    'leader', now()) RETURNING id""").params("项目" + marker, station, county1, county1Path)
                .query(Long.class).single();
        p.put("/leadership/projects/{id}", new Probe("/leadership/projects/" + project, List.of("项目" + marker)));
        long visit = jdbc.sql("""
                INSERT INTO leader_visit (leader_name, jurisdiction_id, jurisdiction_path, visited_on, place, households,
                    created_by, created_at) VALUES ('县领导', ?, ?, current_date, ?, 3, 'leader', now()) RETURNING id""")
                .params(county1, county1Path, "走访" + marker).query(Long.class).single();
        p.put("/leadership/visits/{id}", new Probe("/leadership/visits/" + visit, List.of("走访" + marker)));
        // the county-1 DISPUTE case above gets its mediation record from the dispute module's listener
        long dispute = 0;
        for (int i = 0; i < 200 && dispute == 0; i++) {
            dispute = jdbc.sql("SELECT coalesce(max(id), 0) FROM dispute WHERE case_id = ?").param(caseId)
                    .query(Long.class).single();
            if (dispute == 0) {
                Thread.sleep(100);
            }
        }
        assertThat(dispute).as("the dispute record of case " + caseId).isPositive();
        p.put("/disputes/{id}", new Probe("/disputes/" + dispute, List.of(marker)));
        p.put("/disputes/{id}/agreement.docx", new Probe("/disputes/" + dispute + "/agreement.docx", List.of("PK")));
        p.put("/disputes/{id}/agreement.pdf", new Probe("/disputes/" + dispute + "/agreement.pdf", List.of("%PDF")));
        p.put("/disputes/{id}/attachments/{attachmentId}",
                new Probe("/disputes/" + dispute + "/attachments/1", List.of(marker)));
        return p;
    }

    /** A county-1 case registered, dispatched to the handler's station and reported with one photo. */
    private long caseWithEvidence(long county1, long station, String marker) throws Exception {
        StaffClient dispatcher = new StaffClient(port);
        dispatcher.login("dispatcher1");
        dispatcher.get("/cases/new");
        HttpResponse<String> registered = dispatcher.postForm("/cases/new", Map.of("type", "DISPUTE",
                "channel", "WALK_IN", "jurisdictionId", String.valueOf(county1), "raiserName", "孙八",
                "raiserPhone", "13611112222", "content", "土地承包纠纷 " + marker, "category", "土地纠纷",
                "formToken", marker));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(302);
        long id = Long.parseLong(registered.headers().firstValue("Location").orElseThrow().replaceAll(".*/cases/(\\d+).*", "$1"));
        dispatcher.get("/cases/" + id);
        ok(dispatcher.postForm("/cases/" + id + "/accept", Map.of("comment", "属实")));
        ok(dispatcher.postForm("/cases/" + id + "/triage", Map.of("category", "山林土地", "risk", "LOW",
                "unitId", String.valueOf(station))));
        ok(dispatcher.postForm("/cases/" + id + "/dispatch", Map.of("unitId", String.valueOf(station))));
        StaffClient handler = new StaffClient(port);
        handler.login("handler");
        handler.get("/cases/" + id);
        ok(handler.postForm("/cases/" + id + "/sign", Map.of()));
        handler.get("/cases/" + id);
        ok(handler.postMultipart("/cases/" + id + "/report", Map.of("outcome", "RESOLVED", "findings", "已调解 " + marker),
                "evidence", "现场.png", "image/png", png()));
        return id;
    }

    /** A county-2 account holding exactly this role (created once in the shared database). */
    private String outsider(Role role) {
        String username = "east2_" + role.name().toLowerCase();
        jdbc.sql("""
                INSERT INTO staff_account (username, display_name, password_hash, roles, unit_id, jurisdiction_id)
                SELECT ?, '东川县测试' || ?, ?, ARRAY[?], unit_id, jurisdiction_id
                FROM staff_account WHERE username = 'dispatcher2'
                ON CONFLICT (username) DO NOTHING""")
                .params(username, role.label(), passwords.encode(StaffClient.DEMO_PASSWORD), role.name()).update();
        return username;
    }

    private long id(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private String text(String sql) {
        return jdbc.sql(sql).query(String.class).single();
    }

    private static void ok(HttpResponse<String> res) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(302);
    }

    private static byte[] png() throws Exception {
        BufferedImage img = new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
