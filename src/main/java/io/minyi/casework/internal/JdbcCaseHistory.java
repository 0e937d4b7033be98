package io.minyi.casework.internal;

import io.minyi.casework.CaseHistory;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Service;

import java.util.List;

@Service
@RequiredArgsConstructor
class JdbcCaseHistory implements CaseHistory {

    private final Cases cases;
    private final io.minyi.platform.EnumLabels labels;

    @Override
    public List<Step> stepsOf(long caseId) {
        return cases.steps(caseId).stream()
                .map(s -> new Step(s.at(), s.actor(), s.actorUnit(), labels.of(s.action()), s.to(), s.publicNote()))
                .toList();
    }

    /** The text alone: the whole row and its assisting parts were read for it, per dispute received (issue 11). */
    @Override
    public java.util.Optional<String> contentOf(long caseId) {
        return cases.content(caseId);
    }
}
