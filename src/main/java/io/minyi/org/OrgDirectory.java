package io.minyi.org;

import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.org.OrgRefs.OfficerRef;
import io.minyi.org.OrgRefs.StaffContact;
import io.minyi.org.OrgRefs.UnitRef;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What other modules may ask of the organisation model. Read-only. */
public interface OrgDirectory {

    Optional<JurisdictionRef> jurisdiction(long id);

    Optional<JurisdictionRef> jurisdictionByCode(String code);

    /** The root (the city). */
    JurisdictionRef root();

    List<JurisdictionRef> children(long jurisdictionId);

    /**
     * The jurisdiction and those up to {@code levels} below it, each followed by its own children: the places a page
     * offers to choose from (its own area and the areas under it).
     */
    default List<JurisdictionRef> placesDown(long jurisdictionId, int levels) {
        List<JurisdictionRef> out = new ArrayList<>();
        jurisdiction(jurisdictionId).ifPresent(out::add);
        addChildren(jurisdictionId, levels, out);
        return out;
    }

    private void addChildren(long jurisdictionId, int levels, List<JurisdictionRef> out) {
        if (levels <= 0) {
            return;
        }
        for (JurisdictionRef child : children(jurisdictionId)) {
            out.add(child);
            addChildren(child.id(), levels - 1, out);
        }
    }

    /** The jurisdiction and its ancestors, root first, for breadcrumbs and roll-ups. */
    List<JurisdictionRef> lineage(long jurisdictionId);

    Optional<UnitRef> unit(long id);

    Optional<UnitRef> unitByCode(String code);

    /** Active units whose jurisdiction lies under the given path (inclusive). */
    List<UnitRef> unitsWithin(String jurisdictionPath);

    /**
     * Active units of exactly this jurisdiction and of this kind ({@link UnitKind}), by code: one index probe where
     * {@link #unitsWithin} of a county reads every unit under it.
     */
    List<UnitRef> unitsOf(long jurisdictionId, String kind);

    /** The unit above this one (e.g. 公安局 above 派出所), which reviews its conclusions. */
    Optional<UnitRef> parentUnit(long unitId);

    /** Whether {@code unit} lies under {@code above} in the unit tree (at most ten levels up are followed). */
    default boolean isUnitBelow(long unit, long above) {
        Long cursor = unit;
        for (int depth = 0; depth < 10 && cursor != null; depth++) {
            cursor = parentUnit(cursor).map(UnitRef::id).orElse(null);
            if (cursor != null && cursor == above) {
                return true;
            }
        }
        return false;
    }

    Optional<OfficerRef> officer(long id);

    /** The unit's active officers, by badge number. */
    List<OfficerRef> officersOfUnit(long unitId);

    List<StaffContact> staffOfUnit(long unitId, Role role);

    /** Staff with the role whose own jurisdiction is exactly the given one. */
    List<StaffContact> staffOfJurisdiction(long jurisdictionId, Role role);

    /** Active grids in villages under the path (inclusive) and the distinct grid workers covering them. */
    OrgRefs.GridCounts gridsWithin(String jurisdictionPath);
}
