package io.minyi.dispute;

import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The mediator pool's Excel export and import (all rows or none), like the other organisation data. */
@FullStackTest
class MediatorSheetTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void the_pool_goes_out_as_a_sheet_and_comes_back_in_all_or_nothing() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        StaffClient d1 = new StaffClient(port);
        d1.login("dispatcher1");
        HttpResponse<byte[]> out = d1.getBytes("/mediators.xlsx");
        assertThat(out.statusCode()).isEqualTo(200);
        String orgCode;
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(out.body()))) {
            Sheet s = wb.getSheetAt(0);
            assertThat(s.getRow(0).getCell(0).getStringCellValue()).isEqualTo("编码");
            Row demo = null;
            for (Row r : s) {
                if (r.getRowNum() > 0 && r.getCell(1).getStringCellValue().equals("林调解")) {
                    demo = r;
                }
            }
            assertThat(demo).isNotNull();
            orgCode = demo.getCell(3).getStringCellValue();
        }
        d1.get("/mediators");
        // one good row and one naming an organisation that does not exist: nothing is saved
        HttpResponse<String> bad = d1.postMultipart("/mediators/import", Map.of(), "file", "pool.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                sheet(List.of(new String[]{"T-" + tag + "-1", "测试甲", "专职调解员", orgCode, "", "邻里", "", "是"},
                        new String[]{"T-" + tag + "-2", "测试乙", "专职调解员", "NO-SUCH-ORG", "", "邻里", "", "是"})));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("第3行");
        assertThat(count(tag)).isZero();
        HttpResponse<String> good = d1.postMultipart("/mediators/import", Map.of(), "file", "pool.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                sheet(List.<String[]>of(new String[]{"T-" + tag + "-1", "测试甲", "专职调解员", orgCode, "13900001234",
                        "邻里、物业", "", "是"})));
        assertThat(good.statusCode()).isEqualTo(302);
        assertThat(count(tag)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT array_to_string(specialties, ',') FROM mediator WHERE code = ?")
                .param("T-" + tag + "-1").query(String.class).single()).isEqualTo("邻里,物业");
    }

    @Test
    void an_english_reader_gets_english_headings_and_words_and_the_import_reads_them_back() throws Exception {
        // the specialties are the seeded dispute categories: data, the same in both languages
        String tag = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        StaffClient d1 = new StaffClient(port);
        d1.login("dispatcher1");
        HttpResponse<byte[]> out = d1.getBytes("/mediators.xlsx?lang=en");
        assertThat(out.statusCode()).isEqualTo(200);
        String orgCode;
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(out.body()))) {
            Sheet s = wb.getSheetAt(0);
            assertThat(wb.getSheetName(0)).isEqualTo("Mediators");
            assertThat(s.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Code");
            assertThat(s.getRow(0).getCell(7).getStringCellValue()).isEqualTo("Active");
            Row demo = null;
            for (Row r : s) {
                if (r.getRowNum() > 0 && r.getCell(1).getStringCellValue().equals("林调解")) {
                    demo = r;
                }
            }
            assertThat(demo).isNotNull();
            assertThat(demo.getCell(2).getStringCellValue()).isIn("Mediation expert", "Full-time mediator",
                    "Invited mediator", "Duty lawyer");
            assertThat(demo.getCell(7).getStringCellValue()).isIn("yes", "no");
            orgCode = demo.getCell(3).getStringCellValue();
        }
        d1.get("/mediators");
        HttpResponse<String> bad = d1.postMultipart("/mediators/import", Map.of(), "file", "pool.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                sheet(List.<String[]>of(new String[]{"T-" + tag + "-1", "Test A", "Full-time mediator", "NO-SUCH-ORG",
                        "", "邻里", "", "yes"})));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("Row 2").doesNotContain("第2行");
        HttpResponse<String> good = d1.postMultipart("/mediators/import", Map.of(), "file", "pool.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                sheet(List.<String[]>of(new String[]{"T-" + tag + "-1", "Test A", "Full-time mediator", orgCode,
                        "", "邻里, 物业", "", "no"})));
        assertThat(good.statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT kind || ' ' || active || ' ' || array_to_string(specialties, '|') FROM mediator "
                + "WHERE code = ?").param("T-" + tag + "-1").query(String.class).single())
                .isEqualTo("FULL_TIME false 邻里|物业");
    }

    private long count(String tag) {
        return jdbc.sql("SELECT count(*) FROM mediator WHERE code LIKE ?").param("T-" + tag + "-%").query(Long.class).single();
    }

    private static byte[] sheet(List<String[]> rows) throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet s = wb.createSheet("调解员");
            String[] head = {"编码", "姓名", "类别", "所属组织编码", "电话", "专长", "服务区划代码", "在用"};
            Row h = s.createRow(0);
            for (int i = 0; i < head.length; i++) {
                h.createCell(i).setCellValue(head[i]);
            }
            for (int r = 0; r < rows.size(); r++) {
                Row row = s.createRow(r + 1);
                for (int i = 0; i < rows.get(r).length; i++) {
                    row.createCell(i).setCellValue(rows.get(r)[i]);
                }
            }
            wb.write(out);
            return out.toByteArray();
        }
    }
}
