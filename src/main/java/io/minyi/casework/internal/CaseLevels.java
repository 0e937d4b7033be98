package io.minyi.casework.internal;

import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.JurisdictionRef;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * The levels (市/县/乡镇/村) a case can move between: the one above the level in charge, for 上报, and those below it
 * that still cover the case's place, for 下交. The level in charge is the one the case was last escalated or handed
 * down to, else the actor's own; the aggregate checks the move, this only finds the candidates.
 */
@Component
@RequiredArgsConstructor
public class CaseLevels {

    private final OrgDirectory org;

    /** The level above the one in charge, if there is one. */
    public Optional<JurisdictionRef> above(Case c, Actor by) {
        String current = c.levelPath() != null ? c.levelPath() : by.jurisdictionPath();
        return idOf(current).flatMap(org::jurisdiction).map(JurisdictionRef::parentId).flatMap(org::jurisdiction);
    }

    /** The levels strictly below the one in charge on the way down to the case's own place, highest first. */
    public List<JurisdictionRef> below(Case c, Actor by) {
        String current = c.levelPath() != null ? c.levelPath() : by.jurisdictionPath();
        if (current == null) {
            return List.of();
        }
        return org.lineage(c.jurisdictionId()).stream()
                .filter(j -> j.path().startsWith(current) && j.path().length() > current.length()).toList();
    }

    /** A jurisdiction's path ends with its own id ({@code /1/7/93/}). */
    static Optional<Long> idOf(String path) {
        if (path == null || path.length() < 3) {
            return Optional.empty();
        }
        String trimmed = path.substring(0, path.length() - 1);
        try {
            return Optional.of(Long.parseLong(trimmed.substring(trimmed.lastIndexOf('/') + 1)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
