package io.minyi.grid.internal;

import io.minyi.org.GridDirectory;
import io.minyi.org.GridDirectory.GridRef;
import io.minyi.org.StaffUser;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The township centre's view of its grids: which workers are active (reports, visits, how long a report takes to
 * reach the centre) and which have gone silent.
 */
@Service
@Transactional(readOnly = true)
@RequiredArgsConstructor
public class GridCentre {

    /** No report and no visit for this long: the worker is listed as silent. */
    public static final Duration SILENT_AFTER = Duration.ofDays(14);
    static final Duration WINDOW = Duration.ofDays(30);

    private final JdbcClient jdbc;
    private final GridDirectory grids;
    private final Clock clock;
    private final GridPosts posts;

    /**
     * @param delayHours median hours between filling a report and its arrival (offline drafts show here)
     */
    public record WorkerActivity(long staffId, String name, List<GridPost> grids, long reports, long visits,
                                 Double delayHours, Instant lastActive, boolean silent) {
    }

    public record GridPost(long gridId, String gridName, GridPosts.Post post) {
    }

    public List<WorkerActivity> activity(StaffUser me) {
        Map<String, GridPosts.Post> postOf = posts.within(me.jurisdictionPath());
        Instant now = clock.instant();
        Timestamp since = Timestamp.from(now.minus(WINDOW));
        String like = me.jurisdictionPath() + "%";
        Map<Long, long[]> reports = new HashMap<>();
        Map<Long, Double> delay = new HashMap<>();
        Map<Long, Instant> last = new HashMap<>();
        jdbc.sql("""
                        SELECT reporter_id, count(*) FILTER (WHERE reported_at >= ?),
                               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM reported_at - occurred_at))
                                   FILTER (WHERE reported_at >= ?),
                               max(reported_at)
                        FROM grid_event WHERE path LIKE ? GROUP BY reporter_id""")
                .params(since, since, like).query(rs -> {
                    long id = rs.getLong(1);
                    reports.put(id, new long[]{rs.getLong(2)});
                    double d = rs.getDouble(3);
                    if (!rs.wasNull()) {
                        delay.put(id, d / 3600.0);
                    }
                    last.merge(id, rs.getTimestamp(4).toInstant(), (a, b) -> a.isAfter(b) ? a : b);
                });
        Map<Long, Long> visits = new HashMap<>();
        jdbc.sql("""
                        SELECT staff_id, count(*) FILTER (WHERE created_at >= ?), max(created_at)
                        FROM grid_visit WHERE path LIKE ? GROUP BY staff_id""")
                .params(since, like).query(rs -> {
                    visits.put(rs.getLong(1), rs.getLong(2));
                    last.merge(rs.getLong(1), rs.getTimestamp(3).toInstant(), (a, b) -> a.isAfter(b) ? a : b);
                });
        Map<Long, WorkerActivity> out = new HashMap<>();
        Map<Long, String> gridNames = new HashMap<>();
        for (GridRef g : grids.gridsWithin(me.jurisdictionPath())) {
            gridNames.put(g.id(), g.name());
        }
        for (GridDirectory.GridMember m : grids.membersWithin(me.jurisdictionPath())) {
            if (!m.active()) {
                continue;
            }
            WorkerActivity prev = out.get(m.staffId());
            List<GridPost> names = new ArrayList<>(prev == null ? List.of() : prev.grids());
            names.add(new GridPost(m.gridId(), gridNames.getOrDefault(m.gridId(), String.valueOf(m.gridId())),
                    postOf.getOrDefault(m.gridId() + ":" + m.staffId(), GridPosts.Post.FULL_TIME)));
            Instant lastActive = last.get(m.staffId());
            boolean silent = lastActive == null || lastActive.isBefore(now.minus(SILENT_AFTER));
            out.put(m.staffId(), new WorkerActivity(m.staffId(), m.displayName(), names,
                    reports.getOrDefault(m.staffId(), new long[]{0})[0], visits.getOrDefault(m.staffId(), 0L),
                    delay.get(m.staffId()), lastActive, silent));
        }
        return out.values().stream()
                .sorted(Comparator.comparing(WorkerActivity::silent).reversed()
                        .thenComparing(WorkerActivity::reports, Comparator.reverseOrder())
                        .thenComparing(WorkerActivity::staffId))
                .toList();
    }
}
