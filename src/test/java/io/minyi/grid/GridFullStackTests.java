package io.minyi.grid;

import io.minyi.audit.AuditTrail;
import io.minyi.reporting.internal.DailyReports;
import io.minyi.support.FullStackTest;
import io.minyi.support.HomeTodos;
import io.minyi.support.StaffClient;
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
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.minyi.support.Eventually.eventually;
import static io.minyi.grid.GridWorkerClient.Part;
import static io.minyi.grid.GridWorkerClient.postJson;
import static org.assertj.core.api.Assertions.assertThat;

@FullStackTest
class GridFullStackTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AuditTrail audit;
    @Autowired
    GridFigures figures;
    @Autowired
    io.minyi.reporting.internal.DailyReports reports;
    @Autowired
    io.minyi.org.OrgDirectory org;

    static final java.time.ZoneId CHINA = java.time.ZoneId.of("Asia/Shanghai");

    private StaffClient worker() {
        StaffClient c = new StaffClient(port);
        assertThat(c.login("gridworker").statusCode()).isEqualTo(302);
        return c;
    }

    private long myGrid() {
        return jdbc.queryForObject("""
                SELECT gw.grid_id FROM grid_worker gw JOIN staff_account s ON s.id = gw.staff_id
                WHERE s.username = 'gridworker' ORDER BY gw.grid_id LIMIT 1""", Long.class);
    }

    private Map<String, String> event(String key, String disposition, String marker) {
        Map<String, String> f = new HashMap<>(Map.of("key", key, "gridId", String.valueOf(myGrid()),
                "category", "FIRE", "description", "楼道堆放杂物堵塞消防通道 " + marker, "people", "张三",
                "lat", "30.605", "lon", "114.305", "disposition", disposition));
        if (disposition.equals("SELF_RESOLVED")) {
            f.put("resolution", "已督促清理");
        }
        return f;
    }

    @Test
    void the_grid_worker_has_a_menu_entry_a_home_with_grids_and_reports_and_the_phone_pages_open() {
        StaffClient w = worker();
        assertThat(w.get("/").body()).contains("href=\"/grid\"");
        HttpResponse<String> home = w.get("/grid");
        assertThat(home.statusCode()).isEqualTo(200);
        String gridName = jdbc.queryForObject("SELECT name FROM grid WHERE id = ?", String.class, myGrid());
        assertThat(home.body()).contains(gridName).contains("我的上报").contains("今日待办")
                .contains("/grid/manifest.webmanifest").contains("/grid/outbox.js");
        assertThat(w.get("/grid/report").body()).contains("name=\"key\"").contains("治安隐患").contains("capture=\"environment\"");
        assertThat(w.get("/grid/visit").statusCode()).isEqualTo(200);
        assertThat(w.get("/grid/sw.js").statusCode()).isEqualTo(200);
        HttpResponse<String> manifest = w.get("/grid/manifest.webmanifest");
        assertThat(manifest.headers().firstValue("Content-Type").orElse("")).startsWith("application/manifest+json");
        assertThat(manifest.body()).contains("\"start_url\":\"/grid\"");
        // the worker may not open the pool, the centre nor another role's pages
        assertThat(w.get("/grid/centre").statusCode()).isEqualTo(403);
    }

    @Test
    void household_data_is_masked_and_every_view_is_audited() {
        StaffClient w = worker();
        long before = audit.historyOf("grid", String.valueOf(myGrid())).size();
        HttpResponse<String> page = w.get("/grid/households");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).containsPattern("420\\*{11}\\d{4}").doesNotContainPattern("\\d{17}[\\dX]");
        assertThat(audit.historyOf("grid", String.valueOf(myGrid())).size()).isGreaterThan((int) before);
    }

    @Test
    void the_workers_households_are_searched_and_paged_and_bad_parameters_are_refused_with_a_message() {
        StaffClient w = worker();
        String address = jdbc.queryForObject("SELECT address FROM grid_household WHERE grid_id = ? ORDER BY id LIMIT 1",
                String.class, myGrid());
        assertThat(w.get("/grid/households").body()).contains("id=\"household-search\"");
        HttpResponse<String> found = w.get("/grid/households?q=" + java.net.URLEncoder.encode(address,
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).contains(address);
        assertThat(w.get("/grid/households?q=%25").body()).contains("暂无住户");
        assertThat(w.get("/grid/households?page=9999").statusCode()).isEqualTo(200);
        HttpResponse<String> badPage = w.get("/grid/households?page=abc");
        assertThat(badPage.statusCode()).isEqualTo(400);
        HttpResponse<String> longQuery = w.get("/grid/households?q=" + "住".repeat(51));
        assertThat(longQuery.statusCode()).isEqualTo(400);
        assertThat(longQuery.body()).contains("搜索内容不能超过50个字");
    }

    @Test
    void a_report_with_a_photo_is_stored_clean_and_a_replayed_draft_returns_the_first_record() throws Exception {
        StaffClient w = worker();
        String key = UUID.randomUUID().toString();
        String marker = key.substring(0, 8);
        HttpResponse<String> first = postJson(w, "/grid/events", event(key, "SELF_RESOLVED", marker),
                List.of(new Part("photos", "现场.png", "image/png", png(900, 600))));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        HttpResponse<String> again = postJson(w, "/grid/events", event(key, "SELF_RESOLVED", marker),
                List.of(new Part("photos", "现场.png", "image/png", png(900, 600))));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"replay\":true");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM grid_event WHERE description LIKE ?", Long.class,
                "%" + marker)).isEqualTo(1);
        long id = jdbc.queryForObject("SELECT id FROM grid_event WHERE description LIKE ?", Long.class, "%" + marker);
        assertThat(jdbc.queryForObject("SELECT closed_at IS NOT NULL AND case_id IS NULL FROM grid_event WHERE id = ?",
                Boolean.class, id)).isTrue();
        HttpResponse<byte[]> photo = w.getBytes("/grid/events/" + id + "/photos/1");
        assertThat(photo.statusCode()).isEqualTo(200);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(photo.body()));
        assertThat(img.getWidth()).isEqualTo(900);
        assertThat(w.get("/grid").body()).contains(marker.substring(0, 4)).contains("已就地化解");
    }

    @Test
    void bad_input_is_refused_with_a_chinese_message_and_nothing_is_stored() {
        StaffClient w = worker();
        String marker = UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> notImage = postJson(w, "/grid/events", event(UUID.randomUUID().toString(), "ESCALATED",
                marker), List.of(new Part("photos", "x.jpg", "image/jpeg", "<?php echo 1; ?>".getBytes())));
        assertThat(notImage.statusCode()).isEqualTo(400);
        assertThat(notImage.body()).contains("照片无法识别");
        Map<String, String> abroad = event(UUID.randomUUID().toString(), "ESCALATED", marker);
        abroad.put("lat", "48.8566");
        abroad.put("lon", "2.3522");
        HttpResponse<String> paris = postJson(w, "/grid/events", abroad, List.of());
        assertThat(paris.statusCode()).isEqualTo(400);
        assertThat(paris.body()).contains("位置不在中国境内");
        Map<String, String> noResolution = event(UUID.randomUUID().toString(), "SELF_RESOLVED", marker);
        noResolution.remove("resolution");
        assertThat(postJson(w, "/grid/events", noResolution, List.of()).body()).contains("请填写化解情况");
        Map<String, String> otherGrid = event(UUID.randomUUID().toString(), "ESCALATED", marker);
        otherGrid.put("gridId", String.valueOf(jdbc.queryForObject(
                "SELECT max(id) FROM grid WHERE id <> ?", Long.class, myGrid())));
        assertThat(postJson(w, "/grid/events", otherGrid, List.of()).statusCode()).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM grid_event WHERE description LIKE ?", Long.class,
                "%" + marker)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM cases WHERE content LIKE ?", Long.class,
                "%" + marker + "%")).isZero();
    }

    @Test
    void an_escalated_event_runs_the_loop_with_its_grid_and_closes_only_when_the_worker_confirms_on_site()
            throws Exception {
        StaffClient w = worker();
        String key = UUID.randomUUID().toString();
        String marker = key.substring(0, 8);
        assertThat(postJson(w, "/grid/events", event(key, "ESCALATED", marker), List.of()).statusCode())
                .isEqualTo(201);
        long eventId = jdbc.queryForObject("SELECT id FROM grid_event WHERE description LIKE ?", Long.class,
                "%" + marker);
        long caseId = jdbc.queryForObject("SELECT case_id FROM grid_event WHERE id = ?", Long.class, eventId);
        assertThat(jdbc.queryForMap("SELECT type, grid_id, channel FROM cases WHERE id = ?", caseId))
                .containsEntry("type", "GRID_EVENT").containsEntry("grid_id", myGrid())
                .containsEntry("channel", "GRID_VISIT");
        String gridName = jdbc.queryForObject("SELECT name FROM grid WHERE id = ?", String.class, myGrid());

        StaffClient dispatcher = new StaffClient(port);
        dispatcher.login("dispatcher1");
        String pool = dispatcher.get("/pool?type=GRID_EVENT").body();
        assertThat(pool).contains(gridName).contains(marker);
        long station = jdbc.queryForObject("SELECT unit_id FROM staff_account WHERE username = 'handler'", Long.class);
        ok(dispatcher.postForm("/cases/" + caseId + "/accept", Map.of()));
        ok(dispatcher.postForm("/cases/" + caseId + "/triage", Map.of("category", "安全隐患", "risk", "MEDIUM",
                "unitId", String.valueOf(station))));
        ok(dispatcher.postForm("/cases/" + caseId + "/dispatch", Map.of("unitId", String.valueOf(station))));
        assertThat(w.get("/grid/events/" + eventId).body()).contains("已交办责任单位");

        StaffClient handler = new StaffClient(port);
        handler.login("handler");
        handler.get("/cases/" + caseId);
        ok(handler.postForm("/cases/" + caseId + "/sign", Map.of()));
        handler.get("/cases/" + caseId);
        ok(handler.postForm("/cases/" + caseId + "/report", Map.of("outcome", "RESOLVED", "findings", "已清理杂物")));
        StaffClient unitLeader = new StaffClient(port);
        unitLeader.login("unitleader");
        unitLeader.get("/cases/" + caseId);
        ok(unitLeader.postForm("/cases/" + caseId + "/unit-approve", Map.of()));
        StaffClient reviewer = new StaffClient(port);
        reviewer.login("policeleader");
        reviewer.get("/cases/" + caseId);
        ok(reviewer.postForm("/cases/" + caseId + "/approve", Map.of()));
        assertThat(state(caseId)).isEqualTo("AWAITING_FEEDBACK");

        long workerId = jdbc.queryForObject("SELECT id FROM staff_account WHERE username = 'gridworker'", Long.class);
        eventually(() -> jdbc.queryForObject("SELECT count(*) FROM notification WHERE staff_id = ? AND dedup_key LIKE ?",
                Long.class, workerId, "grid-confirm:" + caseId + "%") > 0, "the grid worker is asked to confirm");
        assertThat(w.get("/grid").body()).contains("待您现场核实");
        // the staff home page counts it among the worker's to-dos, as the phone tool lists it
        long toConfirm = HomeTodos.count(w, "/grid#today");
        assertThat(toConfirm).isPositive();
        // another grid worker cannot see nor confirm it
        StaffClient other = new StaffClient(port);
        other.login("grid00002");
        assertThat(other.get("/grid").statusCode()).isEqualTo(200);
        assertThat(other.get("/grid/events/" + eventId).statusCode()).isEqualTo(404);
        assertThat(other.postForm("/grid/events/" + eventId + "/confirm", Map.of("resolved", "true")).statusCode())
                .isEqualTo(404);
        // not solved without a note: refused, nothing changes
        w.get("/grid/events/" + eventId);
        assertThat(w.postForm("/grid/events/" + eventId + "/confirm", Map.of("resolved", "false")).statusCode())
                .isEqualTo(409);
        assertThat(state(caseId)).isEqualTo("AWAITING_FEEDBACK");
        ok(w.postForm("/grid/events/" + eventId + "/confirm", Map.of("resolved", "true", "note", "现场已畅通")));
        assertThat(state(caseId)).isEqualTo("CLOSED");
        assertThat(HomeTodos.count(w, "/grid#today")).isEqualTo(toConfirm - 1);
        assertThat(jdbc.queryForList("SELECT action FROM case_step WHERE case_id = ? ORDER BY id", String.class, caseId))
                .endsWith("APPROVE", "CONFIRM_ON_SITE");
        eventually(() -> jdbc.queryForObject("SELECT closed_at IS NOT NULL FROM grid_event WHERE id = ?", Boolean.class,
                eventId), "the grid event is closed with its case");
    }

    @Test
    void the_home_page_counts_the_households_due_for_a_visit_as_the_filtered_households_page_lists_them() {
        StaffClient w = worker();
        List<Long> grids = jdbc.queryForList("""
                SELECT gw.grid_id FROM grid_worker gw JOIN staff_account s ON s.id = gw.staff_id
                WHERE s.username = 'gridworker'""", Long.class);
        LocalDate today = LocalDate.now(CHINA);
        String due = """
                SELECT h.id FROM grid_household h WHERE h.grid_id = ANY(?) AND NOT EXISTS (SELECT 1 FROM grid_visit v
                WHERE v.household_id = h.id AND v.visited_on >= CASE WHEN h.care_kind = 'ORDINARY' THEN ? ELSE ? END)
                ORDER BY h.care_kind = 'ORDINARY', h.id""";
        List<Long> dueIds = jdbc.queryForList(due, Long.class, grids.toArray(Long[]::new), today.minusMonths(6),
                today.minusMonths(1));
        assertThat(dueIds).as("the demo grid has households never visited").isNotEmpty();
        assertThat(HomeTodos.count(w, "/grid/households?due=true")).isEqualTo(dueIds.size());
        HttpResponse<String> page = w.get("/grid/households?due=true");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("共 " + java.text.NumberFormat.getIntegerInstance(java.util.Locale.CHINA)
                .format(dueIds.size()) + " 户待走访").contains("name=\"due\" value=\"true\"");
        assertThat(w.get("/grid").body()).contains("/grid/households?due=true");

        // a visit today takes the household off the list, and the count with it
        long household = dueIds.getFirst();
        long grid = jdbc.queryForObject("SELECT grid_id FROM grid_household WHERE id = ?", Long.class, household);
        String address = jdbc.queryForObject("SELECT address FROM grid_household WHERE id = ?", String.class, household);
        String search = "/grid/households?due=true&q=" + java.net.URLEncoder.encode(address,
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(w.get(search).body()).contains(address);
        assertThat(postJson(w, "/grid/visits", Map.of("key", UUID.randomUUID().toString(), "gridId",
                String.valueOf(grid), "householdId", String.valueOf(household), "visitedOn", today.toString(),
                "kind", "ROUTINE", "findings", "走访待办计数测试"), List.of()).statusCode()).isEqualTo(201);
        assertThat(HomeTodos.count(w, "/grid/households?due=true")).isEqualTo(dueIds.size() - 1);
        assertThat(w.get(search).body()).doesNotContain("<strong>" + address + "</strong>");
    }

    @Test
    void a_visit_counts_and_a_dispute_found_on_it_becomes_a_dispute_case_with_its_grid() {
        StaffClient w = worker();
        long household = jdbc.queryForObject("SELECT min(id) FROM grid_household WHERE grid_id = ?", Long.class,
                myGrid());
        String key = UUID.randomUUID().toString();
        String marker = key.substring(0, 8);
        Map<String, String> visit = Map.of("key", key, "gridId", String.valueOf(myGrid()), "householdId",
                String.valueOf(household), "visitedOn", LocalDate.now().toString(), "kind", "EMPTY_NEST",
                "findings", "老人身体尚可 " + marker, "dispute", "与邻居因院墙发生争执 " + marker);
        assertThat(postJson(w, "/grid/visits", visit, List.of()).statusCode()).isEqualTo(201);
        assertThat(postJson(w, "/grid/visits", visit, List.of()).body()).contains("\"replay\":true");
        assertThat(jdbc.queryForMap("SELECT type, grid_id FROM cases WHERE content LIKE ?", "%院墙%" + marker + "%"))
                .containsEntry("type", "DISPUTE").containsEntry("grid_id", myGrid());
        Map<String, String> future = new HashMap<>(visit);
        future.put("key", UUID.randomUUID().toString());
        future.put("visitedOn", LocalDate.now().plusDays(3).toString());
        assertThat(postJson(w, "/grid/visits", future, List.of()).body()).contains("走访日期");
    }

    @Test
    void the_figures_agree_with_a_count_of_the_rows() {
        String path = jdbc.queryForObject("SELECT j.path FROM grid g JOIN jurisdiction j ON j.id = g.village_id WHERE g.id = ?",
                String.class, myGrid());
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        var f = figures.within(path, today.minusDays(29), today);
        Instant from = today.minusDays(29).atStartOfDay(java.time.ZoneId.of("Asia/Shanghai")).toInstant();
        long reported = jdbc.queryForObject("SELECT count(*) FROM grid_event WHERE path LIKE ? AND reported_at >= ?",
                Long.class, path + "%", java.sql.Timestamp.from(from));
        long self = jdbc.queryForObject("SELECT count(*) FROM grid_event WHERE path LIKE ? AND reported_at >= ? AND disposition = 'SELF_RESOLVED'",
                Long.class, path + "%", java.sql.Timestamp.from(from));
        assertThat(f.reported()).isEqualTo(reported).isPositive();
        assertThat(f.selfResolved()).isEqualTo(self);
        assertThat(f.selfResolvedShare()).isEqualTo((double) self / reported);
        assertThat(f.escalated()).isEqualTo(reported - self);
        assertThat(f.households()).isPositive();
        assertThat(f.householdsCovered()).isPositive().isLessThanOrEqualTo(f.households());
        assertThat(f.visitsPerWorkerPerWeek()).isPositive();
    }

    @Test
    void the_township_centre_sees_events_workers_and_a_map_and_imports_boundaries_and_households() throws Exception {
        StaffClient d = new StaffClient(port);
        d.login("dispatcher1");
        HttpResponse<String> page = d.get("/grid/centre");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("grid-map").contains("/dist/leaflet.js")
                .contains("尚无边界").contains("14天无活动");
        var leaflet = java.util.regex.Pattern.compile("src=\"(/webjars/leaflet/[^\"]+)\"").matcher(page.body());
        assertThat(leaflet.find()).isTrue();
        assertThat(d.get(leaflet.group(1)).statusCode()).isEqualTo(200);
        String map = d.getJson("/grid/centre/map.json").body();
        assertThat(map).contains("\"FeatureCollection\"").contains("\"Polygon\"").contains("\"points\":[{");

        String code = jdbc.queryForObject("SELECT code FROM grid WHERE id = ?", String.class, myGrid());
        String geo = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"code\":\""
                + code + "\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[114.3,30.6],[114.31,30.6],"
                + "[114.31,30.61],[114.3,30.61],[114.3,30.6]]]}},{\"type\":\"Feature\",\"properties\":{\"code\":\"NOPE\"},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[114.3,30.6],[114.31,30.6],[114.31,30.61],[114.3,30.6]]]}}]}";
        HttpResponse<String> imported = d.postMultipart("/grid/centre/boundaries", Map.of(), "file", "grids.geojson",
                "application/geo+json", geo.getBytes());
        assertThat(imported.statusCode()).isEqualTo(302);
        assertThat(d.get("/grid/centre").body()).contains("已导入 1 个网格边界").contains("NOPE");
        HttpResponse<String> bad = d.postMultipart("/grid/centre/boundaries", Map.of(), "file", "x.geojson",
                "application/geo+json", "{\"type\":\"FeatureCollection\",\"features\":[{\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[2.3,48.8],[2.4,48.8],[2.4,48.9],[2.3,48.8]]]}}]}".getBytes());
        assertThat(bad.statusCode()).isEqualTo(400);

        String marker = UUID.randomUUID().toString().substring(0, 6);
        byte[] sheet = sheet(List.of(List.of("网格编号", "楼栋/场所", "地址", "户主姓名", "身份证号", "联系电话", "人数", "类别"),
                List.of(code, "5组", "5组1号" + marker, "钱大海", "420102198001011234", "13900001111", "3", "困难家庭"),
                List.of(code, "5组", "5组2号" + marker, "孙小梅", "", "", "1", "空巢老人")));
        assertThat(d.postMultipart("/grid/centre/households", Map.of(), "file", "h.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", sheet).statusCode()).isEqualTo(302);
        assertThat(jdbc.queryForObject("SELECT id_masked FROM grid_household WHERE address = ?", String.class,
                "5组1号" + marker)).isEqualTo("420***********1234");
        byte[] broken = sheet(List.of(List.of("网格编号"), List.of("NOPE", "", "", "", "12345", "", "x", "富豪")));
        HttpResponse<String> refused = d.postMultipart("/grid/centre/households", Map.of(), "file", "h.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", broken);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("第2行").contains("身份证号应为18位");

        long workerId = jdbc.queryForObject("SELECT id FROM staff_account WHERE username = 'gridworker'", Long.class);
        d.get("/grid/centre");
        ok(d.postForm("/grid/centre/posts", Map.of("gridId", String.valueOf(myGrid()), "staffId",
                String.valueOf(workerId), "post", "LEADER")));
        assertThat(d.get("/grid/centre").body()).contains("网格职务已保存").contains("（网格长）");
        assertThat(d.postForm("/grid/centre/posts", Map.of("gridId", String.valueOf(myGrid()), "staffId",
                "1", "post", "LEADER")).statusCode()).isEqualTo(400);

        // a county dispatcher elsewhere does not see this county's grid events
        StaffClient far = new StaffClient(port);
        far.login("dispatcher2");
        long someEvent = jdbc.queryForObject("SELECT min(id) FROM grid_event WHERE grid_id = ?", Long.class, myGrid());
        assertThat(far.get("/grid/events/" + someEvent).statusCode()).isEqualTo(404);
        assertThat(far.getJson("/grid/centre/map.json").body()).doesNotContain("\"id\":" + someEvent + ",");
    }

    @Test
    void a_grid_worker_registering_a_case_lands_on_the_grid_home_instead_of_a_404() {
        StaffClient w = worker();
        long village = jdbc.queryForObject("SELECT jurisdiction_id FROM staff_account WHERE username = 'gridworker'",
                Long.class);
        assertThat(w.get("/cases/new").statusCode()).isEqualTo(200);
        HttpResponse<String> registered = w.postForm("/cases/new", Map.of("type", "GRID_EVENT", "channel",
                "GRID_VISIT", "jurisdictionId", String.valueOf(village), "content", "路面塌陷 " + UUID.randomUUID(),
                "formToken", UUID.randomUUID().toString()));
        assertThat(registered.statusCode()).isEqualTo(302);
        String location = registered.headers().firstValue("Location").orElseThrow();
        assertThat(location).endsWith("/grid");
        assertThat(w.get("/grid").statusCode()).isEqualTo(200);
    }

    @Test
    void the_leaders_dashboard_shows_the_grid_figures() {
        StaffClient leader = new StaffClient(port);
        leader.login("leader");
        HttpResponse<String> page = leader.get("/dashboard");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"grid-figures\"").contains("就地化解率").contains("人均每周走访");
    }

    @Test
    void the_daily_report_counts_the_grid_work_of_the_day_by_township_and_by_grid() throws Exception {
        LocalDate today = LocalDate.now(CHINA);
        String villagePath = jdbc.queryForObject("SELECT j.path FROM grid g JOIN jurisdiction j ON j.id = g.village_id WHERE g.id = ?",
                String.class, myGrid());
        String townshipPath = prefix(villagePath, 3);
        String countyPath = prefix(villagePath, 2);
        var county = org.jurisdiction(jdbc.queryForObject("SELECT id FROM jurisdiction WHERE path = ?", Long.class,
                countyPath)).orElseThrow();
        var township = org.jurisdiction(jdbc.queryForObject("SELECT id FROM jurisdiction WHERE path = ?", Long.class,
                townshipPath)).orElseThrow();
        String gridCode = jdbc.queryForObject("SELECT code FROM grid WHERE id = ?", String.class, myGrid());
        long countyReport = reports.generate(today, county, "test");
        long townshipReport = reports.generate(today, township, "test");
        DailyReports.GridLine before = content(countyReport).grid();
        DailyReports.GridArea townshipBefore = area(before, townshipPath);
        DailyReports.GridArea gridBefore = area(content(townshipReport).grid(), gridCode);

        // one event resolved on the spot, one escalated, one visit
        StaffClient w = worker();
        String marker = UUID.randomUUID().toString().substring(0, 8);
        assertThat(postJson(w, "/grid/events", event(UUID.randomUUID().toString(), "SELF_RESOLVED", marker),
                List.of()).statusCode()).isEqualTo(201);
        assertThat(postJson(w, "/grid/events", event(UUID.randomUUID().toString(), "ESCALATED", marker),
                List.of()).statusCode()).isEqualTo(201);
        long household = jdbc.queryForObject("SELECT min(id) FROM grid_household WHERE grid_id = ?", Long.class, myGrid());
        assertThat(postJson(w, "/grid/visits", Map.of("key", UUID.randomUUID().toString(), "gridId",
                String.valueOf(myGrid()), "householdId", String.valueOf(household), "visitedOn", today.toString(),
                "kind", "ROUTINE", "findings", "日报走访 " + marker), List.of()).statusCode()).isEqualTo(201);

        assertThat(reports.generate(today, county, "test")).isEqualTo(countyReport);
        assertThat(reports.generate(today, township, "test")).isEqualTo(townshipReport);
        DailyReports.GridLine after = content(countyReport).grid();
        assertThat(after.reported()).isEqualTo(before.reported() + 2);
        assertThat(after.selfResolved()).isEqualTo(before.selfResolved() + 1);
        assertThat(after.escalated()).isEqualTo(before.escalated() + 1);
        assertThat(after.closed()).isEqualTo(before.closed() + 1);
        assertThat(after.visits()).isEqualTo(before.visits() + 1);
        DailyReports.GridArea townshipAfter = area(after, townshipPath);
        assertThat(townshipAfter.name()).isEqualTo(township.name());
        assertThat(townshipAfter.reported()).isEqualTo(townshipBefore.reported() + 2);
        assertThat(townshipAfter.visits()).isEqualTo(townshipBefore.visits() + 1);
        DailyReports.GridArea gridAfter = area(content(townshipReport).grid(), gridCode);
        assertThat(gridAfter.reported()).isEqualTo(gridBefore.reported() + 2);
        assertThat(gridAfter.selfResolved()).isEqualTo(gridBefore.selfResolved() + 1);
        assertThat(gridAfter.closed()).isEqualTo(gridBefore.closed() + 1);
        assertThat(gridAfter.visits()).isEqualTo(gridBefore.visits() + 1);

        // the county's totals are a recount of the rows of the day
        var start = java.sql.Timestamp.from(today.atStartOfDay(CHINA).toInstant());
        var end = java.sql.Timestamp.from(today.plusDays(1).atStartOfDay(CHINA).toInstant());
        assertThat(after.reported()).isEqualTo(jdbc.queryForObject(
                "SELECT count(*) FROM grid_event WHERE path LIKE ? AND reported_at >= ? AND reported_at < ?",
                Long.class, countyPath + "%", start, end));
        assertThat(after.closed()).isEqualTo(jdbc.queryForObject(
                "SELECT count(*) FROM grid_event WHERE path LIKE ? AND closed_at >= ? AND closed_at < ?",
                Long.class, countyPath + "%", start, end));
        assertThat(after.visits()).isEqualTo(jdbc.queryForObject(
                "SELECT count(*) FROM grid_visit WHERE path LIKE ? AND visited_on = ?", Long.class, countyPath + "%", today));

        // the page and the spreadsheet show them by township
        StaffClient leader = new StaffClient(port);
        leader.login("leader");
        assertThat(leader.get("/reports/daily/" + countyReport).body()).contains("id=\"daily-grid-areas\"")
                .contains(township.name()).contains("id=\"daily-grid-reported\">" + after.reported() + "<");
        try (var wb = new XSSFWorkbook(new ByteArrayInputStream(leader.getBytes("/reports/daily/" + countyReport + ".xlsx").body()))) {
            boolean found = false;
            for (var row : wb.getSheet("网格分区域")) {
                if (row.getCell(0).getStringCellValue().equals(township.name())) {
                    found = true;
                    assertThat((long) row.getCell(1).getNumericCellValue()).isEqualTo(townshipAfter.reported());
                }
            }
            assertThat(found).isTrue();
        }
    }

    @Test
    void a_draft_saved_by_another_account_on_a_shared_phone_is_refused_and_nothing_is_stored() {
        StaffClient w = worker();
        long me = jdbc.queryForObject("SELECT id FROM staff_account WHERE username = 'gridworker'", Long.class);
        String marker = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> theirs = event(UUID.randomUUID().toString(), "SELF_RESOLVED", marker);
        theirs.put("owner", String.valueOf(me + 1));
        HttpResponse<String> refused = postJson(w, "/grid/events", theirs, List.of());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("另一个账号");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM grid_event WHERE description LIKE ?", Long.class,
                "%" + marker)).isZero();
        Map<String, String> mine = new HashMap<>(theirs);
        mine.put("owner", String.valueOf(me));
        assertThat(postJson(w, "/grid/events", mine, List.of()).statusCode()).isEqualTo(201);
        assertThat(w.getJson("/grid/csrf").body()).contains("\"staff\":\"" + me + "\"");
    }

    @Test
    void the_admin_configures_categories_and_kinds_but_never_deletes_one_in_use() {
        StaffClient admin = new StaffClient(port);
        admin.login("admin");
        assertThat(admin.get("/").body()).contains("href=\"/admin/grid-taxonomy\"");
        HttpResponse<String> page = admin.get("/admin/grid-taxonomy");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("FIRE").contains("消防").contains("RURAL").contains("已有记录使用");
        String code = "T_" + UUID.randomUUID().toString().replaceAll("[^a-f]", "").toUpperCase();
        code = code.substring(0, Math.min(code.length(), 20)) + "_X";

        // bad input comes back on the page with the reasons and what was typed
        HttpResponse<String> bad = admin.postForm("/admin/grid-taxonomy/categories", Map.of("code", "bad code!",
                "label", "", "labelEn", "Kept " + code, "caseCategory", "其他"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("编码应为2至30位").contains("请填写中文名称").contains("Kept " + code);

        ok(admin.postForm("/admin/grid-taxonomy/categories", Map.of("code", code, "label", "测试事项",
                "labelEn", "Test item", "caseCategory", "其他", "sort", "90")));
        assertThat(admin.postForm("/admin/grid-taxonomy/categories", Map.of("code", code, "label", "重复",
                "labelEn", "Again", "caseCategory", "其他")).body()).contains("该编码已存在");
        ok(admin.postForm("/admin/grid-taxonomy/categories/" + code, Map.of("label", "道路隐患",
                "labelEn", "Road hazard", "caseCategory", "安全隐患", "sort", "91")));
        assertThat(jdbc.queryForMap("SELECT label, case_category FROM grid_event_category WHERE code = ?", code))
                .containsEntry("label", "道路隐患").containsEntry("case_category", "安全隐患");
        StaffClient w = worker();
        assertThat(w.get("/grid/report").body()).contains("道路隐患");

        // deactivated: no longer offered, and a report under it is refused
        ok(admin.postForm("/admin/grid-taxonomy/categories/" + code + "/active", Map.of("active", "false")));
        assertThat(w.get("/grid/report").body()).doesNotContain("道路隐患");
        Map<String, String> report = event(UUID.randomUUID().toString(), "SELF_RESOLVED", code);
        report.put("category", code);
        assertThat(postJson(w, "/grid/events", report, List.of()).body()).contains("请选择事件类别");

        // an entry records use is never deleted; an unused one may be
        HttpResponse<String> inUse = admin.postForm("/admin/grid-taxonomy/categories/FIRE/delete", Map.of());
        assertThat(inUse.statusCode()).isEqualTo(400);
        assertThat(inUse.body()).contains("不能删除，只能停用");
        assertThat(admin.postForm("/admin/grid-taxonomy/kinds/RURAL/delete", Map.of()).statusCode()).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM grid_kind WHERE code = 'RURAL'", Long.class)).isEqualTo(1);
        ok(admin.postForm("/admin/grid-taxonomy/categories/" + code + "/delete", Map.of()));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM grid_event_category WHERE code = ?", Long.class, code)).isZero();

        // a kind renamed and put back; every change is in the audit trail
        ok(admin.postForm("/admin/grid-taxonomy/kinds/SPECIAL", Map.of("label", "专属网格（单位）", "labelEn", "Special grid",
                "sort", "4")));
        assertThat(admin.get("/admin/grid-taxonomy").body()).contains("专属网格（单位）");
        ok(admin.postForm("/admin/grid-taxonomy/kinds/SPECIAL", Map.of("label", "专属网格", "labelEn", "Special grid",
                "sort", "4")));
        assertThat(audit.historyOf("grid_event_category", code)).extracting(e -> e.action())
                .contains("grid.category.add", "grid.category.rename", "grid.category.deactivate", "grid.category.delete");
        assertThat(audit.historyOf("grid_kind", "SPECIAL")).extracting(e -> e.action()).contains("grid.kind.rename");

        // nobody else may
        assertThat(w.get("/admin/grid-taxonomy").statusCode()).isEqualTo(403);
        assertThat(w.postForm("/admin/grid-taxonomy/kinds/SPECIAL/active", Map.of("active", "false")).statusCode())
                .isEqualTo(403);
    }

    private DailyReports.Content content(long reportId) {
        return tools.jackson.databind.json.JsonMapper.builder().build()
                .readValue(reports.rawContent(reportId), DailyReports.Content.class);
    }

    private static DailyReports.GridArea area(DailyReports.GridLine line, String key) {
        return line.areas().stream().filter(a -> a.key().equals(key)).findFirst()
                .orElse(new DailyReports.GridArea(key, key, 0, 0, 0, 0, 0));
    }

    /** '/1/7/93/940/' cut after 2 ids is the county '/1/7/', after 3 the township '/1/7/93/'. */
    private static String prefix(String path, int segments) {
        int at = 0;
        for (int i = 0; i < segments; i++) {
            at = path.indexOf('/', at + 1);
        }
        return path.substring(0, at + 1);
    }

    private String state(long id) {
        return jdbc.queryForObject("SELECT state FROM cases WHERE id = ?", String.class, id);
    }

    private static void ok(HttpResponse<String> res) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(302);
    }

    static byte[] png(int w, int h) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(java.awt.Color.ORANGE);
        g.fillRect(10, 10, w / 2, h / 2);
        g.dispose();
        var out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    private static byte[] sheet(List<List<String>> rows) throws Exception {
        try (var wb = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
            var s = wb.createSheet();
            for (int r = 0; r < rows.size(); r++) {
                var row = s.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    row.createCell(c).setCellValue(rows.get(r).get(c));
                }
            }
            wb.write(out);
            return out.toByteArray();
        }
    }
}
