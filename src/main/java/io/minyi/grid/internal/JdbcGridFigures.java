package io.minyi.grid.internal;

import io.minyi.platform.CityTime;
import io.minyi.grid.GridFigures;
import io.minyi.org.GridDirectory;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Computed from the grid's own rows (grid_event, grid_visit, grid_household) with indexed range scans on path and
 * time; a township's month is a few thousand rows.
 */
@Service
@Transactional(readOnly = true)
@RequiredArgsConstructor
class JdbcGridFigures implements GridFigures {

    private final JdbcClient jdbc;
    private final GridDirectory grids;

    @Override
    public Figures within(String path, LocalDate from, LocalDate to) {
        Timestamp start = Timestamp.from(CityTime.startOf(from));
        Timestamp end = Timestamp.from(CityTime.startOf(to.plusDays(1)));
        String like = path + "%";
        var events = jdbc.sql("""
                        SELECT count(*), count(closed_at), count(*) FILTER (WHERE disposition = 'SELF_RESOLVED'),
                               count(*) FILTER (WHERE disposition = 'ESCALATED'),
                               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - reported_at))
                                   FILTER (WHERE closed_at IS NOT NULL)
                        FROM grid_event WHERE path LIKE ? AND reported_at >= ? AND reported_at < ?""")
                .params(like, start, end)
                .query((rs, i) -> new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getObject(5) == null ? -1 : Math.round(rs.getDouble(5))}).single();
        long visits = jdbc.sql("SELECT count(*) FROM grid_visit WHERE path LIKE ? AND visited_on BETWEEN ? AND ?")
                .params(like, from, to).query(Long.class).single();
        long workers = grids.membersWithin(path).stream().filter(GridDirectory.GridMember::active)
                .map(GridDirectory.GridMember::staffId).distinct().count();
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        double perWorkerPerWeek = workers == 0 || days <= 0 ? 0 : visits / (double) workers / (days / 7.0);
        long covered = jdbc.sql("""
                        SELECT count(DISTINCT household_id) FROM grid_visit
                        WHERE path LIKE ? AND household_id IS NOT NULL AND visited_on > ? AND visited_on <= ?""")
                .params(like, to.minusMonths(12), to).query(Long.class).single();
        long households = jdbc.sql("SELECT count(*) FROM grid_household WHERE path LIKE ?").param(like)
                .query(Long.class).single();
        Double medianHours = events[4] < 0 ? null : events[4] / 3600.0;
        return new Figures(events[0], events[1], events[2], events[3], medianHours, visits, workers,
                perWorkerPerWeek, covered, households);
    }

    @Override
    public List<Area> byArea(String path, LocalDate from, LocalDate to) {
        Timestamp start = Timestamp.from(CityTime.startOf(from));
        Timestamp end = Timestamp.from(CityTime.startOf(to.plusDays(1)));
        String like = path + "%";
        int depth = (int) path.chars().filter(c -> c == '/').count() - 1;
        // a city by county, a county by township: the leading segments of the village path; below, by grid
        String area = depth >= 3 ? "grid_id::text"
                : "coalesce(substring(path from '^(" + "/[0-9]+".repeat(depth + 1) + "/)'), path)";
        Map<String, long[]> rows = new TreeMap<>();
        jdbc.sql("SELECT " + area + """
                        , count(*), count(*) FILTER (WHERE disposition = 'SELF_RESOLVED'),
                          count(*) FILTER (WHERE disposition = 'ESCALATED')
                        FROM grid_event WHERE path LIKE ? AND reported_at >= ? AND reported_at < ? GROUP BY 1""")
                .params(like, start, end).query(rs -> {
                    long[] r = rows.computeIfAbsent(rs.getString(1), k -> new long[5]);
                    r[0] = rs.getLong(2);
                    r[1] = rs.getLong(3);
                    r[2] = rs.getLong(4);
                });
        jdbc.sql("SELECT " + area + ", count(*) FROM grid_event WHERE path LIKE ? AND closed_at >= ? AND closed_at < ? GROUP BY 1")
                .params(like, start, end)
                .query(rs -> {
                    rows.computeIfAbsent(rs.getString(1), k -> new long[5])[3] = rs.getLong(2);
                });
        jdbc.sql("SELECT " + area + ", count(*) FROM grid_visit WHERE path LIKE ? AND visited_on BETWEEN ? AND ? GROUP BY 1")
                .params(like, from, to)
                .query(rs -> {
                    rows.computeIfAbsent(rs.getString(1), k -> new long[5])[4] = rs.getLong(2);
                });
        Map<String, String[]> names = names(rows.keySet(), depth >= 3);
        List<Area> out = new ArrayList<>();
        rows.forEach((k, r) -> {
            String[] n = names.getOrDefault(k, new String[]{k, k});
            out.add(new Area(n[0], n[1], r[0], r[1], r[2], r[3], r[4]));
        });
        out.sort(java.util.Comparator.comparing(Area::key));
        return out;
    }

    /** By the area's key: {key shown, name} — a grid's code and name, or a jurisdiction's path and name. */
    private Map<String, String[]> names(java.util.Set<String> keys, boolean grids) {
        Map<String, String[]> out = new java.util.HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        if (grids) {
            jdbc.sql("SELECT id::text, code, name FROM org_grid WHERE id = ANY (?::bigint[])")
                    .param(keys.toArray(String[]::new))
                    .query(rs -> {
                        out.put(rs.getString(1), new String[]{rs.getString(2), rs.getString(3)});
                    });
        } else {
            jdbc.sql("SELECT path, name FROM org_jurisdiction WHERE path = ANY (?)").param(keys.toArray(String[]::new))
                    .query(rs -> {
                        out.put(rs.getString(1), new String[]{rs.getString(1), rs.getString(2)});
                    });
        }
        return out;
    }
}
