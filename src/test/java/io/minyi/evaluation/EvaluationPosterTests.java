package io.minyi.evaluation;

import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@FullStackTest
class EvaluationPosterTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private static String text(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    private static void keep(String name, byte[] pdf) throws Exception {
        Path dir = Path.of("target", "posters");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), pdf);
    }

    @Test
    void a_units_poster_carries_its_name_the_instructions_and_the_tracking_address_in_chinese() throws Exception {
        long unitId = jdbc.sql("SELECT unit_id FROM staff_account WHERE username = 'unitleader'").query(Long.class).single();
        String unitName = jdbc.sql("SELECT name FROM unit WHERE id = ?").param(unitId).query(String.class).single();
        StaffClient admin = new StaffClient(port);
        admin.login("admin");

        var poster = admin.getBytes("/evaluations/codes/units/" + unitId + "/poster.pdf");
        assertThat(poster.statusCode()).isEqualTo(200);
        keep("poster.pdf", poster.body());
        String text = text(poster.body());
        assertThat(text).contains("群众评议", unitName, "请用手机扫描二维码", "/t");

        var badges = admin.getBytes("/evaluations/codes/units/" + unitId + "/badges.pdf");
        assertThat(badges.statusCode()).isEqualTo(200);
        keep("badges.pdf", badges.body());
        String officer = jdbc.sql("SELECT name FROM officer WHERE unit_id = ? AND active ORDER BY badge_no LIMIT 1")
                .param(unitId).query(String.class).single();
        assertThat(text(badges.body())).contains(officer, "扫码评价我的工作");
    }

    @Test
    void a_county_gets_one_file_with_all_its_posters_and_badge_cards() throws Exception {
        long county = jdbc.sql("SELECT id FROM jurisdiction WHERE level = 'COUNTY' ORDER BY id LIMIT 1").query(Long.class).single();
        StaffClient admin = new StaffClient(port);
        admin.login("admin");
        var pdf = admin.getBytes("/evaluations/codes/counties/" + county + "/posters.pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        keep("county.pdf", pdf.body());
        long units = jdbc.sql("""
                SELECT count(*) FROM unit u JOIN jurisdiction j ON j.id = u.jurisdiction_id
                WHERE u.active AND j.path LIKE (SELECT path FROM jurisdiction WHERE id = ?) || '%'""")
                .param(county).query(Long.class).single();
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            assertThat(doc.getNumberOfPages()).isGreaterThanOrEqualTo((int) units);
        }
    }

    @Test
    void a_unit_leader_cannot_download_posters() {
        StaffClient leader = new StaffClient(port);
        leader.login("unitleader");
        assertThat(leader.getBytes("/evaluations/codes/units/1/poster.pdf").statusCode()).isEqualTo(403);
    }
}
