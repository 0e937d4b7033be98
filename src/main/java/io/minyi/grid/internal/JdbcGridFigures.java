package io.minyi.grid.internal;

import io.minyi.grid.GridFigures;
import io.minyi.org.GridDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Computed from the grid's own rows (grid_event, grid_visit, grid_household) with indexed range scans on path and
 * time; a township's month is a few thousand rows.
 */
@Service
@Transactional(readOnly = true)
class JdbcGridFigures implements GridFigures {

    private final JdbcClient jdbc;
    private final GridDirectory grids;

    JdbcGridFigures(JdbcClient jdbc, GridDirectory grids) {
        this.jdbc = jdbc;
        this.grids = grids;
    }

    @Override
    public Figures within(String path, LocalDate from, LocalDate to) {
        Timestamp start = Timestamp.from(from.atStartOfDay(RecordVisit.CHINA).toInstant());
        Timestamp end = Timestamp.from(to.plusDays(1).atStartOfDay(RecordVisit.CHINA).toInstant());
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
}
