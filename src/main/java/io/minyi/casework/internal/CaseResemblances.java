package io.minyi.casework.internal;

import io.minyi.casework.CaseEvents;
import io.minyi.casework.CaseResemblance;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Optional;

/**
 * Finds, after its commit, what a new case without a named subject resembles. It used to be searched inside the
 * intake's transaction and published as an event of its own; the raiser's answer never needed it, and the search,
 * the index reopen before it and the second publication were most of an Open311 POST (decision 0041). Only cases
 * received before this one count, so the answer does not depend on when it is asked: a matter is anchored on its
 * oldest open case whether the question comes a millisecond after the commit or after a restart.
 */
@Service
@RequiredArgsConstructor
class CaseResemblances implements CaseResemblance {

    static final int CITED = 20;

    private final Cases cases;
    private final DuplicateSuggestions duplicates;

    @Override
    public Optional<CaseEvents.CaseResemblesOthers> of(long caseId) {
        Optional<CaseSnapshot> found = cases.row(caseId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        // what it says and where is all the search needs; the assisting parts are not read
        Case c = new Case(found.get());
        CaseSnapshot s = found.get();
        if (s.subjectUnitId() != null || s.subjectOfficerId() != null) {
            return Optional.empty();
        }
        List<Long> ids = duplicates.oldestSimilarBefore(c, CITED).stream().map(DuplicateIndex.Hit::caseId).toList();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        List<CaseEvents.SimilarCase> same = cases.similarInJurisdiction(ids, c.jurisdictionId());
        return same.isEmpty() ? Optional.empty() : Optional.of(new CaseEvents.CaseResemblesOthers(c.id(), c.type(),
                c.jurisdictionId(), c.category(), s.raiserKey(), same, s.receivedAt()));
    }
}
