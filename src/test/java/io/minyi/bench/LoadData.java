package io.minyi.bench;

import io.minyi.MinyiApplication;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Loads a city at scale: the demo city (minyi.demo.scale), then N cases (PoolBench's COPY generator) with a short
 * step history and the supervision/reporting projections derived from them, then M evaluations over a year with
 * their running totals. Everything goes in through COPY or INSERT ... SELECT, with the secondary indexes built once
 * afterwards, because index maintenance row by row is what makes a naive load take hours.
 * The totals are computed from the rows with the same rules the listeners and evaluation_intake_batch apply
 * incrementally, so the app finds a database it could have produced itself.
 * Run with bench/load-data.sh; arguments: [cases] [evaluations]. Uses the embedded PostgreSQL in
 * -Dbench.data-dir (kept, so bench/run-all.sh can start the app on it) unless spring.datasource.url is set.
 */
public final class LoadData {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final String CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    static final String[] UNIT_DIMENSIONS = {"duty", "service", "team"};
    static final String[] OFFICER_DIMENSIONS = {"lawful", "conduct", "integrity"};
    static final String[] COMMENTS = {"态度很好", "办事效率高", "耐心细致，谢谢", "等候时间太长", "解释清楚", "希望改进服务态度",
            "民警很负责", "窗口人员热情"};

    private final Map<String, double[]> timings = new LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        int cases = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        long evaluations = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000L;
        Map<String, String> props = new LinkedHashMap<>(Map.of("minyi.demo.load", "always",
                "db-scheduler.enabled", "false", "logging.level.root", "WARN", "minyi.warm-up.duration", "0s",
                "minyi.embedded-db.shared-buffers", System.getProperty("bench.shared-buffers", "512MB")));
        if (System.getProperty("spring.datasource.url") == null) {
            String dir = System.getProperty("bench.data-dir", "/tmp/minyi-bench-pg");
            props.put("minyi.embedded-db.data-dir", dir);
            props.put("minyi.embedded-db.port", System.getProperty("bench.pg-port", "54390"));
            props.put("minyi.blobs.dir", dir + "-blobs");
        }
        // System properties outrank every application.properties on the class path (including the tests' one).
        props.forEach((k, v) -> {
            if (System.getProperty(k) == null) {
                System.setProperty(k, v);
            }
        });
        // the whole app (security needs its web context) on a free port, for the schema, the demo city and the pool
        System.setProperty("server.port", "0");
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(MinyiApplication.class).run();
        DataSource dataSource = ctx.getBean(DataSource.class);
        try (Connection c = dataSource.getConnection()) {
            new LoadData(dataSource).run(c, cases, evaluations);
        } finally {
            ctx.close();
        }
    }

    void run(Connection c, int cases, long evaluations) throws Exception {
        long t0 = System.nanoTime();
        try (Statement s = c.createStatement()) {
            // a bulk load writes far more WAL than a checkpoint every 1 GB wants; reloadable, so no restart
            s.execute("ALTER SYSTEM SET max_wal_size = '8GB'");
            s.execute("SELECT pg_reload_conf()");
        }
        loadingSettings(c);
        System.out.printf("demo city: %,d units, %,d officers, %,d villages%n", scalar(c, "SELECT count(*) FROM unit"),
                scalar(c, "SELECT count(*) FROM officer"),
                scalar(c, "SELECT count(*) FROM jurisdiction WHERE level = 'VILLAGE'"));
        ensureTargets(c);
        // the loader's codes lead with 'Z' and four zero digits; a demo case's random code meets that once in 31^5
        if (scalar(c, "SELECT count(*) FROM cases WHERE tracking_code LIKE '" + PoolBench.code(0).substring(0, 5) + "%'") > 0) {
            System.out.println("cases already loaded; skipped");
        } else if (cases > 0) {
            loadCases(c, cases);
        }
        if (scalar(c, "SELECT count(*) FROM evaluation WHERE tracking_code LIKE '" + code(0).substring(0, 5) + "%'") > 0) {
            System.out.println("evaluations already loaded; skipped");
        } else if (evaluations > 0) {
            loadEvaluations(c, evaluations);
        }
        step(c, "VACUUM ANALYZE (all tables)", "SELECT 0", "VACUUM (ANALYZE)");
        try (Statement s = c.createStatement()) {
            s.execute("SET session_replication_role = origin");
            // back to the default the app is measured with, and a clean checkpoint so the next start replays no WAL
            s.execute("ALTER SYSTEM RESET max_wal_size");
            s.execute("SELECT pg_reload_conf()");
            s.execute("CHECKPOINT");
        }
        System.out.println();
        System.out.println("| table / step                              |         rows |  seconds |");
        System.out.println("|-------------------------------------------|--------------|----------|");
        timings.forEach((what, v) -> System.out.printf("| %-41s | %,12d | %8.1f |%n", what, (long) v[0], v[1]));
        System.out.printf("| %-41s |              | %8.1f |%n", "total", (System.nanoTime() - t0) / 1e9);
        System.out.printf("database size: %s%n", text(c, "SELECT pg_size_pretty(pg_database_size(current_database()))"));
        // the same lines bench/run-all.sh prints: what was loaded must be what the app itself would have kept
        System.out.printf("consistency: evaluations %d = daily totals (kept + flagged) %d = monthly totals %d; cases %d = city"
                        + " roll-up received %d = supervised %d%n", scalar(c, "SELECT count(*) FROM evaluation"),
                scalar(c, "SELECT coalesce(sum(evaluations + flagged), 0) FROM evaluation_daily"),
                scalar(c, "SELECT coalesce(sum(evaluations + flagged), 0) FROM evaluation_unit_monthly"),
                scalar(c, "SELECT count(*) FROM cases"),
                scalar(c, "SELECT coalesce(sum(received), 0) FROM case_rollup_daily WHERE jurisdiction_id ="
                        + " (SELECT id FROM jurisdiction WHERE parent_id IS NULL ORDER BY id LIMIT 1)"),
                scalar(c, "SELECT count(*) FROM supervised_case"));
    }

    /** Every active unit and officer needs a code to be rated through; the demo city may have been made after V4_1. */
    void ensureTargets(Connection c) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO evaluation_target (code, unit_id)
                    SELECT substr(replace(gen_random_uuid()::text, '-', ''), 1, 24), u.id FROM unit u
                    WHERE u.active AND NOT EXISTS (SELECT 1 FROM evaluation_target t
                                                   WHERE t.unit_id = u.id AND t.officer_id IS NULL AND t.active)""");
            s.execute("""
                    INSERT INTO evaluation_target (code, unit_id, officer_id)
                    SELECT substr(replace(gen_random_uuid()::text, '-', ''), 1, 24), o.unit_id, o.id FROM officer o
                    WHERE o.active AND NOT EXISTS (SELECT 1 FROM evaluation_target t WHERE t.officer_id = o.id AND t.active)""");
        }
    }

    // ---------------------------------------------------------------- cases

    void loadCases(Connection c, int n) throws Exception {
        List<Object[]> villages = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT id, path FROM jurisdiction WHERE level = 'VILLAGE' ORDER BY id")) {
            while (rs.next()) {
                villages.add(new Object[]{rs.getLong(1), rs.getString(2)});
            }
        }
        List<Long> units = longs(c, "SELECT id FROM unit WHERE active ORDER BY id");
        long before = scalar(c, "SELECT coalesce(max(id), 0) FROM cases");
        SecondaryIndexes idx = SecondaryIndexes.drop(c, "cases");
        long t = System.nanoTime();
        PoolBench.load(c, n, 0, villages, units, new Random(42));
        record("cases (COPY)", n, t);
        t = System.nanoTime();
        idx.recreate(c);
        record("cases: rebuild " + idx.count() + " indexes", 0, t);

        SecondaryIndexes steps = SecondaryIndexes.drop(c, "case_step");
        // the ledger of each case kept short: how it came in, the dispatch, and the step that put it where it is
        step(c, "case_step (INSERT ... SELECT)", "SELECT count(*) FROM case_step", """
                INSERT INTO case_step (case_id, city_id, at, actor, actor_unit, action, from_state, to_state)
                SELECT id, city_id, received_at, 'bench', '基准数据', 'RECEIVE', NULL, 'RECEIVED' FROM cases
                WHERE id > %1$d
                UNION ALL
                SELECT id, city_id, dispatched_at, 'bench', '基准数据', 'DISPATCH', 'TRIAGED', 'DISPATCHED' FROM cases
                WHERE id > %1$d AND dispatched_at IS NOT NULL
                UNION ALL
                SELECT id, city_id, updated_at, 'bench', '基准数据', x.action, x.from_state, state FROM cases
                JOIN (VALUES ('ACCEPTED', 'ACCEPT', 'RECEIVED'), ('TRIAGED', 'TRIAGE', 'ACCEPTED'),
                             ('SIGNED', 'SIGN', 'DISPATCHED'), ('REPORTED', 'REPORT', 'SIGNED'),
                             ('UNDER_REVIEW', 'UNIT_APPROVE', 'REPORTED'), ('AWAITING_FEEDBACK', 'APPROVE', 'UNDER_REVIEW'),
                             ('REOPENED', 'RATE', 'AWAITING_FEEDBACK'), ('CLOSED', 'RATE', 'AWAITING_FEEDBACK'),
                             ('CLOSED_NO_FEEDBACK', 'CLOSE_NO_FEEDBACK', 'AWAITING_FEEDBACK'),
                             ('ARCHIVED', 'ARCHIVE', 'CLOSED'), ('REJECTED', 'REJECT', 'RECEIVED'),
                             ('MERGED', 'MERGE', 'RECEIVED')) AS x(state_, action, from_state) ON x.state_ = cases.state
                WHERE id > %1$d""".formatted(before));
        t = System.nanoTime();
        steps.recreate(c);
        record("case_step: rebuild indexes", 0, t);

        step(c, "report_case", "SELECT count(*) FROM report_case", """
                INSERT INTO report_case (case_id, city_id, type, category, risk_level, jurisdiction_id, jurisdiction_path,
                                         outcome, persons_disciplined, dispatched_once, received_day, high_risk_day)
                SELECT id, city_id, type, category, CASE WHEN dispatched_at IS NOT NULL THEN risk_level END, jurisdiction_id,
                       jurisdiction_path, CASE WHEN type = 'CLUE' THEN outcome END,
                       CASE WHEN type = 'CLUE' THEN persons_disciplined ELSE 0 END, dispatched_at IS NOT NULL,
                       (received_at AT TIME ZONE 'Asia/Shanghai')::date,
                       CASE WHEN risk_level = 'HIGH' AND dispatched_at IS NOT NULL
                            THEN (dispatched_at AT TIME ZONE 'Asia/Shanghai')::date END
                FROM cases WHERE id > %d""".formatted(before));
        // supervision's own state names: with a unit = DISPATCHED, concluded = CONCLUDED with the final state
        step(c, "supervised_case", "SELECT count(*) FROM supervised_case", """
                INSERT INTO supervised_case (case_id, city_id, type, category, risk_level, jurisdiction_id,
                    jurisdiction_path, subject_unit_id, subject_officer_id, unit_id, deadline, state, received_at,
                    dispatched_at, reported_at, closed_at, overdue_since, on_time, satisfied, reopen_count, outcome,
                    persons_disciplined, final_state)
                SELECT id, city_id, type, category, risk_level, jurisdiction_id, jurisdiction_path, subject_unit_id,
                       subject_officer_id, unit_id, deadline, s.sup, received_at, dispatched_at, reported_at,
                       CASE WHEN s.sup IN ('CONCLUDED', 'REJECTED') THEN closed_at END,
                       CASE WHEN s.sup = 'DISPATCHED' AND deadline < current_date THEN deadline + 1 END,
                       CASE WHEN reported_at IS NOT NULL
                            THEN (reported_at AT TIME ZONE 'Asia/Shanghai')::date <= deadline END,
                       CASE WHEN state IN ('CLOSED', 'ARCHIVED') THEN true END, reopen_count, outcome,
                       persons_disciplined,
                       CASE WHEN s.sup IN ('CONCLUDED', 'REJECTED') THEN
                            CASE WHEN state = 'ARCHIVED' THEN 'CLOSED' ELSE state END END
                FROM cases, LATERAL (SELECT CASE
                    WHEN state IN ('RECEIVED', 'ACCEPTED', 'TRIAGED') THEN 'RECEIVED'
                    WHEN state IN ('DISPATCHED', 'SIGNED', 'RETURN_REQUESTED', 'REOPENED') THEN 'DISPATCHED'
                    WHEN state IN ('REPORTED', 'UNDER_REVIEW') THEN 'REPORTED'
                    WHEN state = 'AWAITING_FEEDBACK' THEN 'AWAITING_FEEDBACK'
                    WHEN state = 'REJECTED' THEN 'REJECTED'
                    ELSE 'CONCLUDED' END AS sup) s
                WHERE id > %d""".formatted(before));
        step(c, "raised_about (clues about a unit)", "SELECT count(*) FROM raised_about", """
                INSERT INTO raised_about (case_id, city_id, subject_kind, subject_id, raiser_key, received_at)
                SELECT id, city_id, 'UNIT', subject_unit_id, raiser_key, received_at FROM cases
                WHERE id > %d AND type = 'CLUE' AND subject_unit_id IS NOT NULL""".formatted(before));
        step(c, "unit_open_overdue", "SELECT count(*) FROM unit_open_overdue", """
                INSERT INTO unit_open_overdue (unit_id, city_id, cases)
                SELECT o.unit_id, city_of_path(j.path), o.n
                FROM (SELECT unit_id, count(*) AS n FROM supervised_case
                      WHERE case_id > %d AND state = 'DISPATCHED' AND overdue_since IS NOT NULL AND unit_id IS NOT NULL
                      GROUP BY unit_id) o
                JOIN unit u ON u.id = o.unit_id JOIN jurisdiction j ON j.id = u.jurisdiction_id
                ON CONFLICT (unit_id, city_id) DO UPDATE SET cases = unit_open_overdue.cases + excluded.cases""".formatted(before));
        // one supervision letter per unit and month in which its cases went overdue (the "两函" ladder's middle step)
        step(c, "supervision_letter", "SELECT count(*) FROM supervision_letter", """
                INSERT INTO supervision_letter (kind, number, centre_unit_id, centre_name, year, seq, addressee_unit_id,
                    addressee_name, jurisdiction_path, city_id, deadline, reason, trigger_key, issued_at, issued_by)
                SELECT 'SUPERVISION', '基准督办〔' || extract(year FROM m) || '〕' || row_number() OVER () || '号',
                       u.id, '基准综治中心', extract(year FROM m)::int, 100000 + row_number() OVER (), u.id, u.name,
                       j.path, city_of_path(j.path), (m + interval '1 month')::date, '逾期未办结事项 ' || n || ' 件',
                       'BENCH:' || u.id || ':' || m, m + interval '1 day', 'SYSTEM'
                FROM (SELECT unit_id, date_trunc('month', overdue_since)::date AS m, count(*) AS n FROM supervised_case
                      WHERE case_id > %d AND overdue_since IS NOT NULL GROUP BY 1, 2) o
                JOIN unit u ON u.id = o.unit_id JOIN jurisdiction j ON j.id = u.jurisdiction_id""".formatted(before));
        step(c, "unit_month", "SELECT count(*) FROM unit_month", """
                INSERT INTO unit_month (unit_id, month, city_id, closed, closed_on_time, satisfied, reopened, reported,
                                        clues_decided, clues_substantiated, letters)
                SELECT x.unit_id, month, city_of_path(j.path), sum(closed), sum(closed_on_time), sum(satisfied),
                       sum(reopened), sum(reported), sum(clues_decided), sum(clues_substantiated), sum(letters)
                FROM (
                    SELECT unit_id, date_trunc('month', closed_at AT TIME ZONE 'Asia/Shanghai')::date AS month,
                           1 AS closed, CASE WHEN on_time THEN 1 ELSE 0 END AS closed_on_time,
                           CASE WHEN satisfied THEN 1 ELSE 0 END AS satisfied, 0 AS reopened, 0 AS reported,
                           0 AS clues_decided, 0 AS clues_substantiated, 0 AS letters
                    FROM supervised_case WHERE case_id > %1$d AND state = 'CONCLUDED' AND unit_id IS NOT NULL
                      AND final_state IN ('CLOSED', 'CLOSED_NO_FEEDBACK')
                    UNION ALL
                    SELECT unit_id, date_trunc('month', reported_at AT TIME ZONE 'Asia/Shanghai')::date, 0, 0, 0,
                           reopen_count, 1, 0, 0, 0
                    FROM supervised_case WHERE case_id > %1$d AND reported_at IS NOT NULL AND unit_id IS NOT NULL
                    UNION ALL
                    SELECT coalesce(subject_unit_id, unit_id), date_trunc('month', reported_at AT TIME ZONE 'Asia/Shanghai')::date,
                           0, 0, 0, 0, 0, 1, CASE WHEN outcome = 'SUBSTANTIATED' THEN 1 ELSE 0 END, 0
                    FROM supervised_case WHERE case_id > %1$d AND type = 'CLUE' AND outcome IN ('SUBSTANTIATED', 'UNFOUNDED')
                    UNION ALL
                    SELECT addressee_unit_id, date_trunc('month', issued_at AT TIME ZONE 'Asia/Shanghai')::date,
                           0, 0, 0, 0, 0, 0, 0, 1
                    FROM supervision_letter WHERE trigger_key LIKE 'BENCH:%%'
                ) x JOIN unit u ON u.id = x.unit_id JOIN jurisdiction j ON j.id = u.jurisdiction_id
                GROUP BY x.unit_id, month, j.path
                ON CONFLICT (unit_id, month, city_id) DO UPDATE SET closed = unit_month.closed + excluded.closed,
                    closed_on_time = unit_month.closed_on_time + excluded.closed_on_time,
                    satisfied = unit_month.satisfied + excluded.satisfied, reopened = unit_month.reopened + excluded.reopened,
                    reported = unit_month.reported + excluded.reported,
                    clues_decided = unit_month.clues_decided + excluded.clues_decided,
                    clues_substantiated = unit_month.clues_substantiated + excluded.clues_substantiated,
                    letters = unit_month.letters + excluded.letters""".formatted(before));
        // RollupProjection's increments, event by event, for the case's jurisdiction and every ancestor
        // grouped in parallel into an unlogged scratch table (an INSERT ... SELECT runs on one core), then upserted in
        // primary-key order so the index is filled from left to right instead of at random
        step(c, "case_rollup_daily", "SELECT count(*) FROM case_rollup_daily", """
                DROP TABLE IF EXISTS bench_rollup;
                CREATE UNLOGGED TABLE bench_rollup (day, jurisdiction_id, city_id, type, category, received, dispatched,
                    rejected, closed, resolved, overdue, reopened, satisfied, substantiated, unfounded,
                    under_verification, persons_disciplined) AS
                SELECT e.day, l.j, c.city_id, c.type, coalesce(nullif(c.category, ''), '未分类'), sum(e.received), sum(e.dispatched),
                       sum(e.rejected), sum(e.closed), sum(e.resolved), sum(e.overdue), sum(e.reopened), sum(e.satisfied),
                       sum(e.substantiated), sum(e.unfounded), 0, sum(e.persons)
                FROM cases c
                CROSS JOIN LATERAL (VALUES
                    ((c.received_at AT TIME ZONE 'Asia/Shanghai')::date, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                    ((c.dispatched_at AT TIME ZONE 'Asia/Shanghai')::date, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                    (CASE WHEN c.state = 'REJECTED' THEN (c.closed_at AT TIME ZONE 'Asia/Shanghai')::date END,
                        0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0),
                    (CASE WHEN c.state IN ('CLOSED', 'CLOSED_NO_FEEDBACK', 'ARCHIVED')
                          THEN (c.closed_at AT TIME ZONE 'Asia/Shanghai')::date END, 0, 0, 0, 1,
                        CASE WHEN c.type = 'DISPUTE' AND c.outcome = 'RESOLVED' THEN 1 ELSE 0 END, 0, 0,
                        CASE WHEN c.state IN ('CLOSED', 'ARCHIVED') THEN 1 ELSE 0 END, 0, 0, 0),
                    (CASE WHEN c.deadline < least(coalesce((c.reported_at AT TIME ZONE 'Asia/Shanghai')::date, current_date),
                                                  current_date) THEN c.deadline + 1 END, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0),
                    (CASE WHEN c.reopen_count > 0 THEN (c.updated_at AT TIME ZONE 'Asia/Shanghai')::date END,
                        0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0),
                    (CASE WHEN c.type = 'CLUE' AND c.outcome IN ('SUBSTANTIATED', 'UNFOUNDED', 'PARTLY_SUBSTANTIATED')
                          THEN (c.reported_at AT TIME ZONE 'Asia/Shanghai')::date END, 0, 0, 0, 0, 0, 0, 0, 0,
                        CASE WHEN c.outcome = 'SUBSTANTIATED' THEN 1 ELSE 0 END,
                        CASE WHEN c.outcome = 'UNFOUNDED' THEN 1 ELSE 0 END, c.persons_disciplined)
                ) AS e(day, received, dispatched, rejected, closed, resolved, overdue, reopened, satisfied,
                       substantiated, unfounded, persons)
                CROSS JOIN LATERAL unnest(string_to_array(trim(BOTH '/' FROM c.jurisdiction_path), '/')::bigint[]) AS l(j)
                WHERE c.id > %d AND e.day IS NOT NULL
                GROUP BY 1, 2, 3, 4, 5;
                INSERT INTO case_rollup_daily AS r (day, jurisdiction_id, city_id, type, category, received, dispatched,
                    rejected, closed, resolved, overdue, reopened, satisfied, substantiated, unfounded,
                    under_verification, persons_disciplined)
                SELECT * FROM bench_rollup ORDER BY jurisdiction_id, day, type, category
                ON CONFLICT (jurisdiction_id, day, type, category, city_id) DO UPDATE SET
                    received = r.received + excluded.received, dispatched = r.dispatched + excluded.dispatched,
                    rejected = r.rejected + excluded.rejected, closed = r.closed + excluded.closed,
                    resolved = r.resolved + excluded.resolved, overdue = r.overdue + excluded.overdue,
                    reopened = r.reopened + excluded.reopened, satisfied = r.satisfied + excluded.satisfied,
                    substantiated = r.substantiated + excluded.substantiated, unfounded = r.unfounded + excluded.unfounded,
                    persons_disciplined = r.persons_disciplined + excluded.persons_disciplined;
                DROP TABLE bench_rollup""".formatted(before));
        // rebuilt from the daily rows as a whole, so it holds whatever the listeners had put there before as well
        step(c, "case_rollup_monthly", "SELECT count(*) FROM case_rollup_monthly", """
                DELETE FROM case_rollup_monthly;
                INSERT INTO case_rollup_monthly (month, jurisdiction_id, type, category, received, dispatched, rejected,
                    closed, resolved, overdue, reopened, satisfied, substantiated, unfounded, under_verification,
                    persons_disciplined, city_id)
                SELECT date_trunc('month', day)::date, jurisdiction_id, type, category, sum(received), sum(dispatched),
                       sum(rejected), sum(closed), sum(resolved), sum(overdue), sum(reopened), sum(satisfied),
                       sum(substantiated), sum(unfounded), sum(under_verification), sum(persons_disciplined), city_id
                FROM case_rollup_daily GROUP BY 1, 2, 3, 4, city_id""");
    }

    // ---------------------------------------------------------------- evaluations

    record Target(long id, long unitId, Long officerId, double satisfiedShare, long cityId) {
    }

    void loadEvaluations(Connection c, long n) throws Exception {
        Random rnd = new Random(7);
        List<Target> unitTargets = new ArrayList<>();
        List<Target> officerTargets = new ArrayList<>();
        Map<Long, Double> unitShare = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                """
                SELECT t.id, t.unit_id, t.officer_id, city_of_path(j.path) FROM evaluation_target t
                JOIN unit u ON u.id = t.unit_id JOIN jurisdiction j ON j.id = u.jurisdiction_id
                WHERE t.active ORDER BY t.id""")) {
            while (rs.next()) {
                long unit = rs.getLong(2);
                // units differ: most are rated satisfied 85-95 % of the time, a few fall to the 70s
                double share = unitShare.computeIfAbsent(unit, u -> rnd.nextInt(10) == 0
                        ? 0.70 + rnd.nextDouble() * 0.1 : 0.85 + rnd.nextDouble() * 0.1);
                Long officer = rs.getObject(3) == null ? null : rs.getLong(3);
                Target t = new Target(rs.getLong(1), unit, officer,
                        officer == null ? share : Math.min(0.99, Math.max(0.5, share + rnd.nextGaussian() * 0.04)),
                        rs.getLong(4));
                (officer == null ? unitTargets : officerTargets).add(t);
            }
        }
        LocalDate today = LocalDate.now(CHINA);
        // weekdays carry the load; Saturday windows are half open, Sunday ones mostly closed
        double[] weight = new double[365];
        double total = 0;
        for (int d = 0; d < 365; d++) {
            DayOfWeek w = today.minusDays(364 - d).getDayOfWeek();
            weight[d] = w == DayOfWeek.SUNDAY ? 0.25 : w == DayOfWeek.SATURDAY ? 0.5 : 1.0;
            total += weight[d];
        }
        double[] cumulative = new double[365];
        double acc = 0;
        for (int d = 0; d < 365; d++) {
            acc += weight[d] / total;
            cumulative[d] = acc;
        }
        long before = scalar(c, "SELECT coalesce(max(id), 0) FROM evaluation");
        SecondaryIndexes idx = SecondaryIndexes.drop(c, "evaluation");
        long t = System.nanoTime();
        // two streams, each generating its share and copying it on its own session: one core generates while the
        // other's PostgreSQL backend parses and stores, instead of one generator feeding one backend
        int streams = 2;
        List<Thread> workers = new ArrayList<>();
        List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int w = 0; w < streams; w++) {
            long from = n * w / streams, to = n * (w + 1) / streams;
            Random random = new Random(7 + w);
            workers.add(Thread.ofPlatform().start(() -> {
                try (Connection session = loadingSession()) {
                    CopyManager copy = session.unwrap(PGConnection.class).getCopyAPI();
                    for (long start = from; start < to; start += 100_000) {
                        copy.copyIn("COPY evaluation (idempotency_key, tracking_code, target_id, unit_id, officer_id, "
                                + "overall, ratings, comment, has_clue, flagged, flag_reason, submitted_at, day, city_id)"
                                + " FROM STDIN",
                                new StringReader(evaluationRows(random, start, Math.min(to, start + 100_000), unitTargets,
                                        officerTargets, cumulative, today)));
                    }
                } catch (Exception e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        if (!failures.isEmpty()) {
            throw failures.getFirst();
        }
        record("evaluation (COPY)", n, t);
        t = System.nanoTime();
        idx.recreate(c);
        record("evaluation: rebuild " + idx.count() + " indexes", 0, t);
        StringBuilder perDimension = new StringBuilder();
        StringBuilder unpivot = new StringBuilder();
        for (String dim : allDimensions()) {
            for (String[] answer : new String[][]{{"s", "SATISFIED"}, {"b", "BASICALLY_SATISFIED"}, {"d", "DISSATISFIED"}}) {
                perDimension.append(", count(*) FILTER (WHERE NOT flagged AND ratings->>'%s' = '%s') AS %s_%s"
                        .formatted(dim, answer[1], dim, answer[0]));
            }
            unpivot.append(unpivot.isEmpty() ? "" : ", ").append("('%1$s', %1$s_s, %1$s_b, %1$s_d)".formatted(dim));
        }
        // evaluation_intake_batch's running totals, grouped the same way, from one scan of the new rows (in parallel)
        // into an unlogged scratch table; both tables are then filled from it in primary-key order
        step(c, "evaluation totals per target and day (one scan)", "SELECT 0", """
                DROP TABLE IF EXISTS bench_evaluation_group;
                CREATE UNLOGGED TABLE bench_evaluation_group AS
                SELECT unit_id, coalesce(officer_id, 0) AS officer_id, day, city_id,
                       count(*) FILTER (WHERE NOT flagged) AS evaluations,
                       count(*) FILTER (WHERE NOT flagged AND overall = 'SATISFIED') AS satisfied,
                       count(*) FILTER (WHERE NOT flagged AND overall = 'BASICALLY_SATISFIED') AS basically_satisfied,
                       count(*) FILTER (WHERE NOT flagged AND overall = 'DISSATISFIED') AS dissatisfied,
                       count(*) FILTER (WHERE flagged) AS flagged, count(*) FILTER (WHERE has_clue) AS clues %s
                FROM evaluation WHERE id > %d GROUP BY 1, 2, 3, 4""".formatted(perDimension, before));
        step(c, "evaluation_daily", "SELECT count(*) FROM evaluation_daily", """
                INSERT INTO evaluation_daily AS d (unit_id, officer_id, day, city_id, evaluations, satisfied,
                                                   basically_satisfied, dissatisfied, flagged, clues)
                SELECT unit_id, officer_id, day, city_id, evaluations, satisfied, basically_satisfied, dissatisfied,
                       flagged, clues
                FROM bench_evaluation_group ORDER BY unit_id, officer_id, day
                ON CONFLICT (unit_id, officer_id, day, city_id) DO UPDATE SET
                    evaluations = d.evaluations + excluded.evaluations, satisfied = d.satisfied + excluded.satisfied,
                    basically_satisfied = d.basically_satisfied + excluded.basically_satisfied,
                    dissatisfied = d.dissatisfied + excluded.dissatisfied, flagged = d.flagged + excluded.flagged,
                    clues = d.clues + excluded.clues""");
        step(c, "evaluation_dimension_daily", "SELECT count(*) FROM evaluation_dimension_daily", """
                INSERT INTO evaluation_dimension_daily AS d (unit_id, officer_id, day, city_id, dimension, satisfied,
                                                             basically_satisfied, dissatisfied)
                SELECT g.unit_id, g.officer_id, g.day, g.city_id, v.dimension, v.s, v.b, v.d
                FROM bench_evaluation_group g CROSS JOIN LATERAL (VALUES %s) AS v(dimension, s, b, d)
                WHERE v.s + v.b + v.d > 0
                ORDER BY g.unit_id, g.officer_id, v.dimension, g.day
                ON CONFLICT (unit_id, officer_id, dimension, day, city_id) DO UPDATE SET
                    satisfied = d.satisfied + excluded.satisfied,
                    basically_satisfied = d.basically_satisfied + excluded.basically_satisfied,
                    dissatisfied = d.dissatisfied + excluded.dissatisfied;
                DROP TABLE bench_evaluation_group""".formatted(unpivot));
        // the trigger that keeps the monthly totals does not fire in this replica-role session: rebuilt as V4_3 does
        step(c, "evaluation_unit_monthly (from the daily rows)", "SELECT count(*) FROM evaluation_unit_monthly", """
                DELETE FROM evaluation_unit_monthly;
                INSERT INTO evaluation_unit_monthly (unit_id, month, city_id, evaluations, satisfied, basically_satisfied,
                                                     dissatisfied, flagged, clues)
                SELECT unit_id, date_trunc('month', day)::date, city_id, sum(evaluations), sum(satisfied),
                       sum(basically_satisfied), sum(dissatisfied), sum(flagged), sum(clues)
                FROM evaluation_daily GROUP BY unit_id, date_trunc('month', day)::date, city_id""");
    }

    /** The rated aspects the generator writes (the defaults of evaluation-defaults.properties), units' and officers'. */
    static List<String> allDimensions() {
        List<String> all = new ArrayList<>(List.of(UNIT_DIMENSIONS));
        all.addAll(List.of(OFFICER_DIMENSIONS));
        return all;
    }

    static String evaluationRows(Random rnd, long from, long to, List<Target> units, List<Target> officers,
                                 double[] cumulative, LocalDate today) {
        StringBuilder sb = new StringBuilder((int) (to - from) * 230);
        for (long i = from; i < to; i++) {
            // 60 % through an officer's badge card; some officers (front desks) are rated far more often than others
            boolean officer = rnd.nextInt(100) < 60;
            List<Target> pool = officer ? officers : units;
            double skew = rnd.nextDouble();
            Target t = pool.get((int) (skew * skew * pool.size()));
            double x = rnd.nextDouble();
            String overall = x < t.satisfiedShare() ? "SATISFIED"
                    : x < t.satisfiedShare() + (1 - t.satisfiedShare()) * 0.7 ? "BASICALLY_SATISFIED" : "DISSATISFIED";
            int d = java.util.Arrays.binarySearch(cumulative, rnd.nextDouble());
            LocalDate day = today.minusDays(364 - Math.min(364, d < 0 ? -d - 1 : d));
            int minute = 8 * 60 + rnd.nextInt(10 * 60);
            boolean flagged = rnd.nextInt(1000) < 3;
            sb.append(new java.util.UUID(rnd.nextLong(), rnd.nextLong())).append('\t').append(code(i)).append('\t')
                    .append(t.id()).append('\t').append(t.unitId()).append('\t')
                    .append(t.officerId() == null ? "\\N" : t.officerId()).append('\t').append(overall).append("\t{");
            String[] dims = officer ? OFFICER_DIMENSIONS : UNIT_DIMENSIONS;
            for (int k = 0; k < dims.length; k++) {
                // the aspects mostly agree with the overall verdict
                String r = rnd.nextInt(100) < 80 ? overall : rnd.nextBoolean() ? "SATISFIED" : "BASICALLY_SATISFIED";
                sb.append(k == 0 ? "" : ", ").append('"').append(dims[k]).append("\": \"").append(r).append('"');
            }
            sb.append("}\t").append(rnd.nextInt(100) < 5 ? COMMENTS[rnd.nextInt(COMMENTS.length)] : "\\N")
                    .append("\tf\t").append(flagged ? "t\tD:4>3" : "f\t\\N").append('\t').append(day).append(' ')
                    .append(twoDigits(minute / 60)).append(':').append(twoDigits(minute % 60)).append(':')
                    .append(twoDigits(rnd.nextInt(60)))
                    .append("+08\t").append(day).append('\t').append(t.cityId()).append('\n');
        }
        return sb.toString();
    }

    /** String.format was a fifth of the generator's time. */
    static String twoDigits(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }

    /** 'Y' and the row number in base 31: distinct, valid tracking codes that cannot meet the app's random ones often. */
    static String code(long i) {
        char[] c = new char[10];
        c[0] = 'Y';
        for (int k = 9; k >= 1; k--) {
            c[k] = CODE_ALPHABET.charAt((int) (i % CODE_ALPHABET.length()));
            i /= CODE_ALPHABET.length();
        }
        return new String(c);
    }

    // ---------------------------------------------------------------- helpers

    void step(Connection c, String what, String countSql, String sql) throws Exception {
        long before = scalar(c, countSql);
        long t = System.nanoTime();
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
        record(what, scalar(c, countSql) - before, t);
    }

    void record(String what, long rows, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        timings.put(what, new double[]{rows, seconds});
        System.out.printf("  %-41s %,12d rows %8.1f s%n", what, rows, seconds);
    }

    static long scalar(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String text(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static List<Long> longs(Connection c, String sql) throws Exception {
        List<Long> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    /**
     * A table's indexes other than its primary key, dropped before a bulk load and built again after it (one sorted
     * build is many times faster than ten million random inserts). Unique constraints come back under their own
     * names, because evaluation_intake_batch names its ON CONFLICT constraint.
     */
    record SecondaryIndexes(String table, List<String> creates) {

        static SecondaryIndexes drop(Connection c, String table) throws Exception {
            List<String> drops = new ArrayList<>();
            List<String> creates = new ArrayList<>();
            try (Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("""
                        SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint k
                        WHERE conrelid = '%1$s'::regclass AND contype = 'u'
                          AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = k.conindid)
                        """.formatted(table))) {
                    while (rs.next()) {
                        drops.add("ALTER TABLE " + table + " DROP CONSTRAINT " + rs.getString(1));
                        creates.add("ALTER TABLE " + table + " ADD CONSTRAINT " + rs.getString(1) + " " + rs.getString(2));
                    }
                }
                try (ResultSet rs = s.executeQuery("""
                        SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index
                        WHERE indrelid = '%1$s'::regclass AND NOT indisprimary
                          AND indexrelid NOT IN (SELECT conindid FROM pg_constraint WHERE conrelid = '%1$s'::regclass)
                        """.formatted(table))) {
                    while (rs.next()) {
                        drops.add("DROP INDEX " + rs.getString(1));
                        creates.add(rs.getString(2));
                    }
                }
                for (String d : drops) {
                    s.execute(d);
                }
            }
            return new SecondaryIndexes(table, creates);
        }

        void recreate(Connection c) throws Exception {
            try (Statement s = c.createStatement()) {
                for (String sql : creates) {
                    s.execute(sql);
                }
            }
        }

        int count() {
            return creates.size();
        }
    }

    private final DataSource dataSource;

    private LoadData(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Another session with the loading settings, for a second COPY stream beside the first. */
    Connection loadingSession() throws Exception {
        Connection c = dataSource.getConnection();
        loadingSettings(c);
        return c;
    }

    static void loadingSettings(Connection c) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("SET synchronous_commit = off");
            s.execute("SET maintenance_work_mem = '1GB'");
            // the roll-ups group millions of rows: in memory, not spilled to disk in batches
            s.execute("SET work_mem = '1GB'");
            s.execute("SET max_parallel_workers_per_gather = 2");
            // rows are generated from existing ids; the foreign-key triggers would only repeat the check per row
            s.execute("SET session_replication_role = replica");
        }
    }
}
