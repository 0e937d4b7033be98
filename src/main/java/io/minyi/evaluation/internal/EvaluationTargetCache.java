package io.minyi.evaluation.internal;

import io.minyi.org.OrgChanges;
import io.minyi.platform.ChangeHeardCache;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The evaluation targets (with their unit's and officer's names) this node has read by code: every submitted form
 * needs its target (decision 0064). They were kept for a minute each; all codes read in the same second expired in the
 * same second, so once a minute thousands of forms each waited for a query of their own, beside the writers on the
 * same connection pool, and the compiled lookup was thrown away and compiled again. Now an entry stays until a
 * commit writes {@code evaluation_target}, {@code officer}, {@code unit} or {@code jurisdiction} (V10_44 and the
 * triggers of decision 0048), on any node; a revocation on this node is forgotten when its transaction ends. The rules
 * that keep it right are {@link ChangeHeardCache}'s; a code not found is not remembered.
 */
@Component
class EvaluationTargetCache extends ChangeHeardCache {

    /** More targets than a province issues (17 cities of ~3,000 officers and ~60 units): beyond, start afresh. */
    private static final int MAX_ENTRIES = 100_000;

    private final Map<String, Entry<Target>> byCode = newMap();

    @Override
    public List<String> channels() {
        return List.of("minyi_evaluation_target", OrgChanges.OFFICERS, OrgChanges.UNITS, OrgChanges.JURISDICTIONS);
    }

    Optional<Target> byCode(String code, Supplier<Optional<Target>> read) {
        Optional<Target> found = cached(byCode, code, read);
        if (byCode.size() > MAX_ENTRIES) {
            changed();
        }
        return found;
    }
}
