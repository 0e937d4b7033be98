package io.minyi.casework.internal;

import io.minyi.casework.ExternalCaseMoves;
import io.minyi.casework.TransferTarget;
import io.minyi.org.StaffUser;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Service;

import java.util.Set;

@Service
@RequiredArgsConstructor
class ExternalMoves implements ExternalCaseMoves {

    private final CaseWorkflow workflow;

    @Override
    public void comment(long caseId, String source, String text) {
        refuseLoudly(workflow.fromOutside(caseId, outside(source), (c, by, at) -> c.comment(by, at, text)));
    }

    @Override
    public void recordHotlineResult(long caseId, String source, String result) {
        refuseLoudly(workflow.fromOutside(caseId, outside(source),
                (c, by, at) -> c.recordTransferResult(by, at, TransferTarget.HOTLINE, result)));
    }

    @Override
    public void handOverToDiscipline(long caseId, StaffUser by, String reason) {
        refuseLoudly(workflow.handOverToDiscipline(caseId, Actor.staff(by), reason));
    }

    @Override
    public void recordDisciplineResult(long caseId, StaffUser by, String result) {
        refuseLoudly(workflow.recordDisciplineResult(caseId, Actor.staff(by), result));
    }

    /** Other modules are told of a refusal as the API says: an exception with its status (403 or 409). */
    private static void refuseLoudly(io.minyi.platform.Decision d) {
        if (d instanceof io.minyi.platform.Decision.Refused r) {
            throw new io.minyi.platform.RefusedException(r.reason(),
                    CaseWorkflow.kindOf(r).status());
        }
    }

    /** An outside system acts as the system, under its own name in the ledger and the audit trail. */
    private static Actor outside(String source) {
        return new Actor(Actor.Kind.SYSTEM, source, Set.of(), null, source, null, null);
    }
}
