package io.minyi.dispute.web;

import io.minyi.dispute.internal.DisputeStatus;
import io.minyi.dispute.internal.DisputeViews;
import io.minyi.dispute.internal.DisputeAccess;
import io.minyi.dispute.internal.MediationRecords;
import io.minyi.casework.RiskLevel;
import io.minyi.dispute.internal.Viewer;
import io.minyi.org.Role;
import io.minyi.org.StaffTodos;
import io.minyi.org.StaffUser;
import lombok.RequiredArgsConstructor;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Mediation's part of the home page: disputes waiting for a mediator and HIGH-risk disputes (dispatchers), the
 * mediator's own open disputes, and a court's applications for judicial confirmation — counted by the same scoped
 * queries as the lists they link to.
 */
@Component
@Order(30)
@RequiredArgsConstructor
class DisputeTodos implements StaffTodos {

    private final DisputeAccess access;
    private final DisputeViews views;
    private final MediationRecords records;
    private final CourtDesk courts;

    @Override
    public List<Todo> todosFor(StaffUser me) {
        List<Todo> out = new ArrayList<>();
        if (me.hasAny(Role.DISPATCHER, Role.MEDIATOR)) {
            Viewer v = access.viewer(me);
            if (me.has(Role.DISPATCHER)) {
                out.add(new Todo("dispute.todo.unassigned", count(v, DisputeStatus.REGISTERED, null),
                        "/disputes?status=REGISTERED", false));
                out.add(new Todo("dispute.todo.highRisk", count(v, DisputeStatus.MEDIATING, RiskLevel.HIGH)
                        + count(v, DisputeStatus.REGISTERED, RiskLevel.HIGH), "/disputes?risk=HIGH", true));
            }
            if (me.has(Role.MEDIATOR)) {
                out.add(new Todo("dispute.todo.mediating", count(v, DisputeStatus.MEDIATING, null), "/mediation", false));
            }
        }
        if (courts.receivesConfirmations(me)) {
            out.add(new Todo("dispute.todo.confirmations", records.confirmationsAwaitingRuling(me.unitId()),
                    "/disputes/confirmations", false));
        }
        return out;
    }

    private long count(Viewer v, DisputeStatus status, RiskLevel risk) {
        return views.ledger(v, new DisputeViews.Filter(status, null, risk, null, null, null), COUNT_ONLY).total();
    }
}
