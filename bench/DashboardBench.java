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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills supervision's and reporting's projection and roll-up tables as the event listeners would after a year of
 * 1,000,000 cases (COPY), then times GET /dashboard for the city and each county over HTTP (p50/p95/max).
 * Run through bench/dashboard-bench.sh, which starts the app with its own embedded PostgreSQL.
 * Usage: java DashboardBench.java <jdbc-url> <base-url> <cases> <requests>
 */
public class DashboardBench {

    static final String[] TYPES = {"CLUE", "DISPUTE", "GRID_EVENT", "PETITION", "HOTLINE_ORDER"};
    static final String[] CATEGORIES = {"邻里纠纷", "婚姻家庭", "劳动争议", "征地拆迁", "物业纠纷", "执法不规范", "办事效率",
            "工作作风", "治安管理", "交通安全", "消防隐患", "环境卫生", "道路设施", "欠薪", "校园周边", "电信诈骗", "噪音扰民",
            "土地承包", "医疗纠纷", "其他"};

    public static void main(String[] args) throws Exception {
        String jdbcUrl = args[0];
        String base = args[1];
        int cases = Integer.parseInt(args[2]);
        int requests = Integer.parseInt(args[3]);
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
            long existing = scalar(c, "SELECT count(*) FROM report_case WHERE case_id >= 100000000");
            if (existing < cases) {
                fill(c, cases);
            } else {
                System.out.printf("tables already hold %,d bench cases%n", existing);
            }
            for (String t : List.of("case_rollup_daily", "case_rollup_monthly", "report_case", "supervised_case", "raised_about",
                    "supervision_letter", "supervision_alert", "unit_month")) {
                System.out.printf("  %-20s %,12d rows%n", t, scalar(c, "SELECT count(*) FROM " + t));
            }
            List<Long> ids = new ArrayList<>();
            ids.add(scalar(c, "SELECT id FROM jurisdiction WHERE parent_id IS NULL ORDER BY id LIMIT 1"));
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT id FROM jurisdiction WHERE parent_id = " + ids.getFirst() + " ORDER BY code")) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            time(base, ids, requests);
        }
    }

    static long scalar(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    record Place(long id, String path, List<Long> lineage) {
    }

    static void fill(Connection c, int cases) throws Exception {
        long t0 = System.nanoTime();
        List<Place> villages = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT id, path FROM jurisdiction WHERE level = 'VILLAGE' ORDER BY id")) {
            while (rs.next()) {
                List<Long> lineage = new ArrayList<>();
                for (String p : rs.getString(2).split("/")) {
                    if (!p.isEmpty()) {
                        lineage.add(Long.parseLong(p));
                    }
                }
                villages.add(new Place(rs.getLong(1), rs.getString(2), lineage));
            }
        }
        List<long[]> units = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM unit ORDER BY id")) {
            while (rs.next()) {
                units.add(new long[]{rs.getLong(1)});
            }
        }
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        Random rnd = new Random(42);
        LocalDate start = LocalDate.now().minusDays(364);
        Map<String, long[]> rollup = new HashMap<>();
        StringBuilder reportCase = new StringBuilder();
        StringBuilder supervised = new StringBuilder();
        StringBuilder raised = new StringBuilder();
        int batch = 0;
        for (int i = 0; i < cases; i++) {
            long id = 100_000_000L + i;
            Place v = villages.get(rnd.nextInt(villages.size()));
            String type = TYPES[rnd.nextInt(TYPES.length)];
            String cat = CATEGORIES[Math.min(CATEGORIES.length - 1, (int) Math.abs(rnd.nextGaussian() * 6))];
            LocalDate day = start.plusDays(rnd.nextInt(365));
            boolean dispatched = rnd.nextInt(100) < 80;
            boolean closed = dispatched && rnd.nextInt(100) < 85;
            boolean overdue = dispatched && rnd.nextInt(100) < 6;
            boolean reopened = closed && rnd.nextInt(100) < 3;
            String outcome = "CLUE".equals(type) && dispatched ? (rnd.nextInt(100) < 80 ? "UNFOUNDED" : rnd.nextInt(100) < 75 ? "SUBSTANTIATED" : "UNDER_VERIFICATION") : null;
            long unit = units.get(rnd.nextInt(units.size()))[0];
            // the listeners' increments: one row per lineage level
            for (long j : v.lineage()) {
                long[] r = rollup.computeIfAbsent(day + "|" + j + "|" + type + "|" + cat, k -> new long[12]);
                r[0]++;
                if (dispatched) r[1]++;
                if (!dispatched) r[2]++;
                if (closed) r[3]++;
                if (closed && "DISPUTE".equals(type)) r[4]++;
                if (overdue) r[5]++;
                if (reopened) r[6]++;
                if (closed && rnd.nextInt(100) < 90) r[7]++;
                if ("SUBSTANTIATED".equals(outcome)) { r[8]++; r[11] += rnd.nextInt(3) == 0 ? 1 : 0; }
                if ("UNFOUNDED".equals(outcome)) r[9]++;
                if ("UNDER_VERIFICATION".equals(outcome)) r[10]++;
            }
            reportCase.append(id).append('\t').append(type).append('\t').append(cat).append('\t')
                    .append(rnd.nextInt(50) == 0 ? "HIGH" : "LOW").append('\t').append(v.id()).append('\t')
                    .append(v.path()).append('\t').append(outcome == null ? "\\N" : outcome).append('\t').append(0)
                    .append('\t').append(dispatched ? "t" : "f").append('\t').append(day).append('\t')
                    .append(rnd.nextInt(50) == 0 ? day.toString() : "\\N").append('\n');
            String state = closed ? "CONCLUDED" : dispatched ? "DISPATCHED" : "RECEIVED";
            supervised.append(id).append('\t').append(type).append('\t').append(cat).append('\t').append(v.id())
                    .append('\t').append(v.path()).append('\t').append(dispatched ? String.valueOf(unit) : "\\N")
                    .append('\t').append(dispatched ? day.plusDays(15).toString() : "\\N").append('\t').append(state)
                    .append('\t').append(overdue && !closed ? day.plusDays(16).toString() : "\\N").append('\n');
            if ("CLUE".equals(type)) {
                raised.append(id).append("\tUNIT\t").append(unit).append("\tr").append(rnd.nextInt(200_000))
                        .append('\t').append(day).append(" 10:00:00+08\n");
            }
            if (++batch == 100_000) {
                flush(copy, reportCase, supervised, raised);
                batch = 0;
            }
        }
        flush(copy, reportCase, supervised, raised);
        StringBuilder rows = new StringBuilder();
        for (var e : rollup.entrySet()) {
            String[] k = e.getKey().split("\\|");
            rows.append(k[0]).append('\t').append(k[1]).append('\t').append(k[2]).append('\t').append(k[3]);
            for (long x : e.getValue()) {
                rows.append('\t').append(x);
            }
            rows.append('\n');
            if (rows.length() > 8_000_000) {
                copyRollup(copy, rows);
            }
        }
        copyRollup(copy, rows);
        try (Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO case_rollup_monthly (month, jurisdiction_id, type, category, received, dispatched,
                        rejected, closed, resolved, overdue, reopened, satisfied, substantiated, unfounded,
                        under_verification, persons_disciplined, city_id)
                    SELECT date_trunc('month', day)::date, jurisdiction_id, type, category, sum(received), sum(dispatched),
                           sum(rejected), sum(closed), sum(resolved), sum(overdue), sum(reopened), sum(satisfied),
                           sum(substantiated), sum(unfounded), sum(under_verification), sum(persons_disciplined), city_id
                    FROM case_rollup_daily
                    GROUP BY 1, 2, 3, 4, city_id
                    ON CONFLICT (jurisdiction_id, month, type, category, city_id) DO NOTHING""");
        }
        // a year of letters, alerts and unit months on the same scale
        try (Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO supervision_letter (kind, number, centre_unit_id, centre_name, year, seq, addressee_unit_id,
                        addressee_name, jurisdiction_path, deadline, reason, trigger_key, issued_at, issued_by)
                    SELECT (ARRAY['REMINDER','SUPERVISION','CIRCULAR'])[1 + g % 3], '基准综治〔2025〕' || g || '号',
                        u.id, '基准中心', 2025, g, u.id, u.name, j.path, current_date, '基准数据', 'BENCH:' || g,
                        now() - (g % 365) * interval '1 day', 'SYSTEM'
                    FROM generate_series(1, 60000) g
                    JOIN LATERAL (SELECT id, name, jurisdiction_id FROM unit ORDER BY id OFFSET g % 65 LIMIT 1) u ON true
                    JOIN jurisdiction j ON j.id = u.jurisdiction_id
                    ON CONFLICT DO NOTHING""");
            s.execute("""
                    INSERT INTO supervision_alert (kind, subject_kind, subject_id, subject_name, unit_id, jurisdiction_path,
                        raiser_key, raisers, cases, window_days, first_at, last_at, status, raised_at)
                    SELECT 'MANY_RAISERS', 'UNIT', 900000 + g, '基准对象' || g, u.id, j.path, '', 3, 4, 30, now(), now(),
                        CASE WHEN g % 10 = 0 THEN 'OPEN' ELSE 'DISMISSED' END, now() - (g % 365) * interval '1 day'
                    FROM generate_series(1, 5000) g
                    JOIN LATERAL (SELECT id, jurisdiction_id FROM unit ORDER BY id OFFSET g % 65 LIMIT 1) u ON true
                    JOIN jurisdiction j ON j.id = u.jurisdiction_id""");
            s.execute("""
                    INSERT INTO unit_month (unit_id, month, closed, closed_on_time, satisfied, reopened, reported,
                        clues_decided, clues_substantiated, letters, open_overdue_end)
                    SELECT u.id, date_trunc('month', current_date)::date - (m || ' months')::interval, 900, 820, 700, 25,
                        950, 60, 9, 70, 40
                    FROM unit u, generate_series(0, 12) m ON CONFLICT DO NOTHING""");
            s.execute("ANALYZE");
        }
        System.out.printf("filled %,d cases into the projections and %,d roll-up rows in %.1f s%n", cases,
                rollup.size(), (System.nanoTime() - t0) / 1e9);
    }

    static void flush(CopyManager copy, StringBuilder reportCase, StringBuilder supervised, StringBuilder raised) throws Exception {
        copy.copyIn("COPY report_case (case_id, type, category, risk_level, jurisdiction_id, jurisdiction_path, outcome, "
                + "persons_disciplined, dispatched_once, received_day, high_risk_day) FROM STDIN", new StringReader(reportCase.toString()));
        copy.copyIn("COPY supervised_case (case_id, type, category, jurisdiction_id, jurisdiction_path, unit_id, deadline, "
                + "state, overdue_since) FROM STDIN", new StringReader(supervised.toString()));
        copy.copyIn("COPY raised_about (case_id, subject_kind, subject_id, raiser_key, received_at) FROM STDIN",
                new StringReader(raised.toString()));
        reportCase.setLength(0);
        supervised.setLength(0);
        raised.setLength(0);
    }

    static void copyRollup(CopyManager copy, StringBuilder rows) throws Exception {
        copy.copyIn("COPY case_rollup_daily (day, jurisdiction_id, type, category, received, dispatched, rejected, closed, "
                + "resolved, overdue, reopened, satisfied, substantiated, unfounded, under_verification, persons_disciplined) "
                + "FROM STDIN", new StringReader(rows.toString()));
        rows.setLength(0);
    }

    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    static void time(String base, List<Long> jurisdictions, int requests) throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String login = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = CSRF.matcher(login);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on the login page");
        }
        String form = "username=leader&password=" + URLEncoder.encode("Minyi@2026", StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
        http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
        String from = LocalDate.now().minusDays(364).toString();
        for (int i = 0; i < 20; i++) {
            get(http, base + "/dashboard?from=" + from + "&j=" + jurisdictions.get(i % jurisdictions.size()));
        }
        Histogram city = new Histogram(60_000_000L, 3);
        Histogram counties = new Histogram(60_000_000L, 3);
        for (int i = 0; i < requests; i++) {
            long j = jurisdictions.get(i % jurisdictions.size());
            long t = System.nanoTime();
            int status = get(http, base + "/dashboard?from=" + from + "&j=" + j);
            long us = (System.nanoTime() - t) / 1000;
            if (status != 200) {
                throw new IllegalStateException("dashboard answered " + status);
            }
            (i % jurisdictions.size() == 0 ? city : counties).recordValue(us);
        }
        print("city (a year, all levels)", city);
        print("counties (drill-down)", counties);
    }

    static int get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static void print(String what, Histogram h) {
        System.out.printf("GET /dashboard %-28s n=%4d  p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms%n", what,
                h.getTotalCount(), h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(95) / 1000.0,
                h.getMaxValue() / 1000.0);
    }
}
