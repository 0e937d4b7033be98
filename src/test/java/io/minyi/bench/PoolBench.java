package io.minyi.bench;

import io.minyi.MinyiApplication;
import io.minyi.casework.CaseState;
import io.minyi.casework.CaseType;
import io.minyi.platform.CityKey;
import io.minyi.casework.internal.Actor;
import io.minyi.casework.internal.Cases;
import io.minyi.casework.internal.DuplicateIndex;
import io.minyi.casework.internal.DuplicateSuggestions;
import io.minyi.org.Role;
import io.minyi.platform.PageResult;
import org.HdrHistogram.Histogram;
import org.postgresql.PGConnection;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.StringReader;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Loads N cases (default 1,000,000) into the pool with PostgreSQL COPY, then measures what a dispatcher waits for:
 * the filtered pool page (jurisdiction + state + overdue) and the duplicate suggestions for a new case.
 * Run with bench/pool-bench.sh; arguments: [cases] [iterations]. Uses the embedded PostgreSQL in a temporary
 * directory unless spring.datasource.url is set (-Dspring.datasource.url=... -Dspring.datasource.username=...).
 */
public final class PoolBench {

    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    static final String[] PLACES = {"桃园小区", "金家村", "柳树湾", "石桥社区", "松林街道", "清河村", "龙泉小区", "凤凰台", "白杨坪",
            "红星社区", "青山镇", "东关街", "西门菜市场", "南湖公园", "北街小学", "新华路", "长安大道", "永安村", "丰收农贸市场", "河滨花园"};
    static final String[] WHERE = {"三号楼门口", "村委会旁", "菜市场入口", "小学门口", "路口东侧", "停车场", "河堤上", "健身广场", "楼道里",
            "公交站旁"};
    static final String[] PROBLEMS = {"垃圾堆放多日无人清理，臭气熏天", "夜间施工噪音扰民，影响休息", "车辆乱停乱放堵塞消防通道",
            "邻里因宅基地边界发生争执", "民警办事推诿，态度生硬", "路灯损坏多日未修，夜间出行不安全", "有人聚众赌博，影响治安",
            "拖欠农民工工资至今未付", "占道经营，行人无法通行", "楼上漏水，物业不予处理", "养狗不拴绳吓到老人小孩",
            "窨井盖缺失存在安全隐患", "土地流转纠纷多次调解未果", "商户油烟直排扰民", "有人冒充执法人员收费"};
    static final String[] TAILS = {"希望尽快处理", "多次反映无果", "居民意见很大", "请相关部门核实", "已持续一个多月", "恳请领导重视", ""};
    static final String[] CATEGORIES = {"环境卫生", "噪音扰民", "交通秩序", "邻里纠纷", "执法作风", "公共设施", "治安隐患", "劳资纠纷"};

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        String dataDir = System.getProperty("bench.data-dir",
                java.nio.file.Files.createTempDirectory("minyi-bench-pg").toString());
        // System properties outrank every application.properties on the class path (including the tests' one).
        Map.of("server.port", "0", "minyi.embedded-db.data-dir", dataDir,
                "minyi.embedded-db.shared-buffers", System.getProperty("bench.shared-buffers", "512MB"),
                "minyi.demo.load", "auto", "db-scheduler.enabled", "false", "logging.level.root", "WARN",
                "minyi.blobs.dir", dataDir + "-blobs").forEach(System::setProperty);
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(MinyiApplication.class).run();
        try {
            run(ctx, n, iterations);
        } finally {
            ctx.close();
        }
    }

    static void run(ConfigurableApplicationContext ctx, int n, int iterations) throws Exception {
        JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
        Cases cases = ctx.getBean(Cases.class);
        DuplicateSuggestions suggestions = ctx.getBean(DuplicateSuggestions.class);
        Random rnd = new Random(42);

        List<Object[]> villages = jdbc.query("SELECT id, path FROM jurisdiction WHERE level = 'VILLAGE' ORDER BY id",
                (rs, i) -> new Object[]{rs.getLong(1), rs.getString(2)});
        List<Long> units = jdbc.queryForList("SELECT id FROM unit ORDER BY id", Long.class);
        List<String> counties = jdbc.queryForList("SELECT path FROM jurisdiction WHERE level = 'COUNTY' ORDER BY id",
                String.class);
        List<String> townships = jdbc.queryForList("SELECT path FROM jurisdiction WHERE level = 'TOWNSHIP' ORDER BY id",
                String.class);

        long existing = jdbc.queryForObject("SELECT count(*) FROM cases", Long.class);
        if (existing < n) {
            long t0 = System.nanoTime();
            load(ctx.getBean(DataSource.class), n - (int) existing, (int) existing, villages, units, rnd);
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            jdbc.execute("VACUUM ANALYZE cases");
            System.out.printf("loaded %,d cases with COPY in %.1f s (%,.0f rows/s); VACUUM ANALYZE %.1f s%n",
                    n - existing, loadSeconds, (n - existing) / loadSeconds, (System.nanoTime() - t1) / 1e9);
        }
        long t2 = System.nanoTime();
        suggestions.rebuild();
        System.out.printf("duplicate index rebuilt from the open cases: %,d documents in %.1f s%n",
                suggestions.indexedCases(), (System.nanoTime() - t2) / 1e9);

        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        String county0 = counties.get(0);
        System.out.println("plan of the pool page's id query (county + SIGNED + overdue):");
        jdbc.query("EXPLAIN (ANALYZE, BUFFERS) SELECT c.id FROM cases c WHERE c.jurisdiction_path LIKE ? "
                        + "AND c.state = 'SIGNED' AND c.state IN ('DISPATCHED','SIGNED','RETURN_REQUESTED','REPORTED','REOPENED') "
                        + "AND c.deadline < ? ORDER BY c.deadline, c.id LIMIT 20",
                rs -> { System.out.println("  " + rs.getString(1)); }, county0 + "%", today);
        System.out.println("plan of its capped count:");
        jdbc.query("EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM (SELECT 1 FROM cases c WHERE c.jurisdiction_path "
                        + "LIKE ? AND c.state = 'SIGNED' AND c.state IN ('DISPATCHED','SIGNED','RETURN_REQUESTED',"
                        + "'REPORTED','REOPENED') AND c.deadline < ? LIMIT 10001) x",
                rs -> { System.out.println("  " + rs.getString(1)); }, county0 + "%", today);
        List<String> open = List.of("DISPATCHED", "SIGNED", "REOPENED");
        Histogram pool = new Histogram(60_000_000_000L, 3);
        Histogram poolTownship = new Histogram(60_000_000_000L, 3);
        Histogram poolCity = new Histogram(60_000_000_000L, 3);
        long rows = 0;
        for (int i = -30; i < iterations; i++) {
            String county = counties.get(rnd.nextInt(counties.size()));
            Actor dispatcher = new Actor(Actor.Kind.STAFF, "bench", Set.of(Role.DISPATCHER), 1L, "bench", county, null);
            var filter = new Cases.PoolFilter(null, CaseState.valueOf(open.get(rnd.nextInt(open.size()))), null, null,
                    null, true, null);
            long t = System.nanoTime();
            var page = cases.pool(dispatcher, filter, today, new PageResult.Request(1 + rnd.nextInt(3), 20));
            record(pool, i, t);
            rows += page.items().size();

            String township = townships.get(rnd.nextInt(townships.size()));
            String townshipCounty = township.substring(0, township.indexOf('/', township.indexOf('/', 1) + 1) + 1);
            Actor countyDispatcher = new Actor(Actor.Kind.STAFF, "bench", Set.of(Role.DISPATCHER), 1L, "bench",
                    townshipCounty, null);
            t = System.nanoTime();
            cases.pool(countyDispatcher, new Cases.PoolFilter(null, CaseState.SIGNED, township, null, null, true, null),
                    today, new PageResult.Request(1, 20));
            record(poolTownship, i, t);

            Actor cityDispatcher = new Actor(Actor.Kind.STAFF, "bench", Set.of(Role.DISPATCHER), 1L, "bench",
                    "/" + county.split("/")[1] + "/", null);
            t = System.nanoTime();
            cases.pool(cityDispatcher, new Cases.PoolFilter(null, null, null, null, null, false, null), today,
                    new PageResult.Request(1, 20));
            record(poolCity, i, t);
        }

        Histogram dup = new Histogram(60_000_000_000L, 3);
        Histogram dupWithRows = new Histogram(60_000_000_000L, 3);
        int found = 0;
        for (int i = -30; i < iterations; i++) {
            Object[] v = villages.get(rnd.nextInt(villages.size()));
            String text = content(rnd);
            Actor dispatcher = new Actor(Actor.Kind.STAFF, "bench", Set.of(Role.DISPATCHER), 1L, "bench",
                    counties.stream().filter(((String) v[1])::startsWith).findFirst().orElseThrow(), null);
            long t = System.nanoTime();
            List<DuplicateIndex.Hit> hits = suggestions.similar(text, (String) v[1], -1, 5);
            record(dup, i, t);
            cases.byIds(hits.stream().map(DuplicateIndex.Hit::caseId).toList(), dispatcher, today);
            record(dupWithRows, i, t);
            found += hits.isEmpty() ? 0 : 1;
        }

        long total = jdbc.queryForObject("SELECT count(*) FROM cases", Long.class);
        System.out.println();
        System.out.printf("pool: %,d cases; %d measured runs per line after 30 warm-up runs%n", total, iterations);
        System.out.println("| what                                                        |  p50 ms |  p95 ms |  p99 ms |  max ms |");
        System.out.println("|-------------------------------------------------------------|---------|---------|---------|---------|");
        line("pool page: county + state + overdue, page 1-3 of 20 (+count)", pool);
        line("pool page: township + SIGNED + overdue (+count)", poolTownship);
        line("pool page: whole city, no filter, newest 20 (+count)", poolCity);
        line("duplicate suggestions for a new case (Lucene only)", dup);
        line("duplicate suggestions + their rows from PostgreSQL", dupWithRows);
        System.out.printf("(pool pages returned %,d rows in all; %d of %d new texts had a suggestion)%n", rows, found,
                iterations + 30);
    }

    private static void record(Histogram h, int i, long start) {
        if (i >= 0) {
            h.recordValue(System.nanoTime() - start);
        }
    }

    private static void line(String what, Histogram h) {
        System.out.printf("| %-59s | %7.2f | %7.2f | %7.2f | %7.2f |%n", what, h.getValueAtPercentile(50) / 1e6,
                h.getValueAtPercentile(95) / 1e6, h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6);
    }

    static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林"};

    /** Complaints name a place, often a person and a number; the vocabulary is small on purpose (hard for Lucene). */
    static String content(Random rnd) {
        return PLACES[rnd.nextInt(PLACES.length)] + (1 + rnd.nextInt(30)) + "号" + WHERE[rnd.nextInt(WHERE.length)]
                + (rnd.nextBoolean() ? SURNAMES[rnd.nextInt(SURNAMES.length)] + "某反映" : "")
                + PROBLEMS[rnd.nextInt(PROBLEMS.length)] + "，" + TAILS[rnd.nextInt(TAILS.length)];
    }

    /** Streams the rows to COPY in chunks, so memory stays flat whatever N is. */
    static void load(DataSource ds, int n, int offset, List<Object[]> villages, List<Long> units, Random rnd)
            throws Exception {
        try (Connection con = ds.getConnection()) {
            load(con, n, offset, villages, units, rnd);
        }
    }

    static final String CASE_COLUMNS = "tracking_code, type, channel, jurisdiction_id, jurisdiction_path, content, "
            + "category, risk_level, unit_id, state, deadline, received_at, updated_at, raiser_phone_masked, raiser_key, "
            + "subject_unit_id, dispatched_at, reported_at, closed_at, outcome, persons_disciplined, satisfaction, "
            + "reopen_count, feedback_due, reject_reason, city_id";

    /**
     * Cases in realistic states and ages, each with the timestamps of the steps it went through (dispatched, reported,
     * closed), an outcome and the raiser's verdict, so that the projections other modules keep can be derived from
     * the rows (bench/load-data.sh does so with INSERT ... SELECT).
     */
    static void load(Connection con, int n, int offset, List<Object[]> villages, List<Long> units, Random rnd)
            throws Exception {
        ZoneId china = ZoneId.of("Asia/Shanghai");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        CaseType[] types = CaseType.values();
        String[] channels = {"EVALUATION", "WALK_IN", "PETITION", "GRID_VISIT", "HOTLINE", "SURVEY", "STAFF"};
        String[] risks = {"LOW", "LOW", "LOW", "MEDIUM", "MEDIUM", "HIGH"};
        Set<String> reportedStates = Set.of("REPORTED", "UNDER_REVIEW", "AWAITING_FEEDBACK", "CLOSED",
                "CLOSED_NO_FEEDBACK", "ARCHIVED", "REOPENED");
        Set<String> closedStates = Set.of("CLOSED", "CLOSED_NO_FEEDBACK", "ARCHIVED");
        var copy = con.unwrap(PGConnection.class).getCopyAPI();
        int chunk = 50_000;
        for (int start = 0; start < n; start += chunk) {
            StringBuilder sb = new StringBuilder(chunk * 300);
            for (int i = start; i < Math.min(n, start + chunk); i++) {
                Object[] v = villages.get(rnd.nextInt(villages.size()));
                int p = rnd.nextInt(100);
                // 70 % finished, 30 % open; open cases are recent, finished ones spread over two years
                String state = p < 45 ? "CLOSED" : p < 52 ? "CLOSED_NO_FEEDBACK" : p < 60 ? "ARCHIVED"
                        : p < 65 ? "REJECTED" : p < 67 ? "MERGED" : p < 70 ? "AWAITING_FEEDBACK"
                        : p < 74 ? "RECEIVED" : p < 75 ? "ACCEPTED" : p < 77 ? "TRIAGED" : p < 84 ? "DISPATCHED"
                        : p < 95 ? "SIGNED" : p < 97 ? "REPORTED" : p < 99 ? "UNDER_REVIEW" : "REOPENED";
                boolean open = p >= 67;
                CaseType type = types[rnd.nextInt(types.length)];
                Instant received = now.minus(open ? rnd.nextInt(60 * 24) : 24 + rnd.nextInt(730 * 24), ChronoUnit.HOURS);
                boolean dispatched = !Set.of("RECEIVED", "ACCEPTED", "TRIAGED", "REJECTED", "MERGED").contains(state);
                LocalDate deadline = dispatched ? LocalDate.ofInstant(received, china).plusDays(21) : null;
                String unit = dispatched ? String.valueOf(units.get(rnd.nextInt(units.size()))) : "";
                Instant dispatchedAt = dispatched ? before(now, received.plus(1 + rnd.nextInt(48), ChronoUnit.HOURS)) : null;
                boolean reported = reportedStates.contains(state);
                // most units report within the deadline; about one in eight is late
                Instant reportedAt = reported ? before(now, dispatchedAt.plus(rnd.nextInt(8) == 0
                        ? 22 * 24 + rnd.nextInt(20 * 24) : 24 + rnd.nextInt(19 * 24), ChronoUnit.HOURS)) : null;
                Instant closedAt = closedStates.contains(state)
                        ? before(now, reportedAt.plus(6 + rnd.nextInt(7 * 24), ChronoUnit.HOURS))
                        : "REJECTED".equals(state) || "MERGED".equals(state)
                        ? before(now, received.plus(1 + rnd.nextInt(24), ChronoUnit.HOURS)) : null;
                String outcome = "";
                int persons = 0;
                if (reported) {
                    int o = rnd.nextInt(100);
                    if (type == CaseType.CLUE) {
                        outcome = o < 80 ? "UNFOUNDED" : o < 95 ? "SUBSTANTIATED" : "PARTLY_SUBSTANTIATED";
                        persons = !"UNFOUNDED".equals(outcome) && rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(2) : 0;
                    } else {
                        outcome = o < 90 ? "RESOLVED" : "UNRESOLVED";
                    }
                }
                String satisfaction = "CLOSED".equals(state) || "ARCHIVED".equals(state)
                        ? (rnd.nextInt(100) < 85 ? "SATISFIED" : "BASICALLY_SATISFIED")
                        : "REOPENED".equals(state) ? "DISSATISFIED" : "";
                Instant updated = closedAt != null ? closedAt : reportedAt != null ? reportedAt
                        : dispatchedAt != null ? dispatchedAt : received;
                String code = code(offset + i);
                sb.append(code).append(',').append(type).append(',')
                        .append(channels[rnd.nextInt(channels.length)]).append(',').append(v[0]).append(',')
                        .append(v[1]).append(",\"").append(content(rnd)).append("\",")
                        .append(CATEGORIES[rnd.nextInt(CATEGORIES.length)]).append(',')
                        .append(risks[rnd.nextInt(risks.length)]).append(',').append(unit).append(',')
                        .append(state).append(',').append(deadline == null ? "" : deadline).append(',')
                        .append(received).append(',').append(updated).append(",138****")
                        .append(String.format("%04d", rnd.nextInt(10000))).append(",r").append(rnd.nextInt(200_000))
                        .append(',').append(type == CaseType.CLUE && dispatched ? unit : "").append(',')
                        .append(dispatchedAt == null ? "" : dispatchedAt).append(',')
                        .append(reportedAt == null ? "" : reportedAt).append(',')
                        .append(closedAt == null ? "" : closedAt).append(',').append(outcome).append(',')
                        .append(persons).append(',').append(satisfaction).append(',')
                        .append("REOPENED".equals(state) ? 1 : 0).append(',')
                        .append("AWAITING_FEEDBACK".equals(state) ? LocalDate.ofInstant(reportedAt, china).plusDays(7) : "")
                        .append(',').append("REJECTED".equals(state) ? "不属于受理范围" : "")
                        .append(',').append(CityKey.of((String) v[1]))
                        .append('\n');
            }
            copy.copyIn("COPY cases (" + CASE_COLUMNS + ") FROM STDIN WITH (FORMAT csv)", new StringReader(sb.toString()));
        }
    }

    private static Instant before(Instant now, Instant t) {
        return t.isAfter(now) ? now : t;
    }

    /** Distinct valid tracking codes: the row number in base 31, led by 'Z' so they cannot meet demo codes often. */
    static String code(long i) {
        char[] c = new char[10];
        c[0] = 'Z';
        for (int k = 9; k >= 1; k--) {
            c[k] = ALPHABET.charAt((int) (i % ALPHABET.length()));
            i /= ALPHABET.length();
        }
        return new String(c);
    }

    private PoolBench() {
    }

}
