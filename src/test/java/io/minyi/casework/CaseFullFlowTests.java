package io.minyi.casework;

import io.minyi.audit.AuditTrail;
import io.minyi.support.FullStackTest;
import io.minyi.support.HomeTodos;
import io.minyi.support.StaffClient;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@FullStackTest
class CaseFullFlowTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AuditTrail audit;

    @Test
    void a_walk_in_case_runs_the_whole_loop_through_a_dissatisfied_rating_to_closed_and_the_ledger_lists_every_step()
            throws Exception {
        long station = jdbc.queryForObject("SELECT unit_id FROM staff_account WHERE username = 'handler'", Long.class);
        long county1 = jdbc.queryForObject("SELECT jurisdiction_id FROM staff_account WHERE username = 'dispatcher1'", Long.class);
        String marker = UUID.randomUUID().toString().substring(0, 8);

        StaffClient dispatcher = new StaffClient(port);
        dispatcher.login("dispatcher1");
        assertThat(dispatcher.get("/cases/new").statusCode()).isEqualTo(200);
        HttpResponse<String> registered = dispatcher.postForm("/cases/new", Map.of("type", "DISPUTE",
                "channel", "WALK_IN", "jurisdictionId", String.valueOf(county1), "raiserName", "王小二",
                "raiserPhone", "13812341234", "content", "邻居装修噪音扰民，多次协商未果 " + marker,
                "category", "邻里纠纷", "formToken", marker));
        assertThat(registered.statusCode()).isEqualTo(302);
        long id = idFrom(registered);
        String code = jdbc.queryForObject("SELECT tracking_code FROM cases WHERE id = ?", String.class, id);

        HttpResponse<String> detail = dispatcher.get("/cases/" + id);
        assertThat(detail.body()).contains("138****1234").doesNotContain("13812341234").contains(code);
        assertThat(jdbc.queryForObject("SELECT raiser_phone_enc FROM cases WHERE id = ?", String.class, id))
                .doesNotContain("1234");

        ok(dispatcher.postForm("/cases/" + id + "/accept", Map.of("comment", "内容属实")));
        ok(dispatcher.postForm("/cases/" + id + "/triage", Map.of("category", "邻里纠纷", "risk", "LOW",
                "unitId", String.valueOf(station))));
        ok(dispatcher.postForm("/cases/" + id + "/dispatch", Map.of("unitId", String.valueOf(station))));
        assertThat(state(id)).isEqualTo("DISPATCHED");

        StaffClient handler = new StaffClient(port);
        handler.login("handler");
        assertThat(handler.get("/inbox").body()).contains(code);
        ok(handler.postForm("/cases/" + id + "/sign", Map.of()));
        handler.get("/cases/" + id);
        ok(handler.postMultipart("/cases/" + id + "/report", Map.of("outcome", "RESOLVED",
                "findings", "已上门调解，双方达成协议"), "evidence", "调解现场.png", "image/png", png()));
        assertThat(state(id)).isEqualTo("REPORTED");

        StaffClient unitLeader = new StaffClient(port);
        unitLeader.login("unitleader");
        assertThat(unitLeader.get("/cases/" + id).body()).contains("王").contains("138****1234");
        // the report waits for the unit leader: counted on the home page and listed by the to-do's link
        long toApprove = HomeTodos.count(unitLeader, "/inbox?approve=true");
        assertThat(toApprove).isPositive();
        assertThat(unitLeader.get("/inbox?approve=true").body()).contains(code);
        assertThat(handler.get("/inbox?approve=true").statusCode()).isEqualTo(200);
        ok(unitLeader.postForm("/cases/" + id + "/unit-approve", Map.of()));
        assertThat(HomeTodos.count(unitLeader, "/inbox?approve=true")).isEqualTo(toApprove - 1);
        assertThat(unitLeader.get("/inbox?approve=true").body()).doesNotContain(code);
        StaffClient reviewer = new StaffClient(port);
        reviewer.login("policeleader");
        assertThat(reviewer.get("/review").body()).contains(code);
        ok(reviewer.postForm("/cases/" + id + "/approve", Map.of("comment", "同意")));
        assertThat(state(id)).isEqualTo("AWAITING_FEEDBACK");

        StaffClient resident = new StaffClient(port);
        HttpResponse<String> tracking = resident.get("/t/" + code);
        assertThat(tracking.statusCode()).isEqualTo(200);
        assertThat(tracking.body()).contains("请您评价").contains("不满意").doesNotContain("handler")
                .doesNotContain("同意").doesNotContain("王小二");
        ok(resident.postForm("/t/" + code + "/rating", Map.of("verdict", "DISSATISFIED", "comment", "噪音仍在")));
        assertThat(state(id)).isEqualTo("REOPENED");
        // the same form sent again (a double tap, a phone retrying after a lost answer) is told its rating was
        // received, and changes nothing; a different verdict is still refused
        HttpResponse<String> again = resident.postForm("/t/" + code + "/rating",
                Map.of("verdict", "DISSATISFIED", "comment", "噪音仍在"));
        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(again.headers().firstValue("Location").orElseThrow()).endsWith("/t/" + code + "?rated");
        assertThat(resident.postForm("/t/" + code + "/rating", Map.of("verdict", "SATISFIED")).statusCode())
                .isEqualTo(409);
        assertThat(jdbc.queryForObject("SELECT reopen_count FROM cases WHERE id = ?", Integer.class, id)).isEqualTo(1);

        // after a reopen the unit signs for the case again first: only that move is offered, not 签收 and 上报 together
        String reopened = handler.get("/cases/" + id).body();
        assertThat(reopened).contains("/cases/" + id + "/sign").doesNotContain("/cases/" + id + "/report");
        assertThat(handler.postForm("/cases/" + id + "/report", Map.of("outcome", "RESOLVED", "findings", "抢先上报"))
                .statusCode()).isEqualTo(409);
        ok(handler.postForm("/cases/" + id + "/sign", Map.of()));
        assertThat(handler.get("/cases/" + id).body()).contains("/cases/" + id + "/report")
                .doesNotContain("/cases/" + id + "/sign\"");
        ok(handler.postForm("/cases/" + id + "/report", Map.of("outcome", "RESOLVED", "findings", "再次调解，已安装隔音")));
        unitLeader.get("/cases/" + id);
        ok(unitLeader.postForm("/cases/" + id + "/unit-approve", Map.of()));
        reviewer.get("/cases/" + id);
        ok(reviewer.postForm("/cases/" + id + "/approve", Map.of()));
        resident.get("/t/" + code);
        ok(resident.postForm("/t/" + code + "/rating", Map.of("verdict", "SATISFIED")));
        assertThat(state(id)).isEqualTo("CLOSED");
        ok(resident.postForm("/t/" + code + "/rating", Map.of("verdict", "SATISFIED")));
        assertThat(resident.get("/t/" + code).body()).contains("已办结").doesNotContain("name=\"verdict\"");

        List<String> actions = jdbc.queryForList("SELECT action FROM case_step WHERE case_id = ? ORDER BY id",
                String.class, id);
        assertThat(actions).containsExactly("RECEIVE", "ACCEPT", "TRIAGE", "DISPATCH", "SIGN", "REPORT",
                "UNIT_APPROVE", "APPROVE", "RATE", "SIGN", "REPORT", "UNIT_APPROVE", "APPROVE", "RATE");
        assertThat(audit.historyOf("case", String.valueOf(id))).hasSize(actions.size());

        HttpResponse<byte[]> xlsx = dispatcher.getBytes("/cases/" + id + "/ledger.xlsx");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        List<String> cells = new ArrayList<>();
        try (var wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            for (Row row : wb.getSheetAt(0)) {
                row.forEach(c -> cells.add(c.getStringCellValue()));
            }
        }
        assertThat(cells).contains("登记受理", "甄别通过", "研判", "交办", "签收", "上报办理结果", "本单位领导审核通过",
                "上级审核通过", "群众评价", "调解现场.png");
        assertThat(cells.stream().filter("上级审核通过"::equals)).hasSize(2);

        HttpResponse<byte[]> pdf = dispatcher.getBytes("/cases/" + id + "/ledger.pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        try (var doc = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("事项办理台账").contains("签收").contains("群众评价").contains(code);
        }
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
        java.nio.file.Files.write(java.nio.file.Path.of("target", "ledger-sample.pdf"), pdf.body());
    }

    private String state(long id) {
        return jdbc.queryForObject("SELECT state FROM cases WHERE id = ?", String.class, id);
    }

    private static void ok(HttpResponse<String> res) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(302);
    }

    static long idFrom(HttpResponse<String> res) {
        String location = res.headers().firstValue("Location").orElseThrow();
        return Long.parseLong(location.replaceAll(".*/cases/(\\d+).*", "$1"));
    }

    static byte[] png() throws Exception {
        BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        img.setRGB(3, 3, 0xff0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
