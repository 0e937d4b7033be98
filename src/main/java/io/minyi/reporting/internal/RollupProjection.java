package io.minyi.reporting.internal;

import io.minyi.platform.CityTime;
import io.minyi.casework.CaseEvents.CaseConcluded;
import io.minyi.casework.CaseEvents.CaseDispatched;
import io.minyi.casework.CaseEvents.CaseReceived;
import io.minyi.casework.CaseEvents.CaseRejected;
import io.minyi.casework.CaseEvents.CaseReopened;
import io.minyi.casework.CaseEvents.CaseReported;
import io.minyi.casework.CaseEvents.CaseVerificationOngoing;
import io.minyi.casework.CaseType;
import io.minyi.casework.Outcome;
import io.minyi.casework.RiskLevel;
import io.minyi.org.OrgDirectory;
import io.minyi.platform.PublicationDrains;
import io.minyi.platform.ReplayedOnLoss;
import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.supervision.SupervisionEvents.CaseWentOverdue;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the daily roll-ups: each event adds to the row of its day, type and category for the case's jurisdiction
 * and every ancestor (village → township → county → city), so a figure for any level is a read of its own rows.
 * A re-reported clue moves its count from the old outcome to the new one, so totals never count a case twice.
 */
@Component
@RequiredArgsConstructor
class RollupProjection {

    static final String UNCATEGORISED = "未分类";
    private static final Set<String> COUNTERS = Set.of("received", "dispatched", "rejected", "closed", "resolved",
            "overdue", "reopened", "satisfied", "substantiated", "partly_substantiated", "unfounded",
            "under_verification", "persons_disciplined", "satisfied_by_staff", "reopened_by_staff");
    /** What a clue stands at before its verdict, as report_case.outcome stores it next to the verdicts. */
    static final String UNDER_VERIFICATION = "UNDER_VERIFICATION";

    private final JdbcClient jdbc;
    private final OrgDirectory org;
    private final PublicationDrains drains;
    private final Map<Long, List<Long>> lineages = new ConcurrentHashMap<>();
    private final Map<Long, String> paths = new ConcurrentHashMap<>();

    private record Fact(String type, String category, long jurisdictionId, String outcome, int persons,
                        boolean dispatchedOnce) {
    }

    /**
     * The case's row made or brought up to date, and its day's and month's "received" added for every level, in one
     * statement (it used to be three: the row, then the daily and the monthly roll-up; issue 11 counts every round trip
     * of a listener at hundreds of intakes a second). The roll-ups take the type and category the row holds, as
     * {@link #add} does, and are written daily rows first, each table root first, so they lock in the same order as
     * every other event's roll-up. A row another event made first under another jurisdiction is rolled up along its
     * own lineage, as before, by the second statement that only that case needs. The statement also lets the
     * transaction commit without waiting for the disk ({@link ReplayedOnLoss}): the row it always returns sets it.
     */
    @ApplicationModuleListener
    void on(CaseReceived e) {
        if (!drains.nudge(RECEIVED_LISTENER)) {
            received(e);
        }
    }

    /** The listener above as Spring Modulith names it: {@link ReceivedInBatches} drains its publications. */
    static final String RECEIVED_LISTENER = RollupProjection.class.getName() + ".on(" + CaseReceived.class.getName()
            + ")";

    void received(CaseReceived e) {
        LocalDate day = day(e.at());
        Long[] levels = lineage(e.jurisdictionId()).toArray(Long[]::new);
        Fact f = jdbc.sql(RECEIVED)
                .params(e.caseId(), e.type().name(), e.category(), e.jurisdictionId(), path(e.jurisdictionId()),
                        Date.valueOf(day), UNCATEGORISED, levels, e.jurisdictionId(), Date.valueOf(day),
                        Date.valueOf(day.withDayOfMonth(1)))
                .query(RollupProjection::factOf).single();
        if (f.jurisdictionId() != e.jurisdictionId()) {
            add(f, day, Map.of("received", 1));
        }
    }

    /**
     * Many received cases at once, as {@link #received} one (decision 0055): their rows in one insert, the roll-ups
     * of all of them in one insert per table, each row's count the number of cases it gathers. The roll-up rows are
     * taken in one order for every batch — level, jurisdiction, day, type, category — which every single event's
     * lineage, root first, also follows. A case twice in the batch (an insert may not touch a row twice) and a row
     * another event made under another jurisdiction are counted afterwards, one by one, as before.
     */
    void received(List<CaseReceived> events) {
        Map<Long, CaseReceived> first = new LinkedHashMap<>();
        List<CaseReceived> again = new java.util.ArrayList<>();
        for (CaseReceived e : events) {
            if (first.putIfAbsent(e.caseId(), e) != null) {
                again.add(e);
            }
        }
        Together t = Together.of(first.values(), this::lineage, this::path);
        List<Moved> moved = jdbc.sql(RECEIVED_TOGETHER)
                .params(t.caseIds(), t.types(), t.categories(), t.jurisdictions(), t.paths(), t.days(), UNCATEGORISED,
                        t.lineageOf(), t.lineageLevel(), t.lineageDepth())
                .query((rs, n) -> new Moved(factOf(rs, n), rs.getDate(7).toLocalDate())).list();
        moved.forEach(m -> add(m.fact(), m.day(), Map.of("received", 1)));
        again.forEach(this::received);
    }

    private record Moved(Fact fact, LocalDate day) {
    }

    /** The batch as the statement's arrays, one element per case, and the lineages of its jurisdictions. */
    private record Together(Long[] caseIds, String[] types, String[] categories, Long[] jurisdictions, String[] paths,
                            String[] days, Long[] lineageOf, Long[] lineageLevel, Integer[] lineageDepth) {

        static Together of(java.util.Collection<CaseReceived> events,
                           java.util.function.Function<Long, List<Long>> lineage,
                           java.util.function.Function<Long, String> path) {
            List<Long> of = new java.util.ArrayList<>();
            List<Long> level = new java.util.ArrayList<>();
            List<Integer> depth = new java.util.ArrayList<>();
            events.stream().map(CaseReceived::jurisdictionId).distinct().forEach(j -> {
                List<Long> l = lineage.apply(j);
                for (int i = 0; i < l.size(); i++) {
                    of.add(j);
                    level.add(l.get(i));
                    depth.add(i + 1);
                }
            });
            return new Together(events.stream().map(CaseReceived::caseId).toArray(Long[]::new),
                    events.stream().map(e -> e.type().name()).toArray(String[]::new),
                    events.stream().map(CaseReceived::category).toArray(String[]::new),
                    events.stream().map(CaseReceived::jurisdictionId).toArray(Long[]::new),
                    events.stream().map(e -> path.apply(e.jurisdictionId())).toArray(String[]::new),
                    events.stream().map(e -> day(e.at()).toString()).toArray(String[]::new),
                    of.toArray(Long[]::new), level.toArray(Long[]::new), depth.toArray(Integer[]::new));
        }
    }

    /**
     * The statement of {@link #received(CaseReceived)} for many cases. The levels are grouped (all of f is read
     * before the first roll-up row), the monthly insert waits for the daily one as there, and the rows whose
     * jurisdiction another event set differently are returned, for {@link #add}.
     */
    private static final String RECEIVED_TOGETHER = """
            WITH i AS (
                SELECT * FROM unnest(?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::date[])
                    AS i(case_id, type, category, jurisdiction_id, path, day)),
            f AS (
                INSERT INTO report_case (case_id, type, category, jurisdiction_id, jurisdiction_path, received_day)
                SELECT case_id, type, category, jurisdiction_id, path, day FROM i ORDER BY case_id
                ON CONFLICT (case_id, city_id) DO UPDATE
                    SET category = coalesce(EXCLUDED.category, report_case.category),
                        received_day = EXCLUDED.received_day
                RETURNING case_id, type, category, jurisdiction_id, outcome, persons_disciplined, dispatched_once,
                          received_day),
            levels AS (
                SELECT f.received_day AS day, l.j, l.n, f.type,
                       CASE WHEN f.category IS NULL OR f.category ~ '^[[:space:]]*$' THEN ? ELSE f.category END
                           AS category, count(*) AS c
                FROM f JOIN i ON i.case_id = f.case_id AND i.jurisdiction_id = f.jurisdiction_id
                JOIN unnest(?::bigint[], ?::bigint[], ?::integer[]) AS l(of, j, n) ON l.of = f.jurisdiction_id
                GROUP BY 1, 2, 3, 4, 5),
            daily AS (
                INSERT INTO case_rollup_daily (day, jurisdiction_id, type, category, received)
                SELECT day, j, type, category, c FROM levels ORDER BY n, j, day, type, category
                ON CONFLICT (jurisdiction_id, day, type, category, city_id)
                DO UPDATE SET received = case_rollup_daily.received + EXCLUDED.received
                RETURNING 1),
            monthly AS (
                INSERT INTO case_rollup_monthly (month, jurisdiction_id, type, category, received)
                SELECT date_trunc('month', day)::date AS month, j, type, category, sum(c) FROM levels
                WHERE (SELECT count(*) FROM daily) >= 0
                GROUP BY 1, 2, n, 3, 4 ORDER BY n, j, month, type, category
                ON CONFLICT (jurisdiction_id, month, type, category, city_id)
                DO UPDATE SET received = case_rollup_monthly.received + EXCLUDED.received)
            SELECT f.type, f.category, f.jurisdiction_id, f.outcome, f.persons_disciplined, f.dispatched_once,
                   f.received_day
            FROM f JOIN i ON i.case_id = f.case_id WHERE i.jurisdiction_id <> f.jurisdiction_id""";

    /**
     * The monthly insert waits for the whole daily one ({@code (SELECT count(*) FROM daily)} is computed once, before
     * its first row): sub-statements of one WITH otherwise run in an order PostgreSQL does not promise.
     */
    private static final String RECEIVED = """
            WITH f AS (
                INSERT INTO report_case (case_id, type, category, jurisdiction_id, jurisdiction_path, received_day)
                VALUES (?,?,?,?,?,?)
                ON CONFLICT (case_id, city_id) DO UPDATE
                    SET category = coalesce(EXCLUDED.category, report_case.category),
                        received_day = EXCLUDED.received_day
                RETURNING type, category, jurisdiction_id, outcome, persons_disciplined, dispatched_once),
            levels AS (
                SELECT l.j, l.n, f.type, CASE WHEN f.category IS NULL OR f.category ~ '^[[:space:]]*$' THEN ?
                                              ELSE f.category END AS category
                FROM f, unnest(?::bigint[]) WITH ORDINALITY AS l(j, n) WHERE f.jurisdiction_id = ?),
            daily AS (
                INSERT INTO case_rollup_daily (day, jurisdiction_id, type, category, received)
                SELECT ?::date, j, type, category, 1 FROM levels ORDER BY n
                ON CONFLICT (jurisdiction_id, day, type, category, city_id)
                DO UPDATE SET received = case_rollup_daily.received + EXCLUDED.received
                RETURNING 1),
            monthly AS (
                INSERT INTO case_rollup_monthly (month, jurisdiction_id, type, category, received)
                SELECT ?::date, j, type, category, 1 FROM levels WHERE (SELECT count(*) FROM daily) >= 0 ORDER BY n
                ON CONFLICT (jurisdiction_id, month, type, category, city_id)
                DO UPDATE SET received = case_rollup_monthly.received + EXCLUDED.received)
            SELECT type, category, jurisdiction_id, outcome, persons_disciplined, dispatched_once, %s FROM f"""
            .formatted(ReplayedOnLoss.IN_STATEMENT);

    @ApplicationModuleListener
    void on(CaseDispatched e) {
        ensure(e.caseId(), e.type(), e.category(), e.jurisdictionId());
        Fact f = fact(e.caseId());
        boolean notable = e.riskLevel() == RiskLevel.HIGH;
        jdbc.sql("""
                        UPDATE report_case SET risk_level = ?, dispatched_once = true,
                               high_risk_day = CASE WHEN ? AND high_risk_day IS NULL THEN ?::date ELSE high_risk_day END
                        WHERE case_id = ?""")
                .params(e.riskLevel() == null ? null : e.riskLevel().name(), notable, Date.valueOf(day(e.at())), e.caseId()).update();
        if (!f.dispatchedOnce()) {
            add(f, day(e.at()), Map.of("dispatched", 1));
        }
    }

    @ApplicationModuleListener
    void on(CaseRejected e) {
        ensure(e.caseId(), e.type(), null, e.jurisdictionId());
        add(fact(e.caseId()), day(e.at()), Map.of("rejected", 1));
    }

    @ApplicationModuleListener
    void on(CaseReported e) {
        ensure(e.caseId(), e.type(), null, e.jurisdictionId());
        if (e.type() != CaseType.CLUE || e.outcome() == null) {
            return;
        }
        standing(e.caseId(), e.outcome().name(), e.personsDisciplined(), day(e.at()));
    }

    /** 核查中: the clue stands under verification until its verdict is reported. */
    @ApplicationModuleListener
    void on(CaseVerificationOngoing e) {
        ensure(e.caseId(), e.type(), null, e.jurisdictionId());
        if (e.type() == CaseType.CLUE) {
            standing(e.caseId(), UNDER_VERIFICATION, null, day(e.at()));
        }
    }

    /** Moves the clue's count from where it stood to where it stands now, so no clue is ever counted twice. */
    private void standing(long caseId, String now, Integer persons, LocalDate day) {
        Fact f = fact(caseId);
        Map<String, Integer> delta = new LinkedHashMap<>();
        String before = counterFor(f.outcome());
        String after = counterFor(now);
        if (before != null && !before.equals(after)) {
            delta.merge(before, -1, Integer::sum);
        }
        if (after != null && !after.equals(before)) {
            delta.merge(after, 1, Integer::sum);
        }
        int personsNow = persons == null ? f.persons() : persons;
        if (personsNow != f.persons()) {
            delta.put("persons_disciplined", personsNow - f.persons());
        }
        jdbc.sql("UPDATE report_case SET outcome = ?, persons_disciplined = ? WHERE case_id = ?")
                .params(now, personsNow, caseId).update();
        if (!delta.isEmpty()) {
            add(f, day, delta);
        }
    }

    @ApplicationModuleListener
    void on(CaseConcluded e) {
        ensure(e.caseId(), e.type(), null, e.jurisdictionId());
        if (!e.handledByUnit()) {
            return;
        }
        Map<String, Integer> delta = new LinkedHashMap<>();
        delta.put("closed", 1);
        if (e.type() == CaseType.DISPUTE && e.outcome() == Outcome.RESOLVED) {
            delta.put("resolved", 1);
        }
        if (Boolean.TRUE.equals(e.satisfied())) {
            delta.put("satisfied", 1);
            if (e.staffRecorded()) {
                delta.put("satisfied_by_staff", 1);
            }
        }
        add(fact(e.caseId()), day(e.at()), delta);
    }

    @ApplicationModuleListener
    void on(CaseReopened e) {
        ensure(e.caseId(), e.type(), null, e.jurisdictionId());
        add(fact(e.caseId()), day(e.at()), e.staffRecorded() ? Map.of("reopened", 1, "reopened_by_staff", 1)
                : Map.of("reopened", 1));
    }

    @ApplicationModuleListener
    void on(CaseWentOverdue e) {
        Fact f = jdbc.sql("SELECT 1 FROM report_case WHERE case_id = ?").param(e.caseId()).query().listOfRows().isEmpty()
                ? null : fact(e.caseId());
        if (f != null) {
            add(f, e.day(), Map.of("overdue", 1));
        }
    }

    private static String counterFor(String standing) {
        if (standing == null) {
            return null;
        }
        if (UNDER_VERIFICATION.equals(standing)) {
            return "under_verification";
        }
        return switch (Outcome.valueOf(standing)) {
            case SUBSTANTIATED -> "substantiated";
            case PARTLY_SUBSTANTIATED -> "partly_substantiated";
            case UNFOUNDED -> "unfounded";
            case RESOLVED, UNRESOLVED -> null;
        };
    }

    private void ensure(long caseId, CaseType type, String category, long jurisdictionId) {
        jdbc.sql("""
                        INSERT INTO report_case (case_id, type, category, jurisdiction_id, jurisdiction_path)
                        VALUES (?,?,?,?,?) ON CONFLICT (case_id, city_id) DO NOTHING""")
                .params(caseId, type.name(), category, jurisdictionId, path(jurisdictionId)).update();
    }

    private Fact fact(long caseId) {
        return jdbc.sql("""
                        SELECT type, category, jurisdiction_id, outcome, persons_disciplined, dispatched_once
                        FROM report_case WHERE case_id = ? FOR UPDATE""")
                .param(caseId)
                .query(RollupProjection::factOf)
                .single();
    }

    private static Fact factOf(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Fact(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getInt(5),
                rs.getBoolean(6));
    }

    /**
     * Adds the delta to the rows of the case's jurisdiction and of every level above it: one statement per table for
     * all levels (it was one per level and table, eight for a village's case), the rows taken root first as before,
     * so concurrent listeners cannot deadlock on them.
     */
    private void add(Fact f, LocalDate day, Map<String, Integer> delta) {
        StringBuilder cols = new StringBuilder();
        StringBuilder vals = new StringBuilder();
        StringBuilder updates = new StringBuilder();
        for (String c : delta.keySet()) {
            if (!COUNTERS.contains(c)) {
                throw new IllegalArgumentException(c);
            }
            cols.append(", ").append(c);
            vals.append(", ?::integer");
            updates.append(updates.isEmpty() ? "" : ", ").append(c).append(" = %1$s.").append(c)
                    .append(" + EXCLUDED.").append(c);
        }
        String rows = "INSERT INTO %1$s (%2$s, jurisdiction_id, type, category" + cols + ") SELECT ?::date, l.j, ?, ?"
                + vals + " FROM unnest(?::bigint[]) WITH ORDINALITY AS l(j, n) ORDER BY l.n"
                + " ON CONFLICT (jurisdiction_id, %2$s, type, category, city_id) DO UPDATE SET " + updates;
        String category = f.category() == null || f.category().isBlank() ? UNCATEGORISED : f.category();
        Long[] levels = lineage(f.jurisdictionId()).toArray(Long[]::new);
        for (boolean monthly : new boolean[]{false, true}) {
            List<Object> args = new java.util.ArrayList<>();
            args.add(Date.valueOf(monthly ? day.withDayOfMonth(1) : day));
            args.add(f.type());
            args.add(category);
            args.addAll(delta.values());
            args.add(levels);
            jdbc.sql(rows.formatted(monthly ? "case_rollup_monthly" : "case_rollup_daily", monthly ? "month" : "day"))
                    .params(args).update();
        }
    }

    private List<Long> lineage(long jurisdictionId) {
        return lineages.computeIfAbsent(jurisdictionId,
                id -> org.lineage(id).stream().map(JurisdictionRef::id).toList());
    }

    private String path(long jurisdictionId) {
        return paths.computeIfAbsent(jurisdictionId,
                id -> org.jurisdiction(id).map(JurisdictionRef::path).orElse("/"));
    }

    static LocalDate day(Instant at) {
        return at.atZone(CityTime.ZONE).toLocalDate();
    }
}
