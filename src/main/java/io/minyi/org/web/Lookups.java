package io.minyi.org.web;

import io.minyi.org.JurisdictionLevel;
import io.minyi.org.StaffUser;
import io.minyi.org.UnitType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Finds records that forms and spreadsheets refer to by code, only inside the caller's scope. */
@Component
class Lookups {

    record Place(long id, JurisdictionLevel level, String code, String name, String path, boolean active) {
    }

    record UnitKey(long id, UnitType type, String code, String name, String jurisdictionPath) {
    }

    private final JdbcClient jdbc;

    Lookups(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Place> jurisdiction(StaffUser me, String code) {
        return jdbc.sql("SELECT id, level, code, name, path, active FROM jurisdiction WHERE code = ? AND path LIKE ?")
                .params(code, me.scopePathPattern())
                .query((rs, i) -> new Place(rs.getLong("id"), JurisdictionLevel.valueOf(rs.getString("level")),
                        rs.getString("code"), rs.getString("name"), rs.getString("path"), rs.getBoolean("active")))
                .optional();
    }

    Optional<UnitKey> unit(StaffUser me, long id) {
        return unit(me, "u.id = ?", id);
    }

    Optional<UnitKey> unitByCode(StaffUser me, String code) {
        return unit(me, "u.code = ?", code);
    }

    private Optional<UnitKey> unit(StaffUser me, String condition, Object value) {
        return jdbc.sql("""
                        SELECT u.id, u.type, u.code, u.name, j.path FROM unit u
                        JOIN jurisdiction j ON j.id = u.jurisdiction_id WHERE""" + " " + condition + " AND j.path LIKE ?")
                .params(value, me.scopePathPattern())
                .query((rs, i) -> new UnitKey(rs.getLong("id"), UnitType.valueOf(rs.getString("type")),
                        rs.getString("code"), rs.getString("name"), rs.getString("path")))
                .optional();
    }

    /** The path of a jurisdiction inside the caller's scope, for "everything under" filters; unknown ids match none. */
    String subtreePattern(StaffUser me, Long jurisdictionId) {
        if (jurisdictionId == null) {
            return me.scopePathPattern();
        }
        return jdbc.sql("SELECT path FROM jurisdiction WHERE id = ? AND path LIKE ?")
                .params(jurisdictionId, me.scopePathPattern()).query(String.class).optional()
                .map(p -> p + "%").orElse("-");
    }
}
