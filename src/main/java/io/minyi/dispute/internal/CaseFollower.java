package io.minyi.dispute.internal;

import io.minyi.casework.CaseEvents;
import io.minyi.casework.CaseType;
import io.minyi.org.OrgDirectory;
import lombok.RequiredArgsConstructor;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import java.time.LocalDate;

/**
 * Follows DISPUTE cases through the one loop: a dispute that entered the pool some other way (a grid worker's visit,
 * the registration form of the pool) gets its mediation record, and the ledger learns the loop's state and deadline.
 * Tolerates repeats and reordering: inserts are "if absent", states are overwritten.
 */
@Component
@RequiredArgsConstructor
class CaseFollower {

    private final Disputes disputes;
    private final OrgDirectory org;
    private final DisputeProperties props;
    private final io.minyi.casework.CaseHistory cases;

    /**
     * Only disputes: the condition is read when the event is published, so other cases leave no publication for this
     * listener to complete (one row and one transaction fewer per case received; decision 0041).
     */
    @ApplicationModuleListener(condition = "#e.type() == T(io.minyi.casework.CaseType).DISPUTE")
    void on(CaseEvents.CaseReceived e) {
        org.jurisdiction(e.jurisdictionId()).ifPresent(j -> {
            LocalDate on = e.at().atZone(DisputeIntake.CHINA).toLocalDate();
            String summary = cases.contentOf(e.caseId()).orElse("");
            disputes.insertIfAbsent(e.caseId(), j.id(), j.path(), null, DisputeIntake.source(e.channel()), summary,
                    2, null, null, on, on.plusDays(props.mediationDays()), "system", e.at());
        });
    }

    @ApplicationModuleListener
    void on(CaseEvents.CaseDispatched e) {
        if (e.type() == CaseType.DISPUTE) {
            disputes.projectCase(e.caseId(), "DISPATCHED", e.deadline());
        }
    }

    @ApplicationModuleListener
    void on(CaseEvents.CaseReported e) {
        if (e.type() == CaseType.DISPUTE) {
            disputes.projectCase(e.caseId(), "REPORTED", null);
        }
    }

    @ApplicationModuleListener
    void on(CaseEvents.CaseRejected e) {
        if (e.type() == CaseType.DISPUTE) {
            disputes.projectCase(e.caseId(), "REJECTED", null);
        }
    }

    @ApplicationModuleListener
    void on(CaseEvents.CaseReopened e) {
        if (e.type() == CaseType.DISPUTE) {
            disputes.projectCase(e.caseId(), "REOPENED", e.newDeadline());
        }
    }

    @ApplicationModuleListener
    void on(CaseEvents.CaseConcluded e) {
        if (e.type() == CaseType.DISPUTE) {
            disputes.projectCase(e.caseId(), String.valueOf(e.finalState()), null);
        }
    }
}
