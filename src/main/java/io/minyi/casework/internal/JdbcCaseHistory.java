package io.minyi.casework.internal;

import io.minyi.casework.CaseHistory;
import org.springframework.stereotype.Service;

import java.util.List;

@Service
class JdbcCaseHistory implements CaseHistory {

    private final Cases cases;

    JdbcCaseHistory(Cases cases) {
        this.cases = cases;
    }

    @Override
    public List<Step> stepsOf(long caseId) {
        return cases.steps(caseId).stream()
                .map(s -> new Step(s.at(), s.actor(), s.actorUnit(), s.action().label(), s.to(), s.publicNote()))
                .toList();
    }

    @Override
    public java.util.Optional<String> contentOf(long caseId) {
        return cases.find(caseId).map(c -> c.snapshot().content());
    }
}
