package io.minyi.survey.internal;

import io.minyi.org.DemoStaff;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.UnitRef;
import io.minyi.org.StaffUser;
import io.minyi.platform.InvalidInputException;
import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The list of people to survey is read as a stream of rows: 100,000 people (the most one file may hold) written as
 * Excel writes them (shared strings, phones typed as numbers, unit codes, both channels) import in full; a file with
 * bad rows — one of them after the first thousand, which had already been written — is refused over HTTP with the
 * row numbers in Chinese and leaves nothing behind; one more row than allowed is refused as too large.
 */
@FullStackTest
class SurveyImportTests {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired OrgDirectory org;
    @Autowired DemoStaff staff;
    @Autowired Campaigns campaigns;
    @Autowired Invitations invitations;
    @Autowired SurveyResults results;
    @Autowired MessageSource messages;
    @Autowired Clock clock;

    @Test
    void a_sheet_of_100000_people_imports_row_by_row() throws IOException {
        StaffUser supervisor = staff.account("supervisor");
        long id = campaign(supervisor);
        UnitRef unit = org.unitsWithin(org.root().path()).getFirst();
        int people = Invitations.MAX_IMPORT_ROWS;
        String prefix = "135" + String.format("%02d", Math.floorMod(UUID.randomUUID().hashCode(), 100));
        byte[] sheet = sheet(people, r -> new Object[]{
                "受访者" + r,
                // every other phone typed as a number, as a pasted column often is
                r % 2 == 0 ? (Object) Double.valueOf(prefix + String.format("%06d", r)) : prefix + String.format("%06d", r),
                r % 10 == 0 ? unit.code() : "",
                r % 7 == 0 ? "电话" : "短信"});

        int imported = staff.as(supervisor, () -> invitations.importPeople(supervisor, id, new ByteArrayInputStream(sheet)));

        assertThat(imported).isEqualTo(people);
        record Counts(long all, long withUnit, long byPhone, long masked) {
        }
        Counts counts = jdbc.sql("""
                        SELECT count(*), count(unit_id), count(*) FILTER (WHERE channel = 'PHONE'),
                               count(*) FILTER (WHERE phone_masked LIKE '135%') FROM survey_invitation WHERE campaign_id = ?""")
                .param(id).query((rs, n) -> new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))).single();
        assertThat(counts).isEqualTo(new Counts(people, people / 10, people / 7, people));
        long last = jdbc.sql("SELECT max(id) FROM survey_invitation WHERE campaign_id = ?").param(id).query(Long.class).single();
        assertThat(jdbc.sql("SELECT person_name FROM survey_invitation WHERE id = ?").param(last).query(String.class).single())
                .as("rows are written in the sheet's order").isEqualTo("受访者" + people);
        assertThat(staff.as(supervisor, () -> invitations.phoneOf(last, 0)))
                .contains(prefix + String.format("%06d", people));
        Campaign c = staff.as(supervisor, () -> campaigns.get(supervisor, id));
        assertThat(results.result(c).total().invited()).isEqualTo(people);

        // not left for other tests to page through: the campaign's people go again (the tally follows the delete)
        jdbc.sql("DELETE FROM survey_invitation WHERE campaign_id = ?").param(id).update();
        assertThat(results.result(c).total().invited()).isZero();
    }

    @Test
    void bad_rows_refuse_the_whole_file_with_their_row_numbers() throws IOException {
        StaffUser supervisor = staff.account("supervisor");
        long id = campaign(supervisor);
        StaffClient client = new StaffClient(port);
        client.login("supervisor");
        client.get("/surveys/" + id);
        String prefix = "134" + String.format("%02d", Math.floorMod(UUID.randomUUID().hashCode(), 100));
        // 2,500 rows: the first thousand are written before row 1,502 turns out bad
        byte[] sheet = sheet(2_500, r -> switch (r) {
            case 1_501 -> new Object[]{"张三", "12345", "", "短信"};
            case 2_000 -> new Object[]{"李".repeat(51), prefix + "000001", "", "短信"};
            case 2_100 -> new Object[]{"王五", prefix + "000002", "NO-SUCH-UNIT", "短信"};
            case 2_200 -> new Object[]{"赵六", prefix + "000003", "", "信件"};
            case 2_300 -> new Object[]{"", "", "", ""}; // an empty row is skipped, not an error
            default -> new Object[]{"受访者" + r, prefix + String.format("%06d", r), "", "短信"};
        });

        var refused = client.postMultipart("/surveys/" + id + "/import", Map.of(), "file", "list.xlsx", XLSX, sheet);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("第 1502 行", "第 2001 行", "第 2101 行", "第 2201 行")
                .doesNotContain("第 2301 行", "第 1501 行");
        assertThat(jdbc.sql("SELECT count(*) FROM survey_invitation WHERE campaign_id = ?").param(id).query(Long.class)
                .single()).as("nothing imported from a refused file").isZero();

        var notExcel = client.postMultipart("/surveys/" + id + "/import", Map.of(), "file", "list.xlsx", XLSX,
                "姓名,手机号".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(notExcel.statusCode()).isEqualTo(400);
        assertThat(notExcel.body()).contains("请上传 .xlsx 格式的名单文件");
    }

    @Test
    void one_row_more_than_allowed_is_refused_as_too_large() throws IOException {
        StaffUser supervisor = staff.account("supervisor");
        long id = campaign(supervisor);
        Campaign c = staff.as(supervisor, () -> campaigns.get(supervisor, id));
        byte[] sheet = sheet(51, r -> new Object[]{"受访者" + r, "139" + String.format("%08d", r), "", "短信"});
        List<Integer> chunks = new ArrayList<>();
        PeopleSheet reader = new PeopleSheet(org, messages, c);

        assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(sheet), 50, chunk -> chunks.add(chunk.size())))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.problems()).containsExactly("survey.error.importTooLarge"));
        assertThat(new PeopleSheet(org, messages, c).read(new ByteArrayInputStream(sheet), 51, chunk -> chunks.add(chunk.size())))
                .isEqualTo(51);
        assertThat(chunks).containsExactly(51);
    }

    private long campaign(StaffUser supervisor) {
        LocalDate today = LocalDate.now(clock);
        return staff.as(supervisor, () -> campaigns.create(supervisor, new Campaigns.CampaignForm("SATISFACTION",
                "名单导入-" + UUID.randomUUID().toString().substring(0, 8), org.root().id(), today, today.plusDays(30), 2,
                List.of())));
    }

    /** A sheet as Excel saves it (strings shared), streamed out so that the test itself stays small. */
    private static byte[] sheet(int rows, IntFunction<Object[]> row) throws IOException {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(null, 1000, true, true); var out = new ByteArrayOutputStream()) {
            SXSSFSheet s = wb.createSheet("名单");
            Row head = s.createRow(0);
            String[] cols = {"姓名", "手机号", "单位编码", "方式"};
            for (int c = 0; c < cols.length; c++) {
                head.createCell(c).setCellValue(cols[c]);
            }
            for (int r = 1; r <= rows; r++) {
                Row out1 = s.createRow(r);
                Object[] values = row.apply(r);
                for (int c = 0; c < values.length; c++) {
                    if (values[c] instanceof Double d) {
                        out1.createCell(c).setCellValue(d);
                    } else if (!((String) values[c]).isEmpty()) {
                        out1.createCell(c).setCellValue((String) values[c]);
                    }
                }
            }
            wb.write(out);
            wb.dispose();
            return out.toByteArray();
        }
    }
}
