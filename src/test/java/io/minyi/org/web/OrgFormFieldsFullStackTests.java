package io.minyi.org.web;

import io.minyi.platform.fields.Field;
import io.minyi.platform.fields.Input;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.minyi.support.FormControls.controlBlock;
import static io.minyi.support.FormControls.controls;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind's form is drawn from its field specification: the record form asks for exactly the specification's
 * fields (by their form parameter), each under its label, required and limited as its rule says; a refused POST shows
 * each problem beside the field it is about and keeps what was typed.
 */
@FullStackTest
class OrgFormFieldsFullStackTests {

    private static final Pattern RECORD_FORM = Pattern.compile("<form[^>]*class=\"record\"[^>]*>(.*?)</form>",
            Pattern.DOTALL);
    /** Fields a form does not ask for, and why: the grid's workers are changed one by one in their own section. */
    private static final Map<String, Set<String>> ELSEWHERE = Map.of("grids", Set.of("workers"));

    @LocalServerPort
    int port;
    @Autowired
    List<OrgKind<?, ?>> kinds;
    @Autowired
    MessageSource messages;
    @Autowired
    JdbcClient jdbc;

    private StaffClient admin() {
        StaffClient admin = new StaffClient(port);
        admin.login("admin");
        admin.get("/admin/officers");
        return admin;
    }

    @Test
    void each_kinds_new_and_stored_forms_ask_for_exactly_the_fields_of_its_specification() {
        StaffClient admin = admin();
        assertThat(kinds).extracting(OrgKind::path)
                .containsExactlyInAnyOrder("jurisdictions", "grids", "units", "officers", "staff");
        for (OrgKind<?, ?> kind : kinds) {
            String base = "/admin/" + kind.path();
            checkForm(kind, recordForm(admin.get(base + "/new"), base + "/new"), true);
            String stored = firstRecord(admin, base);
            checkForm(kind, recordForm(admin.get(stored), stored), false);
        }
    }

    private void checkForm(OrgKind<?, ?> kind, String form, boolean isNew) {
        Set<String> expected = kind.spec().fields().stream()
                .filter(f -> !ELSEWHERE.getOrDefault(kind.path(), Set.of()).contains(f.name()))
                .filter(f -> isNew || f.input().type() != Input.Type.PASSWORD)
                .map(f -> f.input().param()).collect(Collectors.toCollection(LinkedHashSet::new));
        expected.add("_csrf");
        expected.add(io.minyi.platform.SubmittedForms.FIELD); // every POST form's own token (decision 0075)
        Map<String, String> controls = controls(form);
        assertThat(controls.keySet()).as(kind.path() + (isNew ? " new" : " stored")).isEqualTo(expected);
        for (Field<?> f : kind.spec().fields()) {
            String tag = controls.get(f.input().param());
            if (tag == null) {
                continue;
            }
            String where = kind.path() + "." + f.name() + (isNew ? " new" : " stored");
            assertThat(form).as(where).contains(messages.getMessage(f.formLabel(), null, Locale.SIMPLIFIED_CHINESE));
            if (f.input().type() != Input.Type.CHOICES) {
                assertThat(tag.contains("required=")).as(where + " required").isEqualTo(f.requiredWhen(isNew));
            }
            if (f.input().type() == Input.Type.TEXT) {
                assertThat(tag).as(where).contains("maxlength=\"" + f.input().maxLength() + "\"");
                assertThat(tag.contains("readonly=")).as(where + " read-only").isEqualTo(f.readOnlyWhen(isNew));
            }
        }
        if (kind.path().equals("grids") && !isNew) {
            assertThat(form).as("the grid's workers are not a field of its record form").doesNotContain("workers");
        }
    }

    @Test
    void the_grids_workers_are_changed_in_their_own_section_of_a_stored_grids_page() {
        StaffClient admin = admin();
        String page = admin.get(firstRecord(admin, "/admin/grids")).body();
        assertThat(page).containsPattern("action=\"/admin/grids/\\d+/workers\"").contains("name=\"username\"");
    }

    @Test
    void a_refused_post_shows_each_problem_beside_its_field_in_chinese_and_keeps_what_was_typed() {
        StaffClient admin = admin();
        long unit = jdbc.sql("SELECT id FROM unit WHERE code = 'U-0003-10'").query(Long.class).single();
        String tooLong = "B".repeat(31);
        HttpResponse<String> res = admin.postForm("/admin/officers", Map.of("badgeNo", tooLong, "name", " ",
                "position", "<b>所长</b>", "unitId", String.valueOf(unit)));
        assertThat(res.statusCode()).isEqualTo(400);
        String form = recordForm(res, "refused officer");
        assertThat(controlBlock(form, "badgeNo")).contains("value=\"" + tooLong + "\"")
                .contains("aria-invalid=\"true\"").contains("警号不能超过30个字");
        assertThat(controlBlock(form, "name")).contains("姓名为空").doesNotContain("警号");
        assertThat(controlBlock(form, "position")).contains("value=\"&lt;b&gt;所长&lt;/b&gt;\"")
                .doesNotContain("field-problems");
        assertThat(controlBlock(form, "unitId")).containsPattern("value=\"" + unit + "\"\\s+selected");
        assertThat(res.body()).contains("class=\"alert error\"").contains("请改正下面标出的2处问题。");
    }

    @Test
    void a_unit_not_picked_is_missing_under_the_name_of_the_list_it_is_picked_from() {
        StaffClient admin = admin();
        HttpResponse<String> res = admin.postForm("/admin/officers", Map.of("badgeNo", "FORMS-1", "name", "未选单位"));
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(controlBlock(recordForm(res, "officer without unit"), "unitId")).contains("单位为空")
                .doesNotContain("单位编码");
    }

    @Test
    void a_reference_that_does_not_exist_is_refused_beside_its_field_in_english_too() {
        StaffClient admin = admin();
        admin.get("/admin/grids?lang=en");
        Map<String, String> grid = new HashMap<>(Map.of("code", "FORMS-" + System.nanoTime(), "name", "Form grid",
                "type", "RURAL", "villageCode", "NO-SUCH-VILLAGE", "households", "-1"));
        HttpResponse<String> res = admin.postForm("/admin/grids", grid);
        admin.get("/admin/grids?lang=zh_CN");
        assertThat(res.statusCode()).isEqualTo(400);
        String form = recordForm(res, "refused grid");
        assertThat(controlBlock(form, "villageCode"))
                .contains("Village / community code NO-SUCH-VILLAGE does not exist or is outside your jurisdiction");
        assertThat(controlBlock(form, "households")).contains("Households must be between 0 and 1000000");
        assertThat(controlBlock(form, "type")).containsPattern("value=\"RURAL\"\\s+selected");
        assertThat(jdbc.sql("SELECT count(*) FROM grid WHERE code = ?").param(grid.get("code")).query(Long.class)
                .single()).isZero();
    }

    private static String recordForm(HttpResponse<String> res, String what) {
        Matcher m = RECORD_FORM.matcher(res.body());
        assertThat(m.find()).as(what + ": " + res.statusCode()).isTrue();
        return m.group(1);
    }

    /** The page of the first record the kind's list shows the admin. */
    private static String firstRecord(StaffClient admin, String base) {
        Matcher m = Pattern.compile("href=\"(" + Pattern.quote(base) + "/\\d+)\"").matcher(admin.get(base).body());
        assertThat(m.find()).as("a record on " + base).isTrue();
        return m.group(1);
    }
}
