package io.minyi;

import io.minyi.casework.CaseIntake;
import io.minyi.casework.CaseType;
import io.minyi.casework.NewCase;
import io.minyi.casework.SourceChannel;
import io.minyi.reporting.internal.DailyReports;
import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17, English mode: an export read in English has English headings; what people wrote and the names of places
 * stay as they were recorded (data), so the checks look at the headings only.
 */
@FullStackTest
class EnglishExportsFullStackTests {

    @LocalServerPort int port;
    @Autowired CaseIntake intake;
    @Autowired DailyReports reports;
    @Autowired JdbcTemplate jdbc;

    @Test
    void a_case_ledger_read_in_english_has_english_headings_and_in_chinese_the_chinese_ones() throws Exception {
        long county1 = jdbc.queryForObject("SELECT jurisdiction_id FROM staff_account WHERE username = 'dispatcher1'", Long.class);
        long id = intake.receive(new NewCase(CaseType.DISPUTE, SourceChannel.WALK_IN, county1, null, null, null, null,
                "ledger in English " + UUID.randomUUID(), null, null, null)).caseId();
        StaffClient dispatcher = new StaffClient(port);
        dispatcher.login("dispatcher1");

        var en = dispatcher.getBytes("/cases/" + id + "/ledger.xlsx?lang=en");
        assertThat(en.statusCode()).isEqualTo(200);
        assertThat(en.headers().firstValue("Content-Disposition").orElse("")).doesNotContain("%E5%8F%B0");
        try (var wb = new XSSFWorkbook(new ByteArrayInputStream(en.body()))) {
            Sheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("Ledger");
            List<String> headings = new ArrayList<>();
            Row header = null;
            for (Row row : sheet) {
                if (row.getCell(0) != null && "No.".equals(row.getCell(0).getStringCellValue())) {
                    header = row;
                    break;
                }
                headings.add(row.getCell(0).getStringCellValue());
            }
            assertThat(header).as("the steps' header row").isNotNull();
            header.forEach(c -> headings.add(c.getStringCellValue()));
            assertThat(headings).contains("Tracking code", "Step", "Evidence").noneMatch(JavaSource::hasCjk);
            Row first = sheet.getRow(header.getRowNum() + 1);
            assertThat(first.getCell(2).getStringCellValue()).isEqualTo("Registered");
        }
        try (var doc = Loader.loadPDF(dispatcher.getBytes("/cases/" + id + "/ledger.pdf?lang=en").body())) {
            assertThat(new PDFTextStripper().getText(doc)).contains("Case ledger", "Tracking code", "Dispute / Walk-in");
        }

        try (var wb = new XSSFWorkbook(new ByteArrayInputStream(
                dispatcher.getBytes("/cases/" + id + "/ledger.xlsx?lang=zh_CN").body()))) {
            assertThat(wb.getSheetAt(0).getSheetName()).isEqualTo("台账");
            assertThat(wb.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).isEqualTo("查询码");
        }
    }

    @Test
    void a_resident_reads_the_tracking_page_in_english_and_can_switch_back() {
        long county1 = jdbc.queryForObject("SELECT jurisdiction_id FROM staff_account WHERE username = 'dispatcher1'", Long.class);
        var receipt = intake.receive(new NewCase(CaseType.DISPUTE, SourceChannel.WALK_IN, county1, null, null, null, null,
                "tracking in English " + UUID.randomUUID(), null, null, null));
        StaffClient resident = new StaffClient(port);
        String zh = resident.get("/t/" + receipt.trackingCode()).body();
        assertThat(zh).contains("已受理，等待甄别", "矛盾纠纷", "?lang=en");
        String en = resident.get("/t/" + receipt.trackingCode() + "?lang=en").body();
        assertThat(en).contains("Received, waiting to be screened", "Dispute", "lang=\"en\"", "?lang=zh_CN")
                .doesNotContain("已受理，等待甄别");
    }

    @Test
    void the_dispute_ledger_and_the_letters_sheet_read_in_english_have_english_headings() throws Exception {
        StaffClient dispatcher = new StaffClient(port);
        dispatcher.login("dispatcher1");
        try (var wb = new XSSFWorkbook(new ByteArrayInputStream(
                dispatcher.getBytes("/disputes/ledger.xlsx?lang=en").body()))) {
            List<String> headings = new ArrayList<>();
            headings.add(wb.getSheetAt(0).getSheetName());
            wb.getSheetAt(0).getRow(0).forEach(c -> headings.add(c.getStringCellValue()));
            assertThat(headings).contains("Ledger", "Parties", "Loop deadline").noneMatch(JavaSource::hasCjk);
        }
        StaffClient supervisor = new StaffClient(port);
        supervisor.login("supervisor");
        try (var wb = new XSSFWorkbook(new ByteArrayInputStream(
                supervisor.getBytes("/supervision/letters.xlsx?lang=en").body()))) {
            List<String> headings = new ArrayList<>();
            headings.add(wb.getSheetAt(0).getSheetName());
            wb.getSheetAt(0).getRow(0).forEach(c -> headings.add(c.getStringCellValue()));
            assertThat(headings).contains("Supervision letters", "Number", "Acknowledged by").noneMatch(JavaSource::hasCjk);
        }
    }

    @Test
    void a_daily_report_read_in_english_has_english_headings_sheets_and_sentences() throws Exception {
        long cityReport = reports.generateAll(LocalDate.of(2021, 3, 7)).getFirst();
        StaffClient leader = new StaffClient(port);
        leader.login("leader");

        var xlsx = leader.getBytes("/reports/daily/" + cityReport + ".xlsx?lang=en");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (var wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            List<String> headings = new ArrayList<>();
            for (Sheet sheet : wb) {
                headings.add(sheet.getSheetName());
            }
            Sheet summary = wb.getSheetAt(0);
            for (Row row : summary) {
                headings.add(row.getCell(0).getStringCellValue());
            }
            wb.getSheet("By category").getRow(0).forEach(c -> headings.add(c.getStringCellValue()));
            assertThat(headings).contains("Summary", "Received", "Evaluation satisfaction rate", "Category")
                    .noneMatch(JavaSource::hasCjk);
        }
        String city = jdbc.queryForObject("SELECT jurisdiction_name FROM daily_report WHERE id = ?", String.class, cityReport);
        try (var doc = Loader.loadPDF(leader.getBytes("/reports/daily/" + cityReport + ".pdf?lang=en").body())) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains(city + " daily summary (2021-03-07)", "By type", "Petition");
            String words = text;
            for (String place : jdbc.queryForList("SELECT name FROM org_jurisdiction ORDER BY length(name) DESC",
                    String.class)) {
                words = words.replace(place, "");
            }
            assertThat(words).as("only names of places are Chinese").matches(t -> !JavaSource.hasCjk(t));
        }
        try (var doc = Loader.loadPDF(leader.getBytes("/reports/daily/" + cityReport + ".pdf?lang=zh_CN").body())) {
            assertThat(new PDFTextStripper().getText(doc)).contains(city + " 每日汇总（2021-03-07）", "分类型");
        }
    }
}
