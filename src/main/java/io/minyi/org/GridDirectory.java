package io.minyi.org;

import java.util.List;
import java.util.Optional;

/**
 * The grids (网格) and who works them, for the grid module. Read-only: grids and their workers are kept by the
 * organisation admin pages and their Excel import.
 */
public interface GridDirectory {

    Optional<GridRef> grid(long id);

    /** The active grids this staff member works (a worker may cover several). */
    List<GridRef> gridsOf(long staffId);

    /** Active grids in villages under the path (inclusive), by code. */
    List<GridRef> gridsWithin(String jurisdictionPath);

    /** Every (grid, worker) pair of active grids under the path. */
    List<GridMember> membersWithin(String jurisdictionPath);

    record GridRef(long id, String code, String name, GridType type, long villageId, String villageName,
                   String villagePath, Integer households) {
    }

    record GridMember(long gridId, long staffId, String username, String displayName, boolean active) {
    }
}
