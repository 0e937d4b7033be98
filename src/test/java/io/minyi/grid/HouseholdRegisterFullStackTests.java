package io.minyi.grid;

import io.minyi.grid.internal.Households;
import io.minyi.platform.fields.Xlsx;
import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The township centre's household register lists like every staff list: pages with the total, a search over the
 * head's name, the address and the building, a grid and a care-kind filter, within the caller's grids only. Each test
 * adds its own households, named by a token of its own, and reads only those.
 */
@FullStackTest
class HouseholdRegisterFullStackTests {

    private static final String REGISTER = "/grid/centre/households";
    private static final Pattern ADDRESS = Pattern.compile("href=\"/grid/centre/households/\\d+\">([^<]*)</a>");
    private static final Pattern NEXT = Pattern.compile("<a href=\"([^\"]+)\">下一页</a>");

    @LocalServerPort
    int port;
    @Autowired
    Households households;
    @Autowired
    JdbcClient jdbc;

    private record Grid(long id, String path) {
    }

    @Test
    void twenty_five_households_take_two_pages_and_the_second_page_linked_from_the_first_shows_the_rest() {
        String token = token();
        Grid grid = gridsOf("dispatcher1").getFirst();
        IntStream.rangeClosed(1, 25).forEach(i -> add(grid, token + "-" + "%02d".formatted(i), "户主" + i, null, "ORDINARY"));
        StaffClient d = login("dispatcher1");
        HttpResponse<String> first = d.get(REGISTER + "?q=" + encode(token));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("第 1 / 2 页，共 25 条");
        List<String> onFirst = addresses(first.body());
        assertThat(onFirst).hasSize(20);
        Matcher next = NEXT.matcher(first.body());
        assertThat(next.find()).as("a link to the next page").isTrue();
        HttpResponse<String> second = d.get(next.group(1).replace("&amp;", "&"));
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).contains("第 2 / 2 页，共 25 条").contains("value=\"" + token + "\"");
        List<String> onSecond = addresses(second.body());
        assertThat(onSecond).hasSize(5);
        Set<String> all = new HashSet<>(onFirst);
        all.addAll(onSecond);
        assertThat(all).containsExactlyInAnyOrderElementsOf(
                IntStream.rangeClosed(1, 25).mapToObj(i -> token + "-" + "%02d".formatted(i)).toList());
    }

    @Test
    void the_search_finds_by_the_heads_name_the_address_or_the_building_and_the_filters_narrow_it() {
        String token = token();
        List<Grid> grids = gridsOf("dispatcher1");
        Grid a = grids.getFirst();
        Grid b = grids.get(1);
        add(a, token + "路1号", "甲" + token, null, "ORDINARY");
        add(a, "幸福路" + token + "号", "乙某", null, "HARDSHIP");
        add(b, "和平路9号" + token.substring(0, 4), "丙某", token + "楼", "HARDSHIP");
        StaffClient d = login("dispatcher1");
        assertThat(addresses(d.get(REGISTER + "?q=" + encode("甲" + token)).body())).containsExactly(token + "路1号");
        assertThat(addresses(d.get(REGISTER + "?q=" + encode("幸福路" + token)).body()))
                .containsExactly("幸福路" + token + "号");
        assertThat(addresses(d.get(REGISTER + "?q=" + encode(token + "楼")).body()))
                .containsExactly("和平路9号" + token.substring(0, 4));
        assertThat(addresses(d.get(REGISTER + "?q=" + encode(token)).body())).hasSize(3);
        assertThat(addresses(d.get(REGISTER + "?q=" + encode(token) + "&grid=" + a.id()).body()))
                .containsExactlyInAnyOrder(token + "路1号", "幸福路" + token + "号");
        assertThat(addresses(d.get(REGISTER + "?q=" + encode(token) + "&care=HARDSHIP").body()))
                .containsExactlyInAnyOrder("幸福路" + token + "号", "和平路9号" + token.substring(0, 4));
        HttpResponse<String> narrowest = d.get(REGISTER + "?q=" + encode(token) + "&grid=" + a.id() + "&care=HARDSHIP");
        assertThat(addresses(narrowest.body())).containsExactly("幸福路" + token + "号");
        assertThat(narrowest.body()).containsPattern("value=\"" + a.id() + "\"\\s+selected")
                .containsPattern("value=\"HARDSHIP\"\\s+selected");
    }

    @Test
    void the_export_linked_from_a_searched_list_holds_what_the_search_finds_masked() {
        String token = token();
        Grid grid = gridsOf("dispatcher1").getFirst();
        households.upsert(new Households.NewHousehold(grid.id(), grid.path(), null, token + "导出1", "户主",
                "11010119900307123X", "13800138000", 2, "HARDSHIP", null, null));
        add(grid, token + "导出2", "户主", null, "ORDINARY");
        StaffClient d = login("dispatcher1");
        Matcher export = Pattern.compile("id=\"export-households\" href=\"([^\"]+)\"")
                .matcher(d.get(REGISTER + "?care=HARDSHIP&q=" + encode(token)).body());
        assertThat(export.find()).as("the export link").isTrue();
        HttpResponse<byte[]> sheet = d.getBytes(export.group(1).replace("&amp;", "&"));
        assertThat(sheet.statusCode()).isEqualTo(200);
        List<List<String>> rows = Xlsx.read(sheet.body()).stream().skip(1).map(Xlsx.SheetRow::cells).toList();
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst()).contains(token + "导出1", "110***********123X", "138****8000")
                .doesNotContain("11010119900307123X");
    }

    @Test
    void percent_underscore_and_backslash_typed_in_the_box_match_only_themselves() {
        String token = token();
        Grid grid = gridsOf("dispatcher1").getFirst();
        for (String tail : List.of("%甲", "_乙", "\\丙", "丁戊")) {
            add(grid, token + tail, "户主", null, "ORDINARY");
        }
        StaffClient d = login("dispatcher1");
        assertThat(addresses(d.get(REGISTER + "?q=" + encode(token + "%")).body())).containsExactly(token + "%甲");
        assertThat(addresses(d.get(REGISTER + "?q=" + encode(token + "_")).body())).containsExactly(token + "_乙");
        assertThat(addresses(d.get(REGISTER + "?q=" + encode(token + "\\")).body())).containsExactly(token + "\\丙");
        assertThat(addresses(d.get(REGISTER + "?q=" + encode(token)).body())).hasSize(4);
    }

    @Test
    void another_countys_households_never_appear_and_its_grid_cannot_be_asked_for() {
        String token = token();
        Grid near = gridsOf("dispatcher1").getFirst();
        Grid far = gridInCountyOf("dispatcher2", token);
        add(near, token + "近处", "户主", null, "ORDINARY");
        add(far, token + "远处", "户主", null, "ORDINARY");
        long farHousehold = jdbc.sql("SELECT id FROM grid_household WHERE address = ?").param(token + "远处")
                .query(Long.class).single();
        StaffClient d1 = login("dispatcher1");
        assertThat(addresses(d1.get(REGISTER + "?q=" + encode(token)).body())).containsExactly(token + "近处");
        assertThat(addresses(d1.get(REGISTER).body())).doesNotContain(token + "远处");
        HttpResponse<String> farGrid = d1.get(REGISTER + "?grid=" + far.id());
        assertThat(farGrid.statusCode()).isEqualTo(400);
        assertThat(farGrid.body()).contains("所选网格不存在或不在您的管辖范围").doesNotContain(token);
        assertThat(d1.get(REGISTER + "/" + farHousehold).statusCode()).isEqualTo(404);
        StaffClient d2 = login("dispatcher2");
        HttpResponse<String> theirs = d2.get(REGISTER + "?q=" + encode(token));
        assertThat(addresses(theirs.body())).containsExactly(token + "远处");
        assertThat(theirs.body()).doesNotContain("<option value=\"" + near.id() + "\"");
    }

    @Test
    void bad_page_grid_care_or_search_parameters_are_refused_with_a_message_or_ignored_never_a_500() {
        StaffClient d = login("dispatcher1");
        for (String ignored : List.of("?page=-1", "?page=0", "?page=2147483647", "?page=99999", "?grid=&care=&q=",
                "?q=" + encode("<script>alert(1)</script>"), "?care=" + encode("困难家庭"))) {
            HttpResponse<String> res = d.get(REGISTER + ignored);
            assertThat(res.statusCode()).as(ignored).isEqualTo(200);
            assertThat(res.body()).as(ignored).contains("id=\"households\"").doesNotContain("<script>alert(1)");
        }
        assertThat(d.get(REGISTER + "?page=2147483647").body()).doesNotContain("第 2147483647");
        List<List<String>> refused = List.of(
                List.of("?page=abc", "请求"), List.of("?grid=abc", "请求"),
                List.of("?grid=999999999", "所选网格不存在或不在您的管辖范围"),
                List.of("?care=NOPE", "所选住户类别不存在"),
                List.of("?q=" + "长".repeat(500), "搜索内容不能超过50个字"));
        for (List<String> bad : refused) {
            HttpResponse<String> res = d.get(REGISTER + bad.get(0).replace("长", encode("长")));
            assertThat(res.statusCode()).as(bad.get(0)).isEqualTo(400);
            assertThat(res.body()).as(bad.get(0)).contains(bad.get(1));
        }
    }

    @Test
    void each_list_view_is_audited_with_its_page_and_filter_but_never_a_number_typed_in_the_search() {
        String token = token();
        add(gridsOf("dispatcher1").getFirst(), token + "审计", "户主", null, "HARDSHIP");
        StaffClient d = login("dispatcher1");
        assertThat(d.get(REGISTER + "?care=HARDSHIP&q=" + encode(token)).statusCode()).isEqualTo(200);
        assertThat(d.get(REGISTER + "?q=" + encode(token + " 11010119900307123X")).statusCode()).isEqualTo(200);
        List<String> trail = jdbc.sql("""
                        SELECT after_state FROM audit_event WHERE actor = 'dispatcher1' AND action = 'grid.household.view'
                        AND record_id = 'list' AND after_state LIKE ? ORDER BY id""").param("%" + token + "%")
                .query(String.class).list();
        assertThat(trail).hasSize(2);
        assertThat(trail.getFirst()).contains("page 1/1").contains("1 of 1 rows").contains("q=" + token)
                .contains("care=HARDSHIP");
        assertThat(trail.get(1)).contains("0 of 0 rows").doesNotContain("19900307").contains("******");
    }

    /**
     * A unique search text without digits: the trail masks a run of six or more digits typed in the search (as an ID
     * or phone number), and a hex token has such a run about one time in ten.
     */
    private String token() {
        StringBuilder t = new StringBuilder("登");
        java.util.concurrent.ThreadLocalRandom.current().ints(10, 'a', 'z' + 1).forEach(c -> t.append((char) c));
        return t.toString();
    }

    private void add(Grid grid, String address, String head, String building, String care) {
        households.upsert(new Households.NewHousehold(grid.id(), grid.path(), building, address, head, null, null, 3,
                care, null, null));
    }

    private List<Grid> gridsOf(String dispatcher) {
        return jdbc.sql("""
                        SELECT g.id, j.path FROM grid g JOIN jurisdiction j ON j.id = g.village_id
                        WHERE g.active AND j.path LIKE (SELECT p.path FROM staff_account s
                            JOIN jurisdiction p ON p.id = s.jurisdiction_id WHERE s.username = ?) || '%'
                        ORDER BY g.id LIMIT 2""").param(dispatcher)
                .query((rs, i) -> new Grid(rs.getLong(1), rs.getString(2))).list();
    }

    /** The demo city's grids are all in the first county: the second gets one of this test's own. */
    private Grid gridInCountyOf(String dispatcher, String token) {
        long village = jdbc.sql("""
                        SELECT min(v.id) FROM jurisdiction v WHERE v.level = 'VILLAGE' AND v.path LIKE (SELECT p.path
                            FROM staff_account s JOIN jurisdiction p ON p.id = s.jurisdiction_id WHERE s.username = ?)
                            || '%'""").param(dispatcher).query(Long.class).single();
        long id = jdbc.sql("INSERT INTO grid (village_id, type, code, name) VALUES (?, 'RURAL', ?, ?) RETURNING id")
                .params(village, "G" + token.substring(1), "远处网格" + token).query(Long.class).single();
        return new Grid(id, jdbc.sql("SELECT path FROM jurisdiction WHERE id = ?").param(village)
                .query(String.class).single());
    }

    private StaffClient login(String username) {
        StaffClient c = new StaffClient(port);
        c.login(username);
        return c;
    }

    private static List<String> addresses(String page) {
        List<String> found = new ArrayList<>();
        Matcher m = ADDRESS.matcher(page);
        while (m.find()) {
            found.add(m.group(1).replace("&amp;", "&"));
        }
        return found;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
