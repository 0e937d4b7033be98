package io.minyi.org;

import io.minyi.org.OrgRefs.UnitRef;
import lombok.RequiredArgsConstructor;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Who does what in the demo city's generated past ({@link DemoActivity}): the demo account of a unit and role where
 * the city has one (so {@code handler} finds the cases the demo gave their station), otherwise a stand-in for that
 * unit's staff that cannot sign in. {@link #as} signs the work in for the audit trail as a login would.
 */
@Component
@RequiredArgsConstructor
public class DemoStaff {

    private final OrgDirectory org;
    private final StaffAccounts accounts;
    private final Map<String, StaffUser> cache = new ConcurrentHashMap<>();

    public StaffUser account(String username) {
        return cache.computeIfAbsent("u:" + username, k -> accounts.loadUserByUsername(username));
    }

    /** The unit's first account with that role, or a stand-in named after the unit. */
    public StaffUser of(long unitId, Role role) {
        return cache.computeIfAbsent(unitId + ":" + role, k -> {
            var contacts = org.staffOfUnit(unitId, role);
            if (!contacts.isEmpty()) {
                return accounts.loadUserByUsername(contacts.getFirst().username());
            }
            UnitRef unit = org.unit(unitId).orElseThrow();
            var place = org.jurisdiction(unit.jurisdictionId()).orElseThrow();
            String who = unit.name() + (role == Role.UNIT_LEADER ? "负责人" : "承办人");
            return new StaffUser(-unitId, who, who, Set.of(role), unitId, unit.name(), place.id(), place.path(),
                    place.name(), null, true, null, null);
        });
    }

    /** Runs the work signed in as that person (on this thread), as a request of theirs would. */
    public <T> T as(StaffUser who, Supplier<T> work) {
        var previous = SecurityContextHolder.getContext();
        SecurityContextHolder.setContext(new SecurityContextImpl(
                UsernamePasswordAuthenticationToken.authenticated(who, null, who.getAuthorities())));
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    public void as(StaffUser who, Runnable work) {
        as(who, () -> {
            work.run();
            return null;
        });
    }
}
