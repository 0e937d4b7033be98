package io.minyi.bench;

import io.minyi.MinyiApplication;
import io.minyi.dispute.internal.DisputeViews;
import io.minyi.dispute.internal.LedgerSheet;
import io.minyi.dispute.internal.MediatorPool;
import io.minyi.dispute.internal.Viewer;
import io.minyi.org.Role;
import org.HdrHistogram.Histogram;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Assignment suggestions with 5,000 mediators and 1,000,000 disputes, and the streamed ledger export of 30,000
 * disputes with the heap watched while it runs. Run with bench/dispute-bench.sh; arguments:
 * [disputes=1000000] [mediators=5000] [iterations=500] [export=30000]. Not part of `mvn verify`.
 */
public final class DisputeBench {

    static final String[] CATEGORIES = {"婚姻家庭", "邻里", "房屋宅基地", "土地山林水利", "劳资", "物业", "合同债务", "生产经营",
            "损害赔偿", "医疗", "征地拆迁", "环境污染", "道路交通事故", "消费", "其他"};
    static final String[] CODES = {"MARRIAGE_FAMILY", "NEIGHBOUR", "HOUSE_HOMESTEAD", "LAND_FOREST_WATER", "LABOUR",
            "PROPERTY_MGMT", "CONTRACT_DEBT", "PRODUCTION", "DAMAGES", "MEDICAL", "LAND_REQUISITION", "ENVIRONMENT",
            "TRAFFIC", "CONSUMER", "OTHER"};

    private DisputeBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int mediators = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        int export = args.length > 3 ? Integer.parseInt(args[3]) : 30_000;
        String dataDir = System.getProperty("bench.data-dir",
                java.nio.file.Files.createTempDirectory("minyi-bench-pg").toString());
        Map.of("server.port", "0", "minyi.embedded-db.data-dir", dataDir,
                "minyi.embedded-db.shared-buffers", System.getProperty("bench.shared-buffers", "512MB"),
                "minyi.demo.load", "auto", "db-scheduler.enabled", "false",
                "spring.jdbc.template.query-timeout", "0", "logging.level.root", "WARN",
                "minyi.blobs.dir", dataDir + "-blobs").forEach(System::setProperty);
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(MinyiApplication.class).run();
        try {
            run(ctx, n, mediators, iterations, export);
        } finally {
            ctx.close();
        }
    }

    static void run(ConfigurableApplicationContext ctx, int n, int mediators, int iterations, int export) throws Exception {
        JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
        System.out.println("load average at start: " + uptime());
        load(jdbc, n, mediators);
        MediatorPool pool = ctx.getBean(MediatorPool.class);
        Random rnd = new Random(7);
        List<Object[]> sample = jdbc.query("""
                        SELECT d.id, d.jurisdiction_path, c.name FROM dispute d JOIN dispute_category c ON c.code = d.category_code
                        WHERE d.status IN ('REGISTERED', 'MEDIATING') ORDER BY random() LIMIT 2000""",
                (rs, i) -> new Object[]{rs.getLong(1), rs.getString(2), rs.getString(3)});
        Object[] first = sample.getFirst();
        String county = ((String) first[1]).substring(0, ((String) first[1]).indexOf('/', ((String) first[1]).indexOf('/', 1) + 1) + 1);
        Histogram h = new Histogram(60_000_000_000L, 3);
        for (int i = -50; i < iterations; i++) {
            Object[] d = sample.get(rnd.nextInt(sample.size()));
            String path = (String) d[1];
            String scope = path.substring(0, path.indexOf('/', path.indexOf('/', 1) + 1) + 1) + "%";
            long t = System.nanoTime();
            List<MediatorPool.Suggestion> s = pool.suggest((long) d[0], path, (String) d[2], null, scope, 10);
            if (i >= 0) {
                h.recordValue(System.nanoTime() - t);
            }
            if (s.isEmpty()) {
                throw new IllegalStateException("no suggestion for dispute " + d[0]);
            }
        }
        System.out.printf("suggestions (%,d mediators, %,d disputes): p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (target p95 < 50 ms)%n",
                mediators, n, h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(95) / 1e6,
                h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6);

        // the ledger export of one county's most recent `export` disputes, heap sampled every 50 ms
        LedgerSheet sheet = ctx.getBean(LedgerSheet.class);
        java.time.LocalDate from = jdbc.queryForObject("""
                SELECT min(accepted_on) FROM (SELECT accepted_on FROM dispute WHERE jurisdiction_path LIKE ?
                ORDER BY accepted_on DESC LIMIT ?) x""", java.time.LocalDate.class, county + "%", export);
        Viewer v = new Viewer(0, "bench", Set.of(Role.DISPATCHER), 0, county + "%", null, List.of());
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = mem.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(baseline);
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(mem.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        AtomicLong bytes = new AtomicLong();
        long t = System.nanoTime();
        int rows = sheet.write(v, new DisputeViews.Filter(null, null, null, from, null, null), new OutputStream() {
            @Override
            public void write(int b) {
                bytes.incrementAndGet();
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes.addAndGet(len);
            }
        }, java.util.Locale.SIMPLIFIED_CHINESE);
        double seconds = (System.nanoTime() - t) / 1e9;
        sampler.interrupt();
        System.out.printf("ledger export: %,d rows, %,d bytes in %.1f s (target < 10 s); heap before %,d MB, peak %,d MB%n",
                rows, bytes.get(), seconds, baseline >> 20, peak.get() >> 20);
        System.out.println("load average at end: " + uptime());
    }

    /** 5,000 mediators in organisations spread over the counties, then cases + disputes by INSERT … SELECT. */
    static void load(JdbcTemplate jdbc, int n, int mediators) {
        long have = jdbc.queryForObject("SELECT count(*) FROM dispute", Long.class);
        if (have >= n) {
            return;
        }
        long t0 = System.nanoTime();
        jdbc.update("""
                INSERT INTO mediation_org (code, name, kind, jurisdiction_id, jurisdiction_path)
                SELECT 'BO-' || j.id, j.name || '人民调解委员会', 'TOWNSHIP_COMMITTEE', j.id, j.path
                FROM jurisdiction j WHERE j.level IN ('COUNTY', 'TOWNSHIP') ON CONFLICT (code) DO NOTHING""");
        jdbc.update("""
                INSERT INTO mediator (code, name, kind, org_id, specialties, served_paths, open_load)
                SELECT 'BM-' || g, '调解员' || g, (ARRAY['EXPERT','FULL_TIME','INVITED'])[1 + g % 3],
                    o.ids[1 + g % cardinality(o.ids)], ARRAY[(?::text[])[1 + g % 15], (?::text[])[1 + (g * 7) % 15]],
                    ARRAY[o.paths[1 + g % cardinality(o.ids)]], g % 12
                FROM generate_series(1, ?) g,
                    (SELECT array_agg(id ORDER BY id) ids, array_agg(jurisdiction_path ORDER BY id) paths
                     FROM mediation_org WHERE code LIKE 'BO-%') o
                ON CONFLICT (code) DO NOTHING""", CATEGORIES, CATEGORIES, mediators);
        int missing = (int) (n - have);
        jdbc.update("""
                INSERT INTO cases (tracking_code, type, channel, jurisdiction_id, jurisdiction_path, city_id, content,
                    state, received_at, updated_at)
                SELECT 'BD' || lpad(to_hex(? + g), 10, '0'), 'DISPUTE', 'WALK_IN', v.ids[1 + g % cardinality(v.ids)],
                    v.paths[1 + g % cardinality(v.ids)], city_of_path(v.paths[1 + g % cardinality(v.ids)]), '纠纷 ' || g,
                    CASE WHEN g % 5 = 0 THEN 'DISPATCHED' ELSE 'CLOSED' END,
                    now() - (g % 730) * interval '1 day', now()
                FROM generate_series(1, ?) g,
                    (SELECT array_agg(id ORDER BY id) ids, array_agg(path ORDER BY id) paths
                     FROM jurisdiction WHERE level = 'VILLAGE') v""",
                have, missing);
        jdbc.update("""
                INSERT INTO dispute (case_id, jurisdiction_id, jurisdiction_path, category_code, source, summary,
                    people_involved, risk_level, status, accepted_on, mediation_due, registered_by, registered_at, case_state,
                    outcome_at)
                SELECT c.id, c.jurisdiction_id, c.jurisdiction_path, (?::text[])[1 + c.id % 15], 'WALK_IN', c.content, 2,
                    (ARRAY['LOW','LOW','MEDIUM','HIGH'])[1 + c.id % 4],
                    CASE WHEN c.state = 'DISPATCHED' THEN 'MEDIATING' ELSE 'AGREED' END,
                    (c.received_at AT TIME ZONE 'Asia/Shanghai')::date, (c.received_at AT TIME ZONE 'Asia/Shanghai')::date + 30,
                    'bench', c.received_at, c.state, CASE WHEN c.state = 'CLOSED' THEN c.received_at + interval '20 days' END
                FROM cases c WHERE c.tracking_code LIKE 'BD%' ON CONFLICT (case_id, city_id) DO NOTHING""", (Object) CODES);
        jdbc.update("""
                INSERT INTO dispute_party (dispute_id, role, kind, name, id_number_masked)
                SELECT d.id, r.role, 'NATURAL', '当事人' || d.id || r.role, '110***********0000'
                FROM dispute d CROSS JOIN (VALUES ('APPLICANT'), ('RESPONDENT')) r(role) WHERE d.registered_by = 'bench'""");
        jdbc.update("""
                INSERT INTO dispute_assignment (dispute_id, mediator_id, assigned_at, assigned_by)
                SELECT d.id, m.ids[1 + d.id % cardinality(m.ids)], d.registered_at, 'bench' FROM dispute d,
                    (SELECT array_agg(id ORDER BY id) ids FROM mediator WHERE code LIKE 'BM-%') m
                WHERE d.registered_by = 'bench' AND d.status = 'MEDIATING'""");
        jdbc.execute("VACUUM ANALYZE");
        System.out.printf("loaded %,d disputes and %,d mediators in %.1f s%n", missing, mediators,
                (System.nanoTime() - t0) / 1e9);
    }

    static String uptime() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
