package io.minyi.org.web;

import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

@FullStackTest
class OrgImportFullStackTests {

    private static final List<String> OFFICER_HEADER = List.of("警号*", "姓名*", "单位编码*", "职务");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private StaffClient admin() {
        StaffClient admin = new StaffClient(port);
        admin.login("admin");
        admin.get("/admin/officers/import");
        return admin;
    }

    private long officersWithBadgePrefix(String prefix) {
        return jdbc.sql("SELECT count(*) FROM officer WHERE badge_no LIKE ?").param(prefix + "%")
                .query(Long.class).single();
    }

    @Test
    void a_file_with_errors_imports_nothing_and_lists_every_error_by_row_and_column() {
        List<List<String>> rows = List.of(
                OFFICER_HEADER,
                List.of("IMPERR-1", "王一", "U-0001-10", "民警"),
                List.of("", "王二", "U-0001-10", "民警"),
                List.of("IMPERR-3", "王三", "U-NO-SUCH", "民警"),
                List.of("IMPERR-1", "王四", "U-0001-10", "民警"),
                List.of("IMPERR-5", "", "U-0001-10", "民警"));
        StaffClient admin = admin();
        Workbooks.Finished job = Workbooks.importJob(admin, "officers", Workbooks.xlsx(rows));
        String page = job.page();

        assertThat(page).contains("发现 4 处错误，未导入任何数据")
                .contains("第3行 警号为空")
                .contains("第4行 第C列 单位编码U-NO-SUCH不存在")
                .contains("第5行 第A列 警号IMPERR-1与第2行重复")
                .contains("第6行 姓名为空");
        assertThat(officersWithBadgePrefix("IMPERR-")).isZero();

        // what htmx polls: the status fragment alone, which stops polling once the job is over
        HttpResponse<String> fragment = admin.get(job.path() + "/status");
        assertThat(fragment.statusCode()).isEqualTo(200);
        assertThat(fragment.body()).startsWith("<section").contains("第3行 警号为空").doesNotContain("<html")
                .doesNotContain("hx-trigger");
        StaffClient otherAdmin = new StaffClient(port);
        otherAdmin.login("dispatcher");
        assertThat(otherAdmin.get(job.path()).statusCode()).isEqualTo(403);
    }

    @Test
    void three_thousand_officers_import_in_one_go_and_show_up_in_the_list() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(OFFICER_HEADER);
        for (int i = 0; i < 3000; i++) {
            rows.add(List.of("IMPOK-" + i, "导入干警" + i, i % 2 == 0 ? "U-0001-10" : "U-0002-03", "民警"));
        }
        StaffClient admin = admin();
        long started = System.nanoTime();
        String page = Workbooks.importAndWait(admin, "officers", Workbooks.xlsx(rows));
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(page).contains("导入成功，共导入 3000 条");
        assertThat(officersWithBadgePrefix("IMPOK-")).isEqualTo(3000);
        assertThat(admin.get("/admin/officers?q=IMPOK-2999").body()).contains("导入干警2999");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'org.officer.import' AND after_state LIKE '%3000名，警号 IMPOK-0 … IMPOK-2999'")
                .query(Long.class).single()).isEqualTo(1);
        // generous bound for a shared CI machine; bench/ measures the real figure
        assertThat(millis).isLessThan(30_000);
    }

    @Test
    void jurisdictions_units_grids_and_staff_import_with_references_inside_the_same_file() {
        StaffClient admin = admin();
        assertThat(Workbooks.importAndWait(admin, "jurisdictions", Workbooks.xlsx(List.of(
                List.of("区划编码*", "名称*", "上级区划编码*"),
                List.of("IMPJ-T1", "导入测试镇", "990101"),
                List.of("IMPJ-V1", "导入测试村", "IMPJ-T1")))))
                .contains("共导入 2 条");
        assertThat(jdbc.sql("SELECT level FROM jurisdiction WHERE code = 'IMPJ-V1'").query(String.class).single())
                .isEqualTo("VILLAGE");

        assertThat(Workbooks.importAndWait(admin, "units", Workbooks.xlsx(List.of(
                List.of("单位编码*", "单位名称*", "单位类型*", "所在区划编码*", "上级单位编码", "电话", "地址"),
                List.of("IMPU-1", "导入测试司法所", "司法所", "IMPJ-T1", "U-0001-06", "", ""),
                List.of("IMPU-2", "导入测试派出所", "派出所", "IMPJ-T1", "U-0001-03", "0999-1", "测试路1号")))))
                .contains("共导入 2 条");

        assertThat(Workbooks.importAndWait(admin, "staff", Workbooks.xlsx(List.of(
                List.of("用户名*", "姓名*", "角色*", "单位编码*", "管辖区划编码*", "初始密码*", "手机", "邮箱", "关联干警警号"),
                List.of("impgrid1", "导入网格员", "网格员", "IMPU-1", "IMPJ-V1", "Import2026", "13800000000", "", ""),
                List.of("impleader1", "导入所长", "单位领导、单位承办人", "IMPU-2", "IMPJ-T1", "Import2026", "", "a@b.cn", "")))))
                .contains("共导入 2 条");

        assertThat(Workbooks.importAndWait(admin, "grids", Workbooks.xlsx(List.of(
                List.of("网格编码*", "网格名称*", "网格类型*", "所在村（社区）编码*", "户数", "网格员用户名"),
                List.of("IMPG-1", "导入测试网格", "农村网格", "IMPJ-V1", "120", "impgrid1")))))
                .contains("共导入 1 条");
        assertThat(jdbc.sql("""
                SELECT count(*) FROM grid_worker w JOIN grid g ON g.id = w.grid_id JOIN staff_account s ON s.id = w.staff_id
                WHERE g.code = 'IMPG-1' AND s.username = 'impgrid1'""").query(Long.class).single()).isEqualTo(1);

        StaffClient imported = new StaffClient(port);
        assertThat(imported.login("impleader1", "Import2026").headers().firstValue("Location").orElseThrow())
                .doesNotContain("error");
    }

    @Test
    void each_kind_offers_a_template_with_a_chinese_header_an_example_and_notes() throws Exception {
        StaffClient admin = admin();
        for (String kind : List.of("jurisdictions", "units", "officers", "grids", "staff")) {
            HttpResponse<byte[]> res = admin.getBytes("/admin/" + kind + "/template");
            assertThat(res.statusCode()).isEqualTo(200);
            try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(res.body()))) {
                assertThat(wb.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).endsWith("*");
                assertThat(wb.getSheetAt(0).getLastRowNum()).isEqualTo(1);
                assertThat(wb.getSheet("说明")).isNotNull();
            }
        }
    }

    @Test
    void an_export_is_a_readable_workbook_of_the_filtered_list() throws Exception {
        String name = jdbc.sql("SELECT name FROM officer ORDER BY id LIMIT 1").query(String.class).single();
        HttpResponse<byte[]> res = admin().getBytes("/admin/officers/export?q="
                + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8));
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type").orElseThrow()).startsWith(Workbooks.XLSX);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(res.body()))) {
            var sheet = wb.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("警号");
            assertThat(sheet.getLastRowNum()).isPositive();
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                assertThat(sheet.getRow(r).getCell(1).getStringCellValue()
                        + sheet.getRow(r).getCell(0).getStringCellValue()
                        + sheet.getRow(r).getCell(2).getStringCellValue()).contains(name);
            }
        }
        for (String kind : List.of("jurisdictions", "units", "grids", "staff")) {
            HttpResponse<byte[]> list = admin().getBytes("/admin/" + kind + "/export");
            try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(list.body()))) {
                assertThat(wb.getSheetAt(0).getLastRowNum()).as(kind).isPositive();
            }
        }
    }

    @Test
    void a_file_that_is_not_an_xlsx_workbook_is_refused_with_400_whatever_its_name() throws Exception {
        StaffClient admin = admin();
        String path = "/admin/officers/import";
        HttpResponse<String> text = admin.postMultipart(path, Map.of(), "file", "officers.xlsx", Workbooks.XLSX,
                "警号,姓名\n1,张三\n".getBytes(StandardCharsets.UTF_8));
        assertThat(text.statusCode()).isEqualTo(400);
        assertThat(text.body()).contains("不是有效的 Excel 工作簿");

        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("hello.txt"));
            out.write("not a workbook".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        HttpResponse<String> plainZip = admin.postMultipart(path, Map.of(), "file", "officers.xlsx", Workbooks.XLSX,
                zip.toByteArray());
        assertThat(plainZip.statusCode()).isEqualTo(400);

        byte[] good = Workbooks.xlsx(List.of(OFFICER_HEADER, List.of("TRUNC-1", "张三", "U-0001-10", "民警")));
        HttpResponse<String> truncated = admin.postMultipart(path, Map.of(), "file", "officers.xlsx", Workbooks.XLSX,
                java.util.Arrays.copyOf(good, good.length / 2));
        assertThat(truncated.statusCode()).isEqualTo(400);
        assertThat(truncated.body()).contains("不是有效的 Excel 工作簿");

        HttpResponse<String> wrongTemplate = admin.postMultipart(path, Map.of(), "file", "units.xlsx", Workbooks.XLSX,
                Workbooks.xlsx(List.of(List.of("单位编码*", "单位名称*"), List.of("X", "Y"))));
        assertThat(wrongTemplate.statusCode()).isEqualTo(400);
        assertThat(wrongTemplate.body()).contains("第1行 第A列 表头应为“警号”");
        assertThat(officersWithBadgePrefix("TRUNC-")).isZero();
    }

    @Test
    void a_50_mb_upload_is_refused_with_413_and_a_chinese_message() {
        StaffClient admin = admin();
        byte[] huge = new byte[50 * 1024 * 1024];
        huge[0] = 'P';
        huge[1] = 'K';
        HttpResponse<String> res = admin.postMultipart("/admin/officers/import", Map.of(),
                "file", "huge.xlsx", Workbooks.XLSX, huge);
        assertThat(res.statusCode()).isEqualTo(413);
        assertThat(res.body()).contains("上传的文件太大");
    }
}
