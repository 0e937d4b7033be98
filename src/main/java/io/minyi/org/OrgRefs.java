package io.minyi.org;

/** Read-only views of organisation records that other modules may hold. */
public final class OrgRefs {

    private OrgRefs() {
    }

    public record JurisdictionRef(long id, Long parentId, JurisdictionLevel level, String code, String name,
                                  String path) {
        public boolean contains(String otherPath) {
            return otherPath != null && otherPath.startsWith(path);
        }
    }

    /** {@code kind}: the code of its {@link UnitKind} (configured; compare with the constants there). */
    public record UnitRef(long id, Long parentId, long jurisdictionId, String jurisdictionPath, String kind,
                          String code, String name, boolean active) {
        public boolean is(String... kinds) {
            return java.util.Arrays.asList(kinds).contains(kind);
        }
    }

    public record OfficerRef(long id, long unitId, String unitName, String badgeNo, String name, String position,
                             boolean active) {
    }

    /** A staff member to notify. */
    /** {@code officerId}: the officer this account belongs to, if any (the whistle-blower rule needs it). */
    public record StaffContact(long id, String username, String displayName, long unitId, String phone,
                               String email, Long officerId) {
    }

    /** How many grids and grid workers a jurisdiction has, for the dashboard. */
    public record GridCounts(long grids, long gridWorkers) {
    }
}
