package io.minyi.org;

import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.platform.ChangeHeardCache;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The jurisdictions this node has read, so that a case's place and lineage cost no round trip to the database (an
 * Open311 POST asked for them four times; issue 11, decision 0048). Every commit that writes {@code jurisdiction}
 * notifies {@value #CHANNEL} (V10_21); the organisation pages' writes call {@link #changing()}. The rules that keep it
 * right are {@link ChangeHeardCache}'s.
 */
@Component
public final class JurisdictionCache extends ChangeHeardCache {

    static final String CHANNEL = OrgChanges.JURISDICTIONS;

    private final Map<Long, Entry<JurisdictionRef>> byId = newMap();
    private final Map<String, Entry<JurisdictionRef>> byCode = newMap();
    private final Map<Boolean, Entry<JurisdictionRef>> root = newMap();

    @Override
    public List<String> channels() {
        return List.of(CHANNEL);
    }

    Optional<JurisdictionRef> byId(long id, Supplier<Optional<JurisdictionRef>> read) {
        return cached(byId, id, read);
    }

    Optional<JurisdictionRef> byCode(String code, Supplier<Optional<JurisdictionRef>> read) {
        return cached(byCode, code, read);
    }

    Optional<JurisdictionRef> root(Supplier<Optional<JurisdictionRef>> read) {
        return cached(root, Boolean.TRUE, read);
    }
}
