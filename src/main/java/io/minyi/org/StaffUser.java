package io.minyi.org;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import java.io.Serial;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The signed-in staff member, as every module sees it ({@code @AuthenticationPrincipal StaffUser me}). Carries the
 * scope that queries must apply: the jurisdiction path prefix, the unit, and the officer the account belongs to (for
 * the whistle-blower rule).
 */
public final class StaffUser implements UserDetails, CredentialsContainer {

    @Serial
    private static final long serialVersionUID = 1L;

    private final long id;
    private final String username;
    private final String displayName;
    private final Set<Role> roles;
    private final long unitId;
    private final String unitName;
    private final long jurisdictionId;
    private final String jurisdictionPath;
    private final String jurisdictionName;
    private final Long officerId;
    private final boolean active;
    private final Instant lockedUntil;
    private String passwordHash;

    public StaffUser(long id, String username, String displayName, Set<Role> roles, long unitId, String unitName,
                     long jurisdictionId, String jurisdictionPath, String jurisdictionName, Long officerId,
                     boolean active, Instant lockedUntil, String passwordHash) {
        this.id = id;
        this.username = username;
        this.displayName = displayName;
        this.roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        this.unitId = unitId;
        this.unitName = unitName;
        this.jurisdictionId = jurisdictionId;
        this.jurisdictionPath = jurisdictionPath;
        this.jurisdictionName = jurisdictionName;
        this.officerId = officerId;
        this.active = active;
        this.lockedUntil = lockedUntil;
        this.passwordHash = passwordHash;
    }

    public long id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public Set<Role> roles() {
        return EnumSet.copyOf(roles.isEmpty() ? EnumSet.noneOf(Role.class) : roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean hasAny(Role... any) {
        return java.util.Arrays.stream(any).anyMatch(roles::contains);
    }

    public long unitId() {
        return unitId;
    }

    public String unitName() {
        return unitName;
    }

    public long jurisdictionId() {
        return jurisdictionId;
    }

    public String jurisdictionPath() {
        return jurisdictionPath;
    }

    public String jurisdictionName() {
        return jurisdictionName;
    }

    /** The officer this account belongs to, or null. Clues about this officer must never reach this account. */
    public Long officerId() {
        return officerId;
    }

    /**
     * The LIKE pattern that selects this user's jurisdiction and everything under it:
     * {@code j.path LIKE :scope}. Use it in SQL so that an out-of-scope record is never read, then answer 404.
     */
    public String scopePathPattern() {
        return jurisdictionPath + "%";
    }

    /** True when the given jurisdiction path lies inside this user's scope. */
    public boolean covers(String path) {
        return path != null && path.startsWith(jurisdictionPath);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        List<GrantedAuthority> list = new java.util.ArrayList<>();
        roles.forEach(r -> list.add(new SimpleGrantedAuthority(r.authority())));
        return list;
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isAccountNonLocked() {
        return lockedUntil == null || lockedUntil.isBefore(Instant.now());
    }

    @Override
    public boolean isEnabled() {
        return active;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StaffUser other && other.id == id;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return "StaffUser[" + username + " " + roles + "]";
    }
}
