package io.minyi.casework.internal;

import io.minyi.casework.CaseProgress;
import io.minyi.platform.Decision;
import io.minyi.org.StaffUser;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Service;

import java.util.Collection;
import java.util.List;

@Service
@RequiredArgsConstructor
class CaseProgressService implements CaseProgress {

    private final Cases cases;
    private final CaseWorkflow workflow;

    @Override
    public List<Progress> of(Collection<Long> caseIds) {
        return cases.progress(caseIds);
    }

    @Override
    public void confirmOnSite(long caseId, StaffUser worker, boolean resolved, String note) {
        // CaseProgress is an API to another module, whose callers expect a refusal as RefusedException (403/409)
        if (workflow.confirmOnSite(caseId, Actor.staff(worker), resolved, note) instanceof Decision.Refused r) {
            throw new io.minyi.platform.RefusedException(r.reason(), CaseWorkflow.kindOf(r).status());
        }
    }
}
