package io.minyi.org.web;

import io.minyi.platform.fields.Xlsx;
import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For every kind: an exported sheet imports again unchanged (nothing written, the next export the same), an edited cell
 * in it changes exactly that record, and numbers leave as numbers.
 */
@FullStackTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrgRoundTripFullStackTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private StaffClient admin;

    @BeforeAll
    void importAFreshCorner() {
        admin = new StaffClient(port);
        admin.login("admin");
        admin.get("/admin/officers/import");
        imported("jurisdictions", List.of("区划编码*", "名称*", "上级区划编码*"),
                List.of("RTJ-T1", "往返测试镇", "990101"), List.of("RTJ-V1", "往返测试村", "RTJ-T1"));
        imported("units", List.of("单位编码*", "单位名称*", "单位类型*", "所在区划编码*", "上级单位编码", "电话", "地址"),
                List.of("RTU-1", "往返测试司法所", "司法所", "RTJ-T1", "U-0001-06", "", ""),
                List.of("RTU-2", "往返测试派出所", "派出所", "RTJ-T1", "RTU-1", "0999-1", "往返路1号"));
        imported("officers", List.of("警号*", "姓名*", "单位编码*", "职务"),
                List.of("RTO-1", "往返干警一", "RTU-2", "民警"), List.of("RTO-2", "往返干警二", "RTU-2", ""));
        imported("staff", List.of("用户名*", "姓名*", "角色*", "单位编码*", "管辖区划编码*", "初始密码*", "手机", "邮箱",
                        "关联干警警号"),
                List.of("rtgrid1", "往返网格员", "网格员", "RTU-1", "RTJ-V1", "Round2026", "13800000000", "", ""),
                List.of("rtlead1", "往返所长", "单位领导、单位承办人", "RTU-2", "RTJ-T1", "Round2026", "", "rt@b.cn", "RTO-1"));
        imported("grids", List.of("网格编码*", "网格名称*", "网格类型*", "所在村（社区）编码*", "户数", "网格员用户名"),
                List.of("RTG-1", "往返网格", "农村网格", "RTJ-V1", "120", "rtgrid1"));
    }

    @SafeVarargs
    private void imported(String kind, List<String> header, List<String>... rows) {
        List<List<String>> sheet = new ArrayList<>();
        sheet.add(header);
        sheet.addAll(List.of(rows));
        assertThat(Workbooks.importAndWait(admin, kind, Workbooks.xlsx(sheet))).as(kind)
                .contains("共导入 " + rows.length + " 条");
    }

    private byte[] export(String kind, String query) {
        var res = admin.getBytes("/admin/" + kind + "/export?q=" + query);
        assertThat(res.statusCode()).isEqualTo(200);
        return res.body();
    }

    /** The import's own columns of every data row, as the import reads them. */
    private static List<List<String>> importColumns(byte[] sheet, int columns) {
        return Xlsx.read(sheet).stream().skip(1).map(r -> r.cells().subList(0, Math.min(columns, r.cells().size())))
                .map(cells -> {
                    List<String> padded = new ArrayList<>(cells);
                    while (padded.size() < columns) {
                        padded.add("");
                    }
                    return padded;
                }).toList();
    }

    private void reimportsUnchanged(String kind, String query, int columns, List<List<String>> expected) {
        byte[] first = export(kind, query);
        assertThat(importColumns(first, columns)).as(kind).containsExactlyElementsOf(expected);

        String page = Workbooks.importAndWait(admin, kind, first);
        assertThat(page).as(kind).contains("共导入 0 条");
        assertThat(jdbc.sql("SELECT after_state FROM audit_event WHERE action = ? ORDER BY id DESC LIMIT 1")
                .param(io.minyi.audit.AuditActions.current("IMPORT_" + kind.toUpperCase())).query(String.class).single())
                .startsWith("更新0条，未变" + expected.size() + "条");
        assertThat(importColumns(export(kind, query), columns)).as(kind).containsExactlyElementsOf(expected);
    }

    @Test
    void an_exported_sheet_of_every_kind_imports_again_unchanged() {
        reimportsUnchanged("jurisdictions", "RTJ-", 3, List.of(
                List.of("RTJ-T1", "往返测试镇", "990101"), List.of("RTJ-V1", "往返测试村", "RTJ-T1")));
        reimportsUnchanged("units", "RTU-", 7, List.of(
                List.of("RTU-1", "往返测试司法所", "司法所", "RTJ-T1", "U-0001-06", "", ""),
                List.of("RTU-2", "往返测试派出所", "派出所", "RTJ-T1", "RTU-1", "0999-1", "往返路1号")));
        reimportsUnchanged("officers", "RTO-", 4, List.of(
                List.of("RTO-1", "往返干警一", "RTU-2", "民警"), List.of("RTO-2", "往返干警二", "RTU-2", "")));
        reimportsUnchanged("staff", "%E5%BE%80%E8%BF%94", 9, List.of(
                List.of("rtgrid1", "往返网格员", "网格员", "RTU-1", "RTJ-V1", "", "13800000000", "", ""),
                List.of("rtlead1", "往返所长", "单位领导、单位承办人", "RTU-2", "RTJ-T1", "", "", "rt@b.cn", "RTO-1")));
        reimportsUnchanged("grids", "RTG-", 6, List.of(
                List.of("RTG-1", "往返网格", "农村网格", "RTJ-V1", "120", "rtgrid1")));
        assertThat(new StaffClient(port).login("rtlead1", "Round2026").headers().firstValue("Location").orElseThrow())
                .as("an unchanged import leaves the password alone").doesNotContain("error");
    }

    @Test
    void an_edited_cell_changes_that_record_and_nothing_else() {
        imported("officers", List.of("警号*", "姓名*", "单位编码*", "职务"),
                List.of("RTE-1", "编辑干警一", "RTU-2", "民警"), List.of("RTE-2", "编辑干警二", "RTU-2", ""));
        List<List<String>> sheet = new ArrayList<>();
        sheet.add(List.of("警号", "姓名", "单位编码", "职务"));
        sheet.addAll(importColumns(export("officers", "RTE-"), 4));
        sheet.set(1, List.of("RTE-1", "编辑干警一改", "RTU-2", "民警"));

        assertThat(Workbooks.importAndWait(admin, "officers", Workbooks.xlsx(sheet))).contains("共导入 1 条");
        assertThat(jdbc.sql("SELECT name FROM officer WHERE badge_no IN ('RTE-1', 'RTE-2') ORDER BY badge_no")
                .query(String.class).list()).containsExactly("编辑干警一改", "编辑干警二");
        assertThat(jdbc.sql("SELECT after_state FROM audit_event WHERE action = 'org.officer.import' ORDER BY id DESC LIMIT 1")
                .query(String.class).single()).startsWith("更新1条，未变1条");
    }

    @Test
    void a_row_with_an_error_changes_no_record() {
        String page = Workbooks.importAndWait(admin, "units", Workbooks.xlsx(List.of(
                List.of("单位编码*", "单位名称*", "单位类型*", "所在区划编码*", "上级单位编码", "电话", "地址"),
                List.of("RTU-2", "往返测试派出所改", "派出所", "NO-SUCH-PLACE", "RTU-1", "", ""))));
        assertThat(page).contains("第2行 第D列 所在区划编码NO-SUCH-PLACE不存在");
        assertThat(jdbc.sql("SELECT u.name || '@' || j.code FROM unit u JOIN jurisdiction j ON j.id = u.jurisdiction_id WHERE u.code = 'RTU-2'")
                .query(String.class).single()).isEqualTo("往返测试派出所@RTJ-T1");
    }

    @Test
    void numbers_leave_as_numbers() throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(export("grids", "RTG-")))) {
            var households = wb.getSheetAt(0).getRow(1).getCell(4);
            assertThat(households.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(households.getNumericCellValue()).isEqualTo(120.0);
        }
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(export("units", "RTU-2")))) {
            // the export's column for reading: officers in the unit, a count
            assertThat(wb.getSheetAt(0).getRow(1).getCell(9).getCellType()).isEqualTo(CellType.NUMERIC);
        }
    }
}
