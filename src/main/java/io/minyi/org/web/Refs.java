package io.minyi.org.web;

import io.minyi.org.JurisdictionLevel;
import io.minyi.org.StaffUser;
import io.minyi.org.UnitSystem;
import io.minyi.platform.fields.Field;
import io.minyi.platform.fields.FieldValues;
import io.minyi.platform.fields.Problems;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a form or the rows of a file refer to by code (places, units, grid workers, officers), looked up only inside the
 * caller's scope and once per key. Rows of a file that add a place or a unit are registered here, so that later rows
 * may hang under them before anything is written.
 */
@RequiredArgsConstructor
final class Refs {

    record Place(long id, JurisdictionLevel level, String code, String path, boolean active) {
    }

    /** {@code kind}: its kind's code; {@code system}: the badge numbering its officers share. */
    record UnitKey(long id, String kind, UnitSystem system, String code, boolean active) {
    }

    private final JdbcClient jdbc;
    private final StaffUser me;
    private final Map<String, Optional<Place>> places = new HashMap<>();
    private final Map<String, Optional<UnitKey>> units = new HashMap<>();
    private final Map<String, Optional<Long>> workers = new HashMap<>();
    /** The id the row being checked will have: its own when it changes a record, a reserved one when it adds. */
    long plannedId;

    /** The path of a jurisdiction inside the caller's scope, for "everything under" filters; unknown ids match none. */
    static String subtreePattern(JdbcClient jdbc, StaffUser me, Long jurisdictionId) {
        if (jurisdictionId == null) {
            return me.scopePathPattern();
        }
        return jdbc.sql("SELECT path FROM jurisdiction WHERE id = ? AND path LIKE ?")
                .params(jurisdictionId, me.scopePathPattern()).query(String.class).optional()
                .map(p -> p + "%").orElse("-");
    }

    StaffUser me() {
        return me;
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    /**
     * What {@code field} names by code, found by {@code lookup}; null when the field is empty, and null with the
     * {@code problem} (given the code) recorded on the field when nothing is found.
     */
    <T> @Nullable T named(FieldValues v, Field<String> field, Function<String, Optional<T>> lookup, String problem,
                          Problems p) {
        String code = v.get(field);
        T found = code == null ? null : lookup.apply(code).orElse(null);
        if (code != null && found == null) {
            p.about(field).problem(problem, code);
        }
        return found;
    }

    Optional<Place> place(String code) {
        return places.computeIfAbsent(code, c -> jdbc.sql(
                        "SELECT id, level, code, path, active FROM jurisdiction WHERE code = ? AND path LIKE ?")
                .params(c, me.scopePathPattern())
                .query((rs, i) -> new Place(rs.getLong("id"), JurisdictionLevel.valueOf(rs.getString("level")),
                        rs.getString("code"), rs.getString("path"), rs.getBoolean("active")))
                .optional());
    }

    void register(Place place) {
        places.put(place.code(), Optional.of(place));
    }

    Optional<UnitKey> unit(String code) {
        return units.computeIfAbsent(code, c -> jdbc.sql("""
                        SELECT u.id, u.type, k.system, u.code, u.active
                        FROM unit u JOIN jurisdiction j ON j.id = u.jurisdiction_id JOIN unit_kind k ON k.code = u.type
                        WHERE u.code = ? AND j.path LIKE ?""")
                .params(c, me.scopePathPattern())
                .query((rs, i) -> new UnitKey(rs.getLong("id"), rs.getString("type"),
                        UnitSystem.valueOf(rs.getString("system")), rs.getString("code"), rs.getBoolean("active")))
                .optional());
    }

    void register(UnitKey unit) {
        units.put(unit.code(), Optional.of(unit));
    }

    /** The code of a unit in scope, for forms that choose a unit by id. */
    Optional<String> unitCode(long id) {
        return jdbc.sql("""
                        SELECT u.code FROM unit u JOIN jurisdiction j ON j.id = u.jurisdiction_id
                        WHERE u.id = ? AND j.path LIKE ?""")
                .params(id, me.scopePathPattern()).query(String.class).optional();
    }

    /** An active grid worker's account in scope. */
    Optional<Long> gridWorker(String username) {
        return workers.computeIfAbsent(username, u -> jdbc.sql("""
                        SELECT s.id FROM staff_account s JOIN jurisdiction j ON j.id = s.jurisdiction_id
                        WHERE s.username = ? AND j.path LIKE ? AND 'GRID_WORKER' = ANY(s.roles) AND s.active""")
                .params(u, me.scopePathPattern()).query(Long.class).optional());
    }

    /**
     * The officer holding this badge number in the unit's system, anywhere: badge numbers are unique per system, so
     * an import must know a number is taken even in another county (it then says so without naming the holder).
     */
    Optional<Long> officer(UnitSystem system, String badge) {
        return jdbc.sql("SELECT id FROM officer WHERE unit_system = ? AND badge_no = ?")
                .params(system.name(), badge).query(Long.class).optional();
    }

    /**
     * The same, but only inside the caller's scope: another county's officer answers exactly like a missing one, so
     * a form cannot be used to learn which badge numbers exist elsewhere.
     */
    Optional<Long> officerInScope(UnitSystem system, String badge) {
        return jdbc.sql("""
                        SELECT o.id FROM officer o JOIN unit u ON u.id = o.unit_id
                        JOIN jurisdiction j ON j.id = u.jurisdiction_id
                        WHERE o.unit_system = ? AND o.badge_no = ? AND j.path LIKE ?""")
                .params(system.name(), badge, me.scopePathPattern()).query(Long.class).optional();
    }
}
