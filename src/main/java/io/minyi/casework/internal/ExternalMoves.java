package io.minyi.casework.internal;

import io.minyi.casework.ExternalCaseMoves;
import io.minyi.casework.TransferTarget;
import io.minyi.org.StaffUser;
import org.springframework.stereotype.Service;

import java.util.Set;

@Service
class ExternalMoves implements ExternalCaseMoves {

    private final CaseWorkflow workflow;

    ExternalMoves(CaseWorkflow workflow) {
        this.workflow = workflow;
    }

    @Override
    public void comment(long caseId, String source, String text) {
        workflow.fromOutside(caseId, outside(source), (c, by, at) -> c.comment(by, at, text));
    }

    @Override
    public void recordHotlineResult(long caseId, String source, String result) {
        workflow.fromOutside(caseId, outside(source),
                (c, by, at) -> c.recordTransferResult(by, at, TransferTarget.HOTLINE, result));
    }

    @Override
    public void handOverToDiscipline(long caseId, StaffUser by, String reason) {
        workflow.handOverToDiscipline(caseId, Actor.staff(by), reason);
    }

    @Override
    public void recordDisciplineResult(long caseId, StaffUser by, String result) {
        workflow.recordDisciplineResult(caseId, Actor.staff(by), result);
    }

    /** An outside system acts as the system, under its own name in the ledger and the audit trail. */
    private static Actor outside(String source) {
        return new Actor(Actor.Kind.SYSTEM, source, Set.of(), null, source, null, null);
    }
}
