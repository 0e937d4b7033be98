package io.minyi.support;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.UUID;

/**
 * The cast of the whistle-blower rule's tests (decision 0010): an officer of a unit, and a staff account linked to that
 * officer, a copy of a demo account (its roles, scope and password) with roles added.
 */
public final class SubjectOfficers {

    private SubjectOfficers() {
    }

    /** A new officer of the unit, with a badge and name no other test uses. */
    public static long officer(JdbcClient jdbc, long unitId, String name) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        return jdbc.sql("""
                        INSERT INTO officer (unit_id, unit_system, badge_no, name, position)
                        VALUES (?, 'POLICE', ?, ?, '民警') RETURNING id""")
                .params(unitId, "SO" + tag, name + tag).query(Long.class).single();
    }

    /**
     * @return the username of a new account like {@code demoUser}'s, linked to the officer, with {@code moreRoles}
     * besides the demo account's
     */
    public static String accountOf(JdbcClient jdbc, long officerId, String demoUser, String... moreRoles) {
        String username = "so_" + demoUser + "_" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("""
                        INSERT INTO staff_account (username, display_name, password_hash, roles, unit_id, jurisdiction_id, officer_id)
                        SELECT ?, display_name || '（关联民警）', password_hash, roles || ?::text[], unit_id, jurisdiction_id, ?
                        FROM staff_account WHERE username = ?""")
                .params(username, moreRoles, officerId, demoUser).update();
        return username;
    }
}
