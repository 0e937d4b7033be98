package io.minyi.reporting.internal;

import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads of the daily roll-ups: always by jurisdiction id and day range, i.e. by the primary key's prefix. */
@Component
@RequiredArgsConstructor
public class Rollups {

    public record Totals(long received, long dispatched, long rejected, long closed, long resolved, long overdue,
                         long reopened, long satisfied, long substantiated, long partlySubstantiated, long unfounded,
                         long underVerification, long personsDisciplined, long satisfiedByStaff,
                         long reopenedByStaff) {
        static final Totals ZERO = new Totals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        Totals plus(Totals o) {
            return new Totals(received + o.received, dispatched + o.dispatched, rejected + o.rejected,
                    closed + o.closed, resolved + o.resolved, overdue + o.overdue, reopened + o.reopened,
                    satisfied + o.satisfied, substantiated + o.substantiated,
                    partlySubstantiated + o.partlySubstantiated, unfounded + o.unfounded,
                    underVerification + o.underVerification, personsDisciplined + o.personsDisciplined,
                    satisfiedByStaff + o.satisfiedByStaff, reopenedByStaff + o.reopenedByStaff);
        }

        Totals withUnderVerification(long standing) {
            return new Totals(received, dispatched, rejected, closed, resolved, overdue, reopened, satisfied,
                    substantiated, partlySubstantiated, unfounded, standing, personsDisciplined, satisfiedByStaff,
                    reopenedByStaff);
        }
    }

    /** Before any city's first case: where a standing count's sum starts. */
    private static final LocalDate BEGINNING = LocalDate.of(2000, 1, 1);
    private static final String CLUE = "CLUE";

    public record DayPoint(LocalDate day, long received, long closed) {
    }

    public record CategoryCount(String type, String category, long received) {
    }

    static final String SUMS = """
            sum(received), sum(dispatched), sum(rejected), sum(closed), sum(resolved), sum(overdue), sum(reopened),
            sum(satisfied), sum(substantiated), sum(partly_substantiated), sum(unfounded), sum(under_verification),
            sum(persons_disciplined), sum(satisfied_by_staff), sum(reopened_by_staff)""";

    private final JdbcClient jdbc;

    /**
     * The rows covering [from, to]: whole calendar months from the monthly table, the partial months at either end
     * from the daily one. Yields a sub-select with the daily table's columns (day stands for the month or the day).
     */
    record Period(String sql, List<Object> args) {
    }

    static Period period(String jurisdictionFilter, Object jurisdictionArg, LocalDate from, LocalDate to) {
        LocalDate firstFull = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
        LocalDate afterLastFull = to.plusDays(1).getDayOfMonth() == 1 ? to.plusDays(1) : to.withDayOfMonth(1);
        List<Object> args = new ArrayList<>();
        if (!firstFull.isBefore(afterLastFull)) {
            args.add(jurisdictionArg);
            args.add(Date.valueOf(from));
            args.add(Date.valueOf(to));
            return new Period("(SELECT * FROM case_rollup_daily WHERE " + jurisdictionFilter + " AND day BETWEEN ? AND ?)",
                    args);
        }
        String sql = "(SELECT * FROM case_rollup_daily WHERE " + jurisdictionFilter + " AND day >= ? AND day < ?"
                + " UNION ALL SELECT * FROM case_rollup_monthly WHERE " + jurisdictionFilter + " AND month >= ? AND month < ?"
                + " UNION ALL SELECT * FROM case_rollup_daily WHERE " + jurisdictionFilter + " AND day >= ? AND day <= ?)";
        args.addAll(List.of(jurisdictionArg, Date.valueOf(from), Date.valueOf(firstFull),
                jurisdictionArg, Date.valueOf(firstFull), Date.valueOf(afterLastFull),
                jurisdictionArg, Date.valueOf(afterLastFull), Date.valueOf(to)));
        return new Period(sql, args);
    }

    static Totals totals(ResultSet rs, int offset) throws SQLException {
        return new Totals(rs.getLong(offset), rs.getLong(offset + 1), rs.getLong(offset + 2), rs.getLong(offset + 3),
                rs.getLong(offset + 4), rs.getLong(offset + 5), rs.getLong(offset + 6), rs.getLong(offset + 7),
                rs.getLong(offset + 8), rs.getLong(offset + 9), rs.getLong(offset + 10), rs.getLong(offset + 11),
                rs.getLong(offset + 12), rs.getLong(offset + 13), rs.getLong(offset + 14));
    }

    /**
     * Per case type (CLUE, DISPUTE, …) for the jurisdiction and the days: what happened in them, but for
     * {@link Totals#underVerification}, which is a standing — see {@link #underVerificationAt}.
     */
    public Map<String, Totals> byType(long jurisdictionId, LocalDate from, LocalDate to) {
        Map<String, Totals> out = new LinkedHashMap<>();
        Period p = period("jurisdiction_id = ?", jurisdictionId, from, to);
        jdbc.sql("SELECT type, " + SUMS + " FROM " + p.sql() + " r GROUP BY type ORDER BY type")
                .params(p.args())
                .query((rs, n) -> out.put(rs.getString(1), totals(rs, 2))).list();
        Map<Long, Long> standing = underVerificationAt("jurisdiction_id = ?", jurisdictionId, to);
        long clues = standing.getOrDefault(jurisdictionId, 0L);
        Totals clue = out.get(CLUE);
        if (clue != null || clues != 0) {
            out.put(CLUE, (clue == null ? Totals.ZERO : clue).withUnderVerification(clues));
        }
        return out;
    }

    /**
     * 核查中 is a standing, not a flow: the clues still under verification at the end of {@code to}. The roll-ups keep
     * it as moves (+1 on the day a clue's verification is reported ongoing, −1 on the day its verdict comes), so it
     * is their sum from the beginning to {@code to}: summed over a range alone it would be the net change, below zero
     * whenever more verdicts came in the range than verifications began. Per jurisdiction id.
     */
    private Map<Long, Long> underVerificationAt(String jurisdictionFilter, Object jurisdictionArg, LocalDate to) {
        Map<Long, Long> out = new LinkedHashMap<>();
        Period p = period(jurisdictionFilter + " AND type = 'CLUE'", jurisdictionArg, BEGINNING, to);
        jdbc.sql("SELECT jurisdiction_id, sum(under_verification) FROM " + p.sql() + " r GROUP BY jurisdiction_id")
                .params(p.args())
                .query((rs, n) -> out.put(rs.getLong(1), rs.getLong(2))).list();
        return out;
    }

    public static Totals all(Map<String, Totals> byType) {
        return byType.values().stream().reduce(Totals.ZERO, Totals::plus);
    }

    public static Totals of(Map<String, Totals> byType, String type) {
        return byType.getOrDefault(type, Totals.ZERO);
    }

    /** One row per child jurisdiction (for drill-down), in the order given. */
    public Map<Long, Totals> byJurisdiction(List<Long> ids, LocalDate from, LocalDate to) {
        Map<Long, Totals> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        Period p = period("jurisdiction_id = ANY(?)", ids.toArray(Long[]::new), from, to);
        jdbc.sql("SELECT jurisdiction_id, " + SUMS + " FROM " + p.sql() + " r GROUP BY jurisdiction_id")
                .params(p.args())
                .query((rs, n) -> found.put(rs.getLong(1), totals(rs, 2))).list();
        Map<Long, Long> standing = underVerificationAt("jurisdiction_id = ANY(?)", ids.toArray(Long[]::new), to);
        Map<Long, Totals> ordered = new LinkedHashMap<>();
        ids.forEach(id -> ordered.put(id, found.getOrDefault(id, Totals.ZERO)
                .withUnderVerification(standing.getOrDefault(id, 0L))));
        return ordered;
    }

    /** Intake and closure per day, every day present (zeros filled in). */
    public List<DayPoint> trend(long jurisdictionId, LocalDate from, LocalDate to) {
        Map<LocalDate, DayPoint> found = new LinkedHashMap<>();
        jdbc.sql("SELECT day, sum(received), sum(closed) FROM case_rollup_daily WHERE jurisdiction_id = ? "
                        + "AND day BETWEEN ? AND ? GROUP BY day")
                .params(jurisdictionId, Date.valueOf(from), Date.valueOf(to))
                .query((rs, n) -> found.put(rs.getDate(1).toLocalDate(),
                        new DayPoint(rs.getDate(1).toLocalDate(), rs.getLong(2), rs.getLong(3)))).list();
        List<DayPoint> out = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            out.add(found.getOrDefault(d, new DayPoint(d, 0, 0)));
        }
        return out;
    }

    public List<CategoryCount> topCategories(long jurisdictionId, LocalDate from, LocalDate to, int limit) {
        Period p = period("jurisdiction_id = ?", jurisdictionId, from, to);
        List<Object> args = new ArrayList<>(p.args());
        args.add(limit);
        return jdbc.sql("SELECT type, category, sum(received) AS n FROM " + p.sql() + " r "
                        + "GROUP BY type, category HAVING sum(received) > 0 ORDER BY n DESC, type, category LIMIT ?")
                .params(args)
                .query((rs, n) -> new CategoryCount(rs.getString(1), rs.getString(2), rs.getLong(3))).list();
    }

    /** Every (type, category) row of one day, for the daily report's table. */
    public Map<String, Totals> byTypeAndCategory(long jurisdictionId, LocalDate day) {
        Map<String, Totals> out = new LinkedHashMap<>();
        jdbc.sql("SELECT type, category, " + SUMS + " FROM case_rollup_daily WHERE jurisdiction_id = ? AND day = ? "
                        + "GROUP BY type, category ORDER BY type, category")
                .params(jurisdictionId, Date.valueOf(day))
                .query((rs, n) -> out.put(rs.getString(1) + "|" + rs.getString(2), totals(rs, 3))).list();
        return out;
    }
}
