package io.minyi;

import io.minyi.dispute.internal.PoolAdmin;
import io.minyi.grid.internal.HouseholdAdmin;
import io.minyi.platform.fields.Field;
import io.minyi.platform.fields.FieldSpec;
import io.minyi.platform.fields.Input;
import io.minyi.platform.fields.Xlsx;
import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.minyi.support.FormControls.controlBlock;
import static io.minyi.support.FormControls.controls;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mediator and household kinds are drawn from one field specification each (decision 0058): each form asks for
 * exactly its specification's fields, a refused form shows each problem beside its field, and an exported sheet
 * imports again without changing a thing.
 */
@FullStackTest
class KindsFromSpecFullStackTests {

    private static final String XLSX = Xlsx.CONTENT_TYPE;

    @LocalServerPort
    int port;
    @Autowired
    PoolAdmin pool;
    @Autowired
    HouseholdAdmin households;
    @Autowired
    MessageSource messages;
    @Autowired
    JdbcClient jdbc;

    private StaffClient dispatcher(String page) {
        StaffClient d = new StaffClient(port);
        d.login("dispatcher1");
        d.get(page);
        return d;
    }

    @Test
    void the_mediator_form_asks_for_exactly_the_fields_of_its_specification() {
        StaffClient d = dispatcher("/mediators");
        checkForm("mediator", pool.fields().spec(), form(d.get("/mediators"), "mediator-form"), true);
    }

    @Test
    void the_household_forms_new_and_stored_ask_for_exactly_the_fields_of_its_specification() {
        StaffClient d = dispatcher("/grid/centre/households");
        FieldSpec spec = households.fields().spec();
        checkForm("household", spec, form(d.get("/grid/centre/households/new"), "household-form"), true);
        Matcher first = Pattern.compile("href=\"(/grid/centre/households/\\d+)\"")
                .matcher(d.get("/grid/centre/households").body());
        assertThat(first.find()).as("a household on the register").isTrue();
        checkForm("household", spec, form(d.get(first.group(1)), "household-form"), false);
    }

    private void checkForm(String kind, FieldSpec spec, String form, boolean isNew) {
        Set<String> expected = spec.fields().stream().map(f -> f.input().param())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        expected.add("_csrf");
        expected.add(io.minyi.platform.SubmittedForms.FIELD); // every POST form's own token (decision 0075)
        Map<String, String> controls = controls(form);
        assertThat(controls.keySet()).as(kind + (isNew ? " new" : " stored")).isEqualTo(expected);
        for (Field<?> f : spec.fields()) {
            String tag = controls.get(f.input().param());
            String where = kind + "." + f.name() + (isNew ? " new" : " stored");
            assertThat(form).as(where).contains(messages.getMessage(f.formLabel(), null, Locale.SIMPLIFIED_CHINESE));
            if (f.input().type() == Input.Type.TEXT) {
                assertThat(tag).as(where).contains("maxlength=\"" + f.input().maxLength() + "\"");
                assertThat(tag.contains("readonly=")).as(where + " read-only").isEqualTo(f.readOnlyWhen(isNew));
            }
            if (f.input().type() != Input.Type.CHOICES) {
                assertThat(tag.contains("required=")).as(where + " required").isEqualTo(f.requiredWhen(isNew));
            }
        }
    }

    @Test
    void the_organisation_form_asks_for_exactly_its_fields_and_no_form_takes_over_a_code_of_another_county() {
        StaffClient d = dispatcher("/mediators");
        checkForm("organisation", pool.orgFields().spec(), form(d.get("/mediators"), "org-form"), true);
        String org = jdbc.sql("SELECT o.code || '|' || o.name || '|' || m.code FROM mediation_org o "
                + "JOIN mediator m ON m.org_id = o.id WHERE m.name = '林调解'").query(String.class).single();
        String[] taken = org.split("\\|");
        StaffClient far = new StaffClient(port);
        far.login("dispatcher2");
        far.get("/mediators");
        long farPlace = jdbc.sql("SELECT jurisdiction_id FROM staff_account WHERE username = 'dispatcher2'")
                .query(Long.class).single();
        HttpResponse<String> res = far.postForm("/mediators/orgs", Map.of("code", taken[0], "name", "越界组织",
                "kind", "PROFESSIONAL", "jurisdictionId", String.valueOf(farPlace)));
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(controlBlock(form(res, "org-form"), "code")).contains("已是您管辖范围以外的调解组织的编码");
        HttpResponse<String> mediator = far.postForm("/mediators", Map.of("code", taken[2], "name", "越界调解员",
                "kind", "EXPERT"));
        assertThat(mediator.statusCode()).isEqualTo(400);
        assertThat(controlBlock(form(mediator, "mediator-form"), "code")).contains("已是您管辖范围以外的调解员的编码");
        assertThat(jdbc.sql("SELECT o.code || '|' || o.name || '|' || m.code FROM mediation_org o "
                + "JOIN mediator m ON m.org_id = o.id WHERE m.name = '林调解'").query(String.class).single())
                .isEqualTo(org);
    }

    @Test
    void a_refused_mediator_shows_each_problem_beside_its_field_and_nothing_is_saved() {
        StaffClient d = dispatcher("/mediators");
        String code = "BAD CODE " + UUID.randomUUID().toString().substring(0, 4);
        HttpResponse<String> res = d.postForm("/mediators", Map.of("code", code, "name", "表单调解员",
                "kind", "FULL_TIME", "phone", "12", "specialties", "邻里,不是类型"));
        assertThat(res.statusCode()).isEqualTo(400);
        String form = form(res, "mediator-form");
        assertThat(controlBlock(form, "code")).contains("value=\"" + code + "\"").contains("aria-invalid=\"true\"")
                .contains("请填写调解员编码");
        assertThat(controlBlock(form, "orgId")).contains("所属组织为空");
        assertThat(controlBlock(form, "phone")).contains("电话号码不正确");
        assertThat(form).contains("专长“不是类型”不正确");
        assertThat(controlBlock(form, "kind")).containsPattern("value=\"FULL_TIME\"\\s+selected");
        assertThat(jdbc.sql("SELECT count(*) FROM mediator WHERE name = '表单调解员'").query(Long.class).single())
                .isZero();
    }

    @Test
    void an_exported_mediator_sheet_imports_again_unchanged() {
        StaffClient d = dispatcher("/mediators");
        String before = mediators();
        HttpResponse<byte[]> sheet = d.getBytes("/mediators.xlsx");
        assertThat(sheet.statusCode()).isEqualTo(200);
        assertThat(Xlsx.read(sheet.body()).size()).isGreaterThan(40);
        d.get("/mediators");
        HttpResponse<String> back = d.postMultipart("/mediators/import", Map.of(), "file", "pool.xlsx", XLSX,
                sheet.body());
        assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
        assertThat(d.get("/mediators").body()).contains("新增或修改 0 名调解员");
        assertThat(mediators()).isEqualTo(before);
    }

    @Test
    void an_exported_household_sheet_is_masked_audited_and_imports_again_unchanged() {
        StaffClient d = dispatcher("/grid/centre/households");
        String before = householdRows();
        long exports = audits("grid.household.export");
        HttpResponse<byte[]> sheet = d.getBytes("/grid/centre/households.xlsx");
        assertThat(sheet.statusCode()).isEqualTo(200);
        assertThat(audits("grid.household.export")).isEqualTo(exports + 1);
        List<Xlsx.SheetRow> rows = Xlsx.read(sheet.body());
        assertThat(rows.getFirst().cells()).startsWith("网格编号", "楼栋/场所", "地址", "户主姓名", "身份证号");
        assertThat(rows.subList(1, rows.size())).isNotEmpty()
                .allSatisfy(r -> assertThat(r.cell(4)).matches("|\\d{3}\\*{11}[\\dXx]{4}"))
                .allSatisfy(r -> assertThat(r.cell(5)).doesNotContainPattern("\\d{7}"));
        d.get("/grid/centre");
        HttpResponse<String> back = d.postMultipart("/grid/centre/households", Map.of(), "file", "h.xlsx", XLSX,
                sheet.body());
        assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
        assertThat(d.get("/grid/centre").body()).contains("新增 0 户，更新 0 户，" + (rows.size() - 1) + " 户未变");
        assertThat(householdRows()).isEqualTo(before);
    }

    @Test
    void an_english_reader_exports_households_in_english_and_the_sheet_imports_back_unchanged() {
        StaffClient d = dispatcher("/grid/centre/households?lang=en");
        try {
            String before = householdRows();
            byte[] sheet = d.getBytes("/grid/centre/households.xlsx").body();
            List<Xlsx.SheetRow> rows = Xlsx.read(sheet);
            assertThat(rows.getFirst().cells()).startsWith("Grid code", "Building/site", "Address", "Head of household");
            assertThat(rows.subList(1, rows.size())).extracting(r -> r.cell(7)).contains("Hardship", "Elderly alone")
                    .doesNotContain("困难家庭");
            d.get("/grid/centre");
            HttpResponse<String> back = d.postMultipart("/grid/centre/households", Map.of(), "file", "h.xlsx", XLSX,
                    sheet);
            assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
            assertThat(d.get("/grid/centre").body()).contains("0 added, 0 updated, " + (rows.size() - 1) + " unchanged");
            assertThat(householdRows()).isEqualTo(before);
        } finally {
            d.get("/grid/centre?lang=zh_CN");
        }
    }

    @Test
    void a_masked_id_number_only_keeps_the_stored_one_and_a_new_household_needs_it_in_full() {
        StaffClient d = dispatcher("/grid/centre/households/new");
        String grid = jdbc.sql("SELECT code FROM grid WHERE id = ?").param(workersGrid()).query(String.class).single();
        String address = "表单路" + UUID.randomUUID().toString().substring(0, 6) + "号";
        HttpResponse<String> masked = d.postMultipart("/grid/centre/households", Map.of(), "file", "h.xlsx", XLSX,
                sheet(List.of(grid, "", address, "周表单", "420***********1234", "", "2", "困难家庭")));
        assertThat(masked.statusCode()).isEqualTo(400);
        assertThat(masked.body()).contains("第2行 第E列 身份证号已隐去部分数字");

        d.get("/grid/centre/households/new");
        HttpResponse<String> created = d.postForm("/grid/centre/households/new", Map.of("gridId",
                String.valueOf(workersGrid()), "address", address, "headName", "周表单", "idNumber",
                "420102198001011234", "phone", "13900002222", "members", "2", "care", "HARDSHIP"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        String page = created.headers().firstValue("Location").orElseThrow();
        String hash = jdbc.sql("SELECT id_hash FROM grid_household WHERE address = ?").param(address)
                .query(String.class).single();
        String form = form(d.get(page), "household-form");
        assertThat(controlBlock(form, "idNumber")).contains("value=\"420***********1234\"");
        assertThat(controlBlock(form, "address")).contains("readonly");

        Map<String, String> edit = new HashMap<>(Map.of("gridId", String.valueOf(workersGrid()), "address", address,
                "headName", "周改名", "idNumber", "420***********1234", "phone", "139****2222", "members", "3",
                "care", "困难家庭"));
        assertThat(d.postForm(page, edit).statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT head_name || ' ' || members || ' ' || id_hash || ' ' || phone_masked "
                + "FROM grid_household WHERE address = ?").param(address).query(String.class).single())
                .isEqualTo("周改名 3 " + hash + " 139****2222");
        assertThat(audits("grid.household.update")).isPositive();

        StaffClient far = new StaffClient(port);
        far.login("dispatcher2");
        assertThat(far.get(page).statusCode()).isEqualTo(404);
    }

    private long workersGrid() {
        return jdbc.sql("""
                SELECT gw.grid_id FROM grid_worker gw JOIN staff_account s ON s.id = gw.staff_id
                WHERE s.username = 'gridworker' ORDER BY gw.grid_id LIMIT 1""").query(Long.class).single();
    }

    private String mediators() {
        return jdbc.sql("""
                SELECT string_agg(concat_ws('|', code, name, kind, org_id, staff_id, phone, specialties::text,
                    served_paths::text, active), E'\\n' ORDER BY id) FROM mediator""").query(String.class).single();
    }

    private String householdRows() {
        return jdbc.sql("""
                SELECT string_agg(concat_ws('|', grid_id, building_id, address, head_name, id_masked, id_hash,
                    phone_masked, members, care_kind, lat, lon), E'\\n' ORDER BY id) FROM grid_household""")
                .query(String.class).single();
    }

    private long audits(String action) {
        return jdbc.sql("SELECT count(*) FROM audit_event WHERE action = ?").param(action).query(Long.class).single();
    }

    private static byte[] sheet(List<String> row) {
        return Xlsx.write("住户", List.of("网格编号", "楼栋/场所", "地址", "户主姓名", "身份证号", "联系电话", "人数", "类别"),
                List.of(row), List.of());
    }

    /** The form with the HTML id {@code id}. */
    private static String form(HttpResponse<String> res, String id) {
        Matcher m = Pattern.compile("<form[^>]*id=\"" + id + "\"[^>]*>(.*?)</form>", Pattern.DOTALL)
                .matcher(res.body());
        assertThat(m.find()).as(id + ": " + res.statusCode()).isTrue();
        return m.group(1);
    }
}
