package io.minyi.grid.internal;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.org.GridDirectory;
import io.minyi.org.StaffUser;
import io.minyi.platform.InvalidInputException;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Who holds which post in a grid (网格长 / 专职 / 兼职; absent = full-time), and the configurable labels of the grid
 * kinds (the seeds' four kinds are a local scheme, DOMAIN.md §2).
 */
@Service
@RequiredArgsConstructor
public class GridPosts {

    public enum Post { LEADER, FULL_TIME, PART_TIME }

    private final JdbcClient jdbc;
    private final GridDirectory grids;
    private final AuditTrail audit;

    /** Posts of the members of grids under the path, by "gridId:staffId". */
    public Map<String, Post> within(String path) {
        Map<String, Post> out = new HashMap<>();
        jdbc.sql("""
                        SELECT p.grid_id, p.staff_id, p.post FROM grid_post p JOIN org_grid g ON g.id = p.grid_id
                        JOIN org_jurisdiction j ON j.id = g.village_id WHERE j.path LIKE ?""")
                .param(path + "%")
                .query(rs -> {
                    out.put(rs.getLong(1) + ":" + rs.getLong(2), Post.valueOf(rs.getString(3)));
                });
        return out;
    }

    public Map<Long, Post> of(long staffId) {
        Map<Long, Post> out = new HashMap<>();
        jdbc.sql("SELECT grid_id, post FROM grid_post WHERE staff_id = ?").param(staffId)
                .query(rs -> {
                    out.put(rs.getLong(1), Post.valueOf(rs.getString(2)));
                });
        return out;
    }

    /** Sets a member's post in a grid the centre covers; a grid has one leader, so a new leader replaces the old. */
    @Transactional
    public void set(StaffUser by, long gridId, long staffId, Post post) {
        boolean member = grids.membersWithin(by.jurisdictionPath()).stream()
                .anyMatch(m -> m.gridId() == gridId && m.staffId() == staffId);
        if (!member || post == null) {
            throw new InvalidInputException("grid.invalid.post");
        }
        if (post == Post.LEADER) {
            jdbc.sql("UPDATE grid_post SET post = 'FULL_TIME' WHERE grid_id = ? AND post = 'LEADER' AND staff_id <> ?")
                    .params(gridId, staffId).update();
        }
        jdbc.sql("""
                        INSERT INTO grid_post (grid_id, staff_id, post) VALUES (?,?,?)
                        ON CONFLICT (grid_id, staff_id) DO UPDATE SET post = EXCLUDED.post""")
                .params(gridId, staffId, post.name()).update();
        audit.record(AuditEntry.of("grid.post.set", "grid", gridId).withChange(null, staffId + " " + post));
    }

    /** The grid kinds' labels from configuration, by code. */
    public Map<String, String> kindLabels(Locale locale) {
        Map<String, String> out = new LinkedHashMap<>();
        boolean english = "en".equals(locale.getLanguage());
        jdbc.sql("SELECT code, label, label_en FROM grid_kind ORDER BY sort, code").query(rs -> {
            out.put(rs.getString(1), english ? rs.getString(3) : rs.getString(2));
        });
        return out;
    }

    public static List<Post> all() {
        return List.of(Post.values());
    }
}
