package io.minyi.grid.internal;

import io.minyi.org.DemoLoad;
import io.minyi.org.GridDirectory;
import io.minyi.org.GridDirectory.GridRef;
import io.minyi.org.StaffUser;
import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Demo data for the {@code gridworker} account, made through the module's own services as the worker would (so the
 * rules, the audit trail and the hand-over to the pool all run): households and sites of the worker's grid, visits,
 * events resolved on the spot and escalated, and square boundaries for the grids of the worker's township so the
 * centre's map has something to show. Runs after the demo city, only where the demo city is loaded.
 */
@Component
@Order(20)
@RequiredArgsConstructor
class GridDemo implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(GridDemo.class);
    /** The demo city is fictional; its grids are laid out on a plain around this point. */
    static final double BASE_LAT = 30.60, BASE_LON = 114.30, CELL = 0.01;

    private final GridPosts posts;
    private final Environment env;
    private final UserDetailsService users;
    private final GridDirectory grids;
    private final Households households;
    private final HouseholdAdmin householdAdmin;
    private final ReportGridEvent report;
    private final RecordVisit visits;
    private final Boundaries boundaries;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    @Override
    public void run(ApplicationArguments args) {
        if (!DemoLoad.wanted(env)) {
            return;
        }
        StaffUser worker;
        try {
            worker = (StaffUser) users.loadUserByUsername("gridworker");
        } catch (UsernameNotFoundException e) {
            return;
        }
        List<GridRef> own = grids.gridsOf(worker.id());
        if (own.isEmpty() || jdbc.sql("SELECT count(*) FROM grid_household WHERE grid_id = ?").param(own.getFirst().id())
                .query(Long.class).single() > 0) {
            return;
        }
        var auth = new UsernamePasswordAuthenticationToken(worker, null, worker.getAuthorities());
        SecurityContextHolder.getContext().setAuthentication(auth);
        try {
            tx.executeWithoutResult(s -> load(worker, own.getFirst()));
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private void load(StaffUser worker, GridRef grid) {
        Coordinates centre = new Coordinates(BASE_LAT + CELL / 2, BASE_LON + CELL / 2);
        long school = households.placeBuilding(grid.id(), grid.villagePath(), "村幼儿园", "SCHOOL", true,
                new Coordinates(centre.lat() + 0.002, centre.lon() - 0.002));
        households.placeBuilding(grid.id(), grid.villagePath(), "村委会", "PUBLIC", false,
                new Coordinates(centre.lat(), centre.lon()));
        long shop = households.placeBuilding(grid.id(), grid.villagePath(), "农资店", "SHOP", true,
                new Coordinates(centre.lat() - 0.002, centre.lon() + 0.003));
        String[] heads = {"王建国", "李秀英", "张桂兰", "刘德华", "陈志强", "杨淑珍", "赵国庆", "黄丽娟", "周海涛",
                "吴春梅", "徐长林", "孙玉兰"};
        String[] care = {"ORDINARY", "ORDINARY", "EMPTY_NEST", "ORDINARY", "HARDSHIP", "ORDINARY", "MIGRANT",
                "ORDINARY", "CORRECTION", "ORDINARY", "EMPTY_NEST", "ORDINARY"};
        HouseholdFields f = householdAdmin.fields();
        for (int i = 0; i < heads.length; i++) {
            householdAdmin.load(f, f.values(grid.code(), (i / 4 + 1) + "组", (i / 4 + 1) + "组" + (i + 1) + "号",
                    heads[i], String.format(Locale.ROOT, "4201021960%02d%02d%04d", (i % 12) + 1, (i % 28) + 1,
                            1000 + i * 7), "1390000" + String.format("%04d", 1200 + i), 2 + i % 4, care[i]), grid,
                    new Coordinates(centre.lat() + (i % 4 - 1.5) * 0.0012, centre.lon() + (i / 4 - 1) * 0.0015));
        }
        List<Households.Household> hs = households.ofGrids(List.of(grid.id()), 50);
        LocalDate today = LocalDate.now(clock.withZone(RecordVisit.CHINA));
        for (int i = 0; i < 6; i++) {
            visits.record(worker, new RecordVisit.NewVisit(key(), grid.id(), hs.get(i * 2).id(), null,
                    today.minusDays(i * 3L), i % 3 == 0 ? VisitKind.ROUTINE : VisitKind.valueOf(hs.get(i * 2).careKind()
                    .equals("ORDINARY") ? "ROUTINE" : hs.get(i * 2).careKind()), "入户了解家庭情况，宣传防诈骗知识。",
                    i == 4 ? "与邻居因宅基地界址发生争执，需要调解。" : null));
        }
        var at = clock.instant();
        report.report(worker, new NewGridEvent(key(), grid.id(), "SANITATION", "村口垃圾堆放，已组织清理。", null,
                null, null, hs.get(1).id(), null, Disposition.SELF_RESOLVED, "联系保洁员当场清运。", List.of(),
                at.minus(Duration.ofDays(5))));
        report.report(worker, new NewGridEvent(key(), grid.id(), "DISPUTE", "两户因排水沟堵塞发生口角。", "王建国、李秀英",
                null, null, hs.get(0).id(), null, Disposition.SELF_RESOLVED, "现场劝解，双方同意共同疏通。", List.of(),
                at.minus(Duration.ofDays(3))));
        report.report(worker, new NewGridEvent(key(), grid.id(), "FIRE", "农资店门口堆放易燃物，堵塞消防通道。", null,
                null, null, null, shop, Disposition.ESCALATED, null, List.of(), at.minus(Duration.ofDays(2))));
        report.report(worker, new NewGridEvent(key(), grid.id(), "PUBLIC_ORDER", "幼儿园附近路灯损坏多日，夜间存在安全隐患。",
                null, centre.lat() + 0.0021, centre.lon() - 0.0018, null, school, Disposition.ESCALATED, null, List.of(),
                at.minus(Duration.ofHours(20))));
        report.report(worker, new NewGridEvent(key(), grid.id(), "SPECIAL_GROUP", "独居老人近期身体不适，需要关注。", "张桂兰",
                null, null, hs.get(2).id(), null, Disposition.ESCALATED, null, List.of(), at.minus(Duration.ofHours(4))));
        // boundaries: the grids of the worker's township, laid out on a plain, one cell each
        String township = grid.villagePath().substring(0, grid.villagePath().lastIndexOf('/', grid.villagePath().length() - 2) + 1);
        List<GridRef> nearby = grids.gridsWithin(township);
        StringBuilder fc = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        int shown = Math.max(1, nearby.size() - 2);  // leave two without a boundary, as real imports do
        for (int i = 0; i < shown; i++) {
            GridRef g = nearby.get(i);
            double lat = BASE_LAT + (g.id() == grid.id() ? 0 : ((i + 1) / 5) * CELL);
            double lon = BASE_LON + (g.id() == grid.id() ? 0 : ((i + 1) % 5) * CELL);
            fc.append(i == 0 ? "" : ",").append("{\"type\":\"Feature\",\"properties\":{\"code\":\"").append(g.code())
                    .append("\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[")
                    .append(pt(lon, lat)).append(',').append(pt(lon + CELL, lat)).append(',')
                    .append(pt(lon + CELL, lat + CELL)).append(',').append(pt(lon, lat + CELL)).append(',')
                    .append(pt(lon, lat)).append("]]}}");
        }
        fc.append("]}");
        java.util.Map<String, GridRef> byCode = new java.util.LinkedHashMap<>();
        nearby.forEach(g -> byCode.put(g.code(), g));
        var result = boundaries.importGeoJson(fc.toString().getBytes(StandardCharsets.UTF_8), byCode, "demo");
        try {
            posts.set((StaffUser) users.loadUserByUsername("dispatcher1"), grid.id(), worker.id(), GridPosts.Post.LEADER);
        } catch (UsernameNotFoundException e) {
            log.debug("no county dispatcher to appoint the grid leader");
        }
        log.info("Grid demo for gridworker: {} households, 6 visits, 5 events, {} boundaries", hs.size(),
                result.stored());
    }

    private static String pt(double lon, double lat) {
        return String.format(Locale.ROOT, "[%.5f,%.5f]", lon, lat);
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }
}
