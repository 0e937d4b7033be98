package io.minyi.casework.internal;

import io.minyi.org.Role;
import io.minyi.org.StaffUser;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who makes a move: a staff member (with roles, unit, jurisdiction scope and perhaps an officer identity), the
 * resident holding the tracking code, or the system (scheduled jobs).
 */
public record Actor(Kind kind, String name, Set<Role> roles, Long unitId, String unitName, String jurisdictionPath,
                    Long officerId) {

    public enum Kind { STAFF, RESIDENT, SYSTEM }

    public Actor {
        roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    }

    public static Actor staff(StaffUser me) {
        return new Actor(Kind.STAFF, me.getUsername(), me.roles(), me.unitId(), me.unitName(), me.jurisdictionPath(),
                me.officerId());
    }

    public static Actor resident() {
        return new Actor(Kind.RESIDENT, "resident", Set.of(), null, LoopWords.of("resident"), null, null);
    }

    public static Actor system() {
        return new Actor(Kind.SYSTEM, "system", Set.of(), null, LoopWords.of("system"), null, null);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean hasAny(Role... any) {
        return java.util.Arrays.stream(any).anyMatch(roles::contains);
    }

    public boolean covers(String path) {
        return jurisdictionPath != null && path != null && path.startsWith(jurisdictionPath);
    }
}
