package io.minyi.casework.web;

import io.minyi.casework.CaseState;
import io.minyi.casework.internal.Actor;
import io.minyi.casework.internal.Cases;
import io.minyi.org.Role;
import io.minyi.org.StaffTodos;
import io.minyi.org.StaffUser;
import lombok.RequiredArgsConstructor;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The casework queues on the home page, counted with the very queries of the lists they link to (so a count and its
 * list never disagree): a unit's cases to sign and overdue, the review queue, the pool's new and overdue cases.
 */
@Component
@Order(10)
@RequiredArgsConstructor
class CaseTodos implements StaffTodos {

    private final Cases cases;
    private final Clock clock;

    @Override
    public List<Todo> todosFor(StaffUser me) {
        Actor actor = Actor.staff(me);
        LocalDate today = LocalDate.now(clock);
        List<Todo> out = new ArrayList<>();
        if (me.has(Role.UNIT_HANDLER) || me.has(Role.UNIT_LEADER)) {
            long held = cases.inbox(actor, today, false, COUNT_ONLY).total();
            long overdue = cases.inbox(actor, today, true, COUNT_ONLY).total();
            out.add(new Todo("todo.inbox", held, "/inbox", false));
            out.add(new Todo("todo.inboxOverdue", overdue, "/inbox?overdue=true", true));
        }
        if (me.has(Role.UNIT_LEADER)) {
            out.add(new Todo("todo.toApprove", cases.awaitingUnitApproval(actor, today, COUNT_ONLY).total(),
                    "/inbox?approve=true", false));
        }
        if (me.has(Role.UNIT_LEADER) || me.has(Role.DISPATCHER) || me.has(Role.SUPERVISOR)) {
            out.add(new Todo("todo.review", cases.reviewQueue(actor, today, COUNT_ONLY).total(), "/review", false));
        }
        if (me.has(Role.DISPATCHER)) {
            out.add(new Todo("todo.toScreen", pool(actor, CaseState.RECEIVED, false, today), "/pool?state=RECEIVED", false));
            out.add(new Todo("todo.toTriage", pool(actor, CaseState.ACCEPTED, false, today), "/pool?state=ACCEPTED", false));
            out.add(new Todo("todo.toDispatch", pool(actor, CaseState.TRIAGED, false, today), "/pool?state=TRIAGED", false));
            out.add(new Todo("todo.returnRequested", pool(actor, CaseState.RETURN_REQUESTED, false, today),
                    "/pool?state=RETURN_REQUESTED", true));
        }
        if (me.has(Role.DISPATCHER) || me.has(Role.SUPERVISOR) || me.has(Role.LEADER) || me.has(Role.ADMIN)) {
            out.add(new Todo("todo.poolOverdue", pool(actor, null, true, today), "/pool?overdue=true", true));
        }
        return out;
    }

    private long pool(Actor actor, CaseState state, boolean overdue, LocalDate today) {
        return cases.pool(actor, new Cases.PoolFilter(null, state, null, null, null, overdue, null), today, COUNT_ONLY).total();
    }
}
