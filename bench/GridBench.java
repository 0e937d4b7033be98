import org.HdrHistogram.Histogram;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.StringReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Grid at scale. Adds grids (each linked to one of the demo city's grid workers) until there are GRIDS, and COPYs
 * grid events until there are EVENTS, about 2,000 of them the demo account's; then, over HTTP as {@code gridworker}:
 * times GET /grid REQUESTS times after 30 unmeasured (p50/p95/max), and sends 50 drafts as the outbox does, then all
 * 50 again as if every answer had been lost, and counts the records (must be exactly 50).
 * Usage: java GridBench.java <jdbc-url> <base-url> <grids> <events> <requests>
 */
public class GridBench {

    static final String[] CATEGORIES = {"PUBLIC_ORDER", "DISPUTE", "WORK_SAFETY", "FIRE", "SANITATION", "LIVELIHOOD",
            "SPECIAL_GROUP", "OTHER"};

    public static void main(String[] args) throws Exception {
        String jdbcUrl = args[0];
        String base = args[1];
        int grids = Integer.parseInt(args[2]);
        int events = Integer.parseInt(args[3]);
        int requests = Integer.parseInt(args[4]);
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
            fill(db, grids, events);
        }
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        login(http, base, "gridworker");
        Histogram h = new Histogram(3_600_000_000L, 3);
        for (int i = -30; i < requests; i++) {
            long t = System.nanoTime();
            int status = http.send(HttpRequest.newBuilder(URI.create(base + "/grid")).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            long us = (System.nanoTime() - t) / 1000;
            if (status != 200) {
                throw new IllegalStateException("/grid answered " + status);
            }
            if (i >= 0) {
                h.recordValue(us);
            }
        }
        System.out.printf(Locale.ROOT, "GET /grid (gridworker) n=%d p50=%.1f ms p95=%.1f ms max=%.1f ms%n",
                h.getTotalCount(), h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(95) / 1000.0,
                h.getMaxValue() / 1000.0);
        drafts(http, base, jdbcUrl);
    }

    static void fill(Connection db, int targetGrids, int targetEvents) throws Exception {
        CopyManager copy = db.unwrap(PGConnection.class).getCopyAPI();
        try (Statement st = db.createStatement()) {
            long have = one(st, "SELECT count(*) FROM grid");
            List<long[]> villages = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT id FROM jurisdiction WHERE level = 'VILLAGE' ORDER BY id")) {
                while (rs.next()) {
                    villages.add(new long[]{rs.getLong(1)});
                }
            }
            List<Long> workers = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT id FROM staff_account WHERE username LIKE 'grid0%' ORDER BY id")) {
                while (rs.next()) {
                    workers.add(rs.getLong(1));
                }
            }
            long t0 = System.nanoTime();
            if (have < targetGrids) {
                long next = one(st, "SELECT max(id) FROM grid") + 1;
                StringBuilder g = new StringBuilder();
                StringBuilder gw = new StringBuilder();
                for (long i = have; i < targetGrids; i++, next++) {
                    long village = villages.get((int) (i % villages.size()))[0];
                    g.append(next).append('\t').append(village).append("\tRURAL\tB-").append(next).append("\t压测网格")
                            .append(next).append('\n');
                    gw.append(next).append('\t').append(workers.get((int) (i % workers.size()))).append('\n');
                }
                copy.copyIn("COPY grid (id, village_id, type, code, name) FROM STDIN", new StringReader(g.toString()));
                copy.copyIn("COPY grid_worker (grid_id, staff_id) FROM STDIN", new StringReader(gw.toString()));
                st.execute("SELECT setval(pg_get_serial_sequence('grid', 'id'), (SELECT max(id) FROM grid))");
            }
            long haveEvents = one(st, "SELECT count(*) FROM grid_event");
            long gridworker = one(st, "SELECT id FROM staff_account WHERE username = 'gridworker'");
            long ownGrid = one(st, "SELECT min(grid_id) FROM grid_worker WHERE staff_id = " + gridworker);
            List<long[]> pairs = new ArrayList<>();  // grid, worker, village path index
            List<String> paths = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("""
                    SELECT gw.grid_id, gw.staff_id, j.path FROM grid_worker gw JOIN grid g ON g.id = gw.grid_id
                    JOIN jurisdiction j ON j.id = g.village_id ORDER BY gw.grid_id""")) {
                while (rs.next()) {
                    pairs.add(new long[]{rs.getLong(1), rs.getLong(2), paths.size()});
                    paths.add(rs.getString(3));
                }
            }
            String ownPath = one(st, "SELECT j.path FROM grid g JOIN jurisdiction j ON j.id = g.village_id WHERE g.id = "
                    + ownGrid, true);
            Random rnd = new Random(20261129);
            Instant now = Instant.now();
            for (long done = haveEvents; done < targetEvents; ) {
                StringBuilder b = new StringBuilder();
                int batch = (int) Math.min(100_000, targetEvents - done);
                for (int i = 0; i < batch; i++, done++) {
                    boolean own = rnd.nextInt(500) == 0;
                    long[] p = own ? new long[]{ownGrid, gridworker, -1} : pairs.get(rnd.nextInt(pairs.size()));
                    String path = own ? ownPath : paths.get((int) p[2]);
                    Instant at = now.minusSeconds(rnd.nextInt(365 * 86_400));
                    boolean self = rnd.nextInt(100) < 60;
                    b.append("bench:").append(done).append('\t').append(p[0]).append('\t').append(path).append('\t')
                            .append(p[1]).append('\t').append(CATEGORIES[rnd.nextInt(CATEGORIES.length)])
                            .append("\t压测事件 ").append(done).append("\tNONE\t")
                            .append(self ? "SELF_RESOLVED" : "ESCALATED").append('\t').append(at).append('\t')
                            .append(at).append('\t').append(self ? at.plusSeconds(600).toString() : "\\N").append('\n');
                }
                copy.copyIn("""
                        COPY grid_event (idempotency_key, grid_id, path, reporter_id, category, description,
                            location_source, disposition, occurred_at, reported_at, closed_at) FROM STDIN""",
                        new StringReader(b.toString()));
            }
            st.execute("ANALYZE grid_event");
            System.out.printf(Locale.ROOT, "filled: %d grids, %d grid events in %.1f s%n", one(st, "SELECT count(*) FROM grid"),
                    one(st, "SELECT count(*) FROM grid_event"), (System.nanoTime() - t0) / 1e9);
        }
    }

    /** 50 drafts as the outbox sends them (one after the other), then the same 50 again. */
    static void drafts(HttpClient http, String base, String jdbcUrl) throws Exception {
        String marker = "B" + UUID.randomUUID().toString().substring(0, 8);
        long grid;
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             Statement st = db.createStatement()) {
            grid = one(st, "SELECT min(grid_id) FROM grid_worker gw JOIN staff_account s ON s.id = gw.staff_id WHERE s.username = 'gridworker'");
        }
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            keys.add(UUID.randomUUID().toString());
        }
        for (int round = 1; round <= 2; round++) {
            long t = System.nanoTime();
            String token = token(http, base);
            for (int i = 0; i < keys.size(); i++) {
                String body = form("key", keys.get(i), "gridId", String.valueOf(grid), "category", "SANITATION",
                        "description", "离线草稿 " + marker + " " + i, "disposition", "SELF_RESOLVED",
                        "resolution", "已处理");
                int status = http.send(HttpRequest.newBuilder(URI.create(base + "/grid/events"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", "application/json").header("X-XSRF-TOKEN", token)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status != (round == 1 ? 201 : 200)) {
                    throw new IllegalStateException("draft " + i + " round " + round + " answered " + status);
                }
            }
            System.out.printf(Locale.ROOT, "50 drafts, round %d (%s): %.0f ms%n", round,
                    round == 1 ? "new" : "replayed", (System.nanoTime() - t) / 1e6);
        }
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             Statement st = db.createStatement()) {
            long n = one(st, "SELECT count(*) FROM grid_event WHERE description LIKE '离线草稿 " + marker + " %'");
            System.out.println("records for the 50 drafts sent twice: " + n + (n == 50 ? " (no duplicate)" : " WRONG"));
        }
    }

    static String token(HttpClient http, String base) throws Exception {
        String json = http.send(HttpRequest.newBuilder(URI.create(base + "/grid/csrf"))
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no token: " + json);
        }
        return m.group(1);
    }

    static void login(HttpClient http, String base, String user) throws Exception {
        String page = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("no login form");
        }
        http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form("username", user, "password", "Minyi@2026",
                        "_csrf", m.group(1)))).build(), HttpResponse.BodyHandlers.discarding());
    }

    static String form(String... kv) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < kv.length; i += 2) {
            b.append(i == 0 ? "" : "&").append(URLEncoder.encode(kv[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(kv[i + 1], StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    static long one(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String one(Statement st, String sql, boolean text) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
