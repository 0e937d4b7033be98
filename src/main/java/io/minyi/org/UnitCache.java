package io.minyi.org;

import io.minyi.org.OrgRefs.UnitRef;
import io.minyi.platform.ChangeHeardCache;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The active units of one kind at one place, as this node has read them: every report of a matter without a named
 * unit asks for its county's governance centre (issue 11, decision 0048). Every commit that writes {@code unit}
 * notifies {@code minyi_org_unit} (V10_22); the unit pages' writes call {@link #changing()}. The rules that keep it
 * right are {@link ChangeHeardCache}'s; a place without such a unit is not remembered.
 */
@Component
public final class UnitCache extends ChangeHeardCache {

    private record Key(long jurisdictionId, String kind) {
    }

    private final Map<Key, Entry<List<UnitRef>>> ofKind = newMap();

    @Override
    public List<String> channels() {
        return List.of(OrgChanges.UNITS, OrgChanges.JURISDICTIONS);
    }

    List<UnitRef> unitsOf(long jurisdictionId, String kind, Supplier<List<UnitRef>> read) {
        return cached(ofKind, new Key(jurisdictionId, kind),
                () -> Optional.of(List.copyOf(read.get())).filter(l -> !l.isEmpty())).orElse(List.of());
    }
}
