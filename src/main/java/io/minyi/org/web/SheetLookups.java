package io.minyi.org.web;

import io.minyi.org.StaffUser;
import io.minyi.org.UnitSystem;
import io.minyi.org.UnitType;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.HashMap;
import java.util.Map;

/**
 * What the rows of an import refer to (places, units, grid workers), read once per file and only inside the caller's
 * scope, so that checking thousands of rows costs no query per row.
 */
final class SheetLookups {

    /** A unit that rows may name: its id and the system its badge numbers are unique in. */
    record ActiveUnit(long id, UnitSystem system) {
    }

    private SheetLookups() {
    }

    /**
     * Ids by key; {@code sql} selects the id first and the key second, and takes the caller's scope pattern as its
     * only parameter.
     */
    static Map<String, Long> idsByKey(JdbcTemplate jdbc, StaffUser me, String sql) {
        Map<String, Long> ids = new HashMap<>();
        jdbc.query(sql, rs -> {
            ids.put(rs.getString(2), rs.getLong(1));
        }, me.scopePathPattern());
        return ids;
    }

    static Map<String, ActiveUnit> activeUnitsByCode(JdbcTemplate jdbc, StaffUser me) {
        Map<String, ActiveUnit> units = new HashMap<>();
        jdbc.query("""
                SELECT u.id, u.code, u.type FROM unit u JOIN jurisdiction j ON j.id = u.jurisdiction_id
                WHERE j.path LIKE ? AND u.active""", rs -> {
            units.put(rs.getString("code"), new ActiveUnit(rs.getLong("id"),
                    UnitType.valueOf(rs.getString("type")).system()));
        }, me.scopePathPattern());
        return units;
    }
}
