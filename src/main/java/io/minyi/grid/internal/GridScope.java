package io.minyi.grid.internal;

import io.minyi.org.GridDirectory;
import io.minyi.org.GridDirectory.GridRef;
import io.minyi.org.Role;
import io.minyi.org.StaffUser;
import io.minyi.platform.NotFoundException;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Which grids a staff member may see: a grid worker their own grids, a governance centre (dispatcher, supervisor,
 * leader, admin) every grid under its jurisdiction. A grid outside is answered as not found.
 */
@Component
@RequiredArgsConstructor
public class GridScope {

    private final GridDirectory grids;

    public static boolean isCentre(StaffUser me) {
        return me.hasAny(Role.DISPATCHER, Role.SUPERVISOR, Role.LEADER, Role.ADMIN);
    }

    public List<GridRef> visible(StaffUser me) {
        if (isCentre(me)) {
            return grids.gridsWithin(me.jurisdictionPath());
        }
        return me.has(Role.GRID_WORKER) ? grids.gridsOf(me.id()) : List.of();
    }

    /** The grids a worker reports from: only their own, even for a worker who also holds a centre role. */
    public List<GridRef> own(StaffUser me) {
        return grids.gridsOf(me.id());
    }

    public GridRef ownGrid(StaffUser me, long gridId) {
        return own(me).stream().filter(g -> g.id() == gridId).findFirst()
                .orElseThrow(() -> new NotFoundException("grid"));
    }

    public GridRef visibleGrid(StaffUser me, long gridId) {
        GridRef g = grids.grid(gridId).orElseThrow(() -> new NotFoundException("grid"));
        boolean ok = isCentre(me) ? me.covers(g.villagePath())
                : own(me).stream().anyMatch(o -> o.id() == gridId);
        if (!ok) {
            throw new NotFoundException("grid");
        }
        return g;
    }

    /** The SQL scope for lists: a path prefix for a centre, the worker's grid ids otherwise. */
    public Scope scope(StaffUser me) {
        return isCentre(me) ? new Scope(me.jurisdictionPath(), null)
                : new Scope(null, own(me).stream().map(GridRef::id).toList());
    }

    public record Scope(String pathPrefix, List<Long> gridIds) {

        /** A WHERE fragment over an alias with {@code path} and {@code grid_id} columns. */
        public String sql(String alias) {
            if (pathPrefix != null) {
                return alias + ".path LIKE :scopePath";
            }
            return gridIds.isEmpty() ? "false" : alias + ".grid_id IN (:scopeGrids)";
        }

        public java.util.Map<String, Object> params() {
            return pathPrefix != null ? java.util.Map.of("scopePath", pathPrefix + "%")
                    : gridIds.isEmpty() ? java.util.Map.of() : java.util.Map.of("scopeGrids", gridIds);
        }
    }
}
