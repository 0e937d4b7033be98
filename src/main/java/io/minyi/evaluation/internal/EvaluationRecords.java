package io.minyi.evaluation.internal;

import io.minyi.platform.SqlFilter;
import io.minyi.platform.PageResult;
import io.minyi.platform.PlannedPerCall;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What staff may read of individual evaluations. Every query carries its scope in SQL (a jurisdiction path pattern,
 * or one unit); the raiser's phone is never selected; an officer never reads evaluations of himself.
 */
@Component
public class EvaluationRecords {

    /** Planned per call: one unit's week and a city's year want different plans (decision 0069). */
    private final JdbcClient jdbc;
    private final ZoneId zone;

    EvaluationRecords(PlannedPerCall reads, java.time.Clock clock) {
        this.jdbc = reads.jdbc();
        this.zone = clock.getZone();
    }

    /** One evaluation as staff see it: no phone, no device or address. */
    public record Row(long id, LocalDateTime at, String unitName, Long officerId, String officerName,
                      String overall, String comment, boolean clue, boolean flagged, String flagReason) {

        /** The stored reason ("D:4>3;A:51>50") split for display: source kind, ordinal that day, allowance. */
        public List<FlagPart> flagParts() {
            if (flagReason == null) {
                return List.of();
            }
            List<FlagPart> parts = new ArrayList<>();
            for (String part : flagReason.split(";")) {
                String[] kv = part.split("[:>]");
                if (kv.length == 3) {
                    parts.add(new FlagPart(kv[0], kv[1], kv[2]));
                }
            }
            return parts;
        }
    }

    public record FlagPart(String kind, String ordinal, String limit) {
    }

    /**
     * Who is asking, reduced to what scopes the query: a path pattern ({@code /1/7/%}), optionally one unit, the
     * officer the account belongs to (excluded), and whether flagged evaluations may be seen.
     */
    public record Scope(String pathPattern, Long unitId, Long ownOfficerId, boolean seesFlags) {
    }

    public record Filter(LocalDate from, LocalDate to, String text, boolean onlyFlagged, Long officerId) {

        boolean hasText() {
            return text != null && !text.isBlank();
        }

        /** The filter as it applies to someone who may or may not see flags: only flagged ones is ignored if not. */
        Filter appliedTo(Scope scope) {
            return scope.seesFlags() || !onlyFlagged ? this : new Filter(from, to, text, false, officerId);
        }
    }

    public record OfficerRow(long officerId, String name, String position, String badgeNo, String unitName) {
    }

    public record DimensionFigures(String dimension, long satisfied, long basicallySatisfied, long dissatisfied) {
        public double rate() {
            long all = satisfied + basicallySatisfied + dissatisfied;
            return all == 0 ? 0 : (double) (satisfied + basicallySatisfied) / all;
        }

        /** Whether there is a rate to show: a rate of no counted evaluation is "—", not 0 %. */
        public boolean measured() {
            return satisfied + basicallySatisfied + dissatisfied > 0;
        }
    }

    private RowMapper<Row> rows() {
        return (rs, n) -> new Row(rs.getLong("id"),
                LocalDateTime.ofInstant(rs.getTimestamp("submitted_at").toInstant(), zone), rs.getString("unit_name"),
                (Long) rs.getObject("officer_id"), rs.getString("officer_name"), rs.getString("overall"),
                rs.getString("comment"), rs.getBoolean("has_clue"), rs.getBoolean("flagged"),
                rs.getString("flag_reason"));
    }

    /**
     * A page of evaluations, newest first, with their number. Both are built for a city of millions of forms a year
     * (decision 0069): without a text filter the number is the running totals' ({@code evaluation_daily} counts every
     * stored form under its unit, officer and day, flagged apart), and the page of the whole scope is taken as each
     * unit's newest forms from its {@code (unit_id, day)} index, merged. The page queries are planned for their own
     * parameters ({@link PlannedPerCall}), not once for all: one unit's week and a city's year want different plans.
     */
    public PageResult<Row> search(Scope scope, Filter asked, PageResult.Request page) {
        Filter filter = asked.appliedTo(scope);
        long total = filter.hasText() ? countRows(scope, filter) : countFromTotals(scope, filter);
        // only flagged ones are few and have their own index; an officer's have his
        List<Row> items = !filter.hasText() && !filter.onlyFlagged() && filter.officerId() == null
                ? pageByUnit(scope, filter, page) : pageOfRows(scope, filter, page);
        return new PageResult<>(items, page.page(), page.size(), total);
    }

    /** The conditions on {@code e} (an evaluation) and {@code j} (its unit's jurisdiction), with their parameters. */
    private record Where(String sql, List<Object> params) {
    }

    private static Where rowConditions(Scope scope, Filter filter, boolean withScopePath) {
        StringBuilder where = new StringBuilder(withScopePath ? " WHERE j.path LIKE ? AND" : " WHERE");
        List<Object> params = new ArrayList<>();
        if (withScopePath) {
            params.add(scope.pathPattern());
        }
        where.append(" e.day BETWEEN ? AND ?");
        params.add(filter.from());
        params.add(filter.to());
        if (scope.unitId() != null) {
            where.append(" AND e.unit_id = ?");
            params.add(scope.unitId());
        }
        if (scope.ownOfficerId() != null) {
            where.append(" AND e.officer_id IS DISTINCT FROM ?");
            params.add(scope.ownOfficerId());
        }
        if (!scope.seesFlags()) {
            where.append(" AND NOT e.flagged");
        } else if (filter.onlyFlagged()) {
            where.append(" AND e.flagged");
        }
        if (filter.officerId() != null) {
            where.append(" AND e.officer_id = ?");
            params.add(filter.officerId());
        }
        if (filter.hasText()) {
            // implies a comment, so the commented forms' own index serves it, without the table (V10_46, 0070)
            where.append(" AND e.comment LIKE ?");
            params.add(SqlFilter.containing(filter.text()));
        }
        return new Where(where.toString(), params);
    }

    private static final String SCOPED = " FROM evaluation e JOIN org_unit u ON u.id = e.unit_id"
            + " JOIN org_jurisdiction j ON j.id = u.jurisdiction_id";
    private static final String NEWEST_FIRST = " ORDER BY e.day DESC, e.submitted_at DESC, e.id DESC";
    private static final String SHOWN = """
            SELECT e.id, e.submitted_at, u.name AS unit_name, e.officer_id, o.name AS officer_name, e.overall,
                   e.comment, e.has_clue, e.flagged, e.flag_reason
            FROM evaluation e JOIN org_unit u ON u.id = e.unit_id LEFT JOIN org_officer o ON o.id = e.officer_id
            WHERE (e.id, e.city_id) IN (SELECT p.id, p.city_id FROM page p)
            ORDER BY e.day DESC, e.submitted_at DESC, e.id DESC""";

    private long countRows(Scope scope, Filter filter) {
        Where where = rowConditions(scope, filter, true);
        return jdbc.sql("SELECT count(*)" + SCOPED + where.sql()).params(where.params()).query(Long.class).single();
    }

    /** Exact: every stored evaluation is counted once in its unit's, officer's and day's row, flagged ones apart. */
    private long countFromTotals(Scope scope, Filter filter) {
        String counted = !scope.seesFlags() ? "d.evaluations" : filter.onlyFlagged() ? "d.flagged"
                : "d.evaluations + d.flagged";
        StringBuilder where = new StringBuilder(" WHERE j.path LIKE ? AND d.day BETWEEN ? AND ?");
        List<Object> params = new ArrayList<>(List.of(scope.pathPattern(), filter.from(), filter.to()));
        if (scope.unitId() != null) {
            where.append(" AND d.unit_id = ?");
            params.add(scope.unitId());
        }
        if (scope.ownOfficerId() != null) {
            where.append(" AND d.officer_id <> ?"); // no officer is 0 there, never an officer's id
            params.add(scope.ownOfficerId());
        }
        if (filter.officerId() != null) {
            where.append(" AND d.").append(OFFICERS_UNITS).append(" AND d.officer_id = ?");
            params.add(filter.officerId());
            params.add(filter.officerId());
        }
        return jdbc.sql("SELECT coalesce(sum(" + counted + "), 0) FROM evaluation_daily d"
                        + " JOIN org_unit u ON u.id = d.unit_id JOIN org_jurisdiction j ON j.id = u.jurisdiction_id"
                        + where).params(params).query(Long.class).single();
    }

    /** Each unit's newest {@code offset + size} forms from its index, then merged: no sort of the whole scope. */
    private List<Row> pageByUnit(Scope scope, Filter filter, PageResult.Request page) {
        Where inUnit = rowConditions(scope, filter, false);
        List<Object> params = new ArrayList<>(inUnit.params());
        params.add(page.offset() + page.size());
        params.add(scope.pathPattern());
        params.add(page.size());
        params.add(page.offset());
        return jdbc.sql("WITH page AS (SELECT x.id, x.city_id FROM org_unit u"
                + " JOIN org_jurisdiction j ON j.id = u.jurisdiction_id CROSS JOIN LATERAL (SELECT e.id, e.city_id, e.day,"
                + " e.submitted_at FROM evaluation e" + inUnit.sql() + " AND e.unit_id = u.id" + NEWEST_FIRST
                + " LIMIT ?) x WHERE j.path LIKE ? ORDER BY x.day DESC, x.submitted_at DESC, x.id DESC LIMIT ? OFFSET ?) "
                + SHOWN).params(params).query(rows()).list();
    }

    private List<Row> pageOfRows(Scope scope, Filter filter, PageResult.Request page) {
        Where where = rowConditions(scope, filter, true);
        List<Object> params = new ArrayList<>(where.params());
        params.add(page.size());
        params.add(page.offset());
        return jdbc.sql("WITH page AS (SELECT e.id, e.city_id" + SCOPED + where.sql() + NEWEST_FIRST
                + " LIMIT ? OFFSET ?) " + SHOWN).params(params).query(rows()).list();
    }

    /** The officer, if inside the scope and not the asker himself. */
    public Optional<OfficerRow> officer(long officerId, Scope scope) {
        if (scope.ownOfficerId() != null && scope.ownOfficerId() == officerId) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        SELECT o.id, o.name, o.position, o.badge_no, u.name AS unit_name FROM org_officer o
                        JOIN org_unit u ON u.id = o.unit_id JOIN org_jurisdiction j ON j.id = u.jurisdiction_id
                        WHERE o.id = ? AND j.path LIKE ?""").params(officerId, scope.pathPattern())
                .query((rs, n) -> new OfficerRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5))).optional();
    }

    public PageResult<OfficerRow> officers(Scope scope, String text, PageResult.Request page) {
        String where = """
                 FROM org_officer o JOIN org_unit u ON u.id = o.unit_id JOIN org_jurisdiction j ON j.id = u.jurisdiction_id
                WHERE o.active AND j.path LIKE ? AND o.id IS DISTINCT FROM ? AND (? = '' OR o.name LIKE ? OR o.badge_no = ? OR u.name LIKE ?)""";
        String q = text == null ? "" : text.strip();
        String like = SqlFilter.containing(q);
        Object[] params = {scope.pathPattern(), scope.ownOfficerId(), q, like, q, like};
        long total = jdbc.sql("SELECT count(*)" + where).params(params).query(Long.class).single();
        // Arrays.asList, not List.of: an account linked to no officer has a null ownOfficerId
        List<Object> pageParams = new ArrayList<>(java.util.Arrays.asList(params));
        pageParams.add(page.size());
        pageParams.add(page.offset());
        List<OfficerRow> items = jdbc.sql("SELECT o.id, o.name, o.position, o.badge_no, u.name AS unit_name" + where
                        + " ORDER BY j.path, u.code, o.badge_no LIMIT ? OFFSET ?")
                .params(pageParams).query((rs, n) -> new OfficerRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5))).list();
        return new PageResult<>(items, page.page(), page.size(), total);
    }

    /**
     * The running totals' rows of one officer are found under the units of his codes (decision 0067): the tables are
     * keyed by unit first, so {@code officer_id = ?} alone read every unit's rows of the period (45–230 ms at 10 M
     * evaluations), while naming his units lets the key find them (under 2 ms). A code's unit never changes — codes
     * are only ever inserted, a reissue copies the unit — so these units are every unit his evaluations were counted
     * under, an earlier one included.
     */
    static final String OFFICERS_UNITS = "unit_id IN (SELECT t.unit_id FROM evaluation_target t WHERE t.officer_id = ?)";

    /** Per aspect, from the running totals; officerKey 0 = the unit's own code. */
    public List<DimensionFigures> dimensions(long unitId, long officerKey, LocalDate from, LocalDate to) {
        String who = officerKey == 0 ? "unit_id = ? AND officer_id = 0" : OFFICERS_UNITS + " AND officer_id = ?";
        Object[] params = officerKey == 0 ? new Object[]{unitId, from, to} : new Object[]{officerKey, officerKey, from, to};
        return jdbc.sql("SELECT dimension, sum(satisfied), sum(basically_satisfied), sum(dissatisfied)"
                        + " FROM evaluation_dimension_daily WHERE " + who
                        + " AND day BETWEEN ? AND ? GROUP BY dimension ORDER BY dimension")
                .params(params)
                .query((rs, n) -> new DimensionFigures(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .list();
    }
}
