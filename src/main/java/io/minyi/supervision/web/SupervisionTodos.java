package io.minyi.supervision.web;

import io.minyi.org.Role;
import io.minyi.org.StaffTodos;
import io.minyi.org.StaffUser;
import io.minyi.supervision.internal.Alerts;
import io.minyi.supervision.internal.Letters;
import lombok.RequiredArgsConstructor;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Supervision's part of the home page: letters not yet acknowledged (a unit's to answer, a supervisor's to follow up)
 * and open high-frequency alerts, counted by the same scoped searches as the lists they link to.
 */
@Component
@Order(20)
@RequiredArgsConstructor
class SupervisionTodos implements StaffTodos {

    private final Letters letters;
    private final Alerts alerts;

    @Override
    public List<Todo> todosFor(StaffUser me) {
        List<Todo> out = new ArrayList<>();
        boolean unit = me.hasAny(Role.UNIT_LEADER, Role.UNIT_HANDLER);
        if (unit || me.hasAny(Role.SUPERVISOR, Role.DISPATCHER, Role.LEADER)) {
            long open = letters.search(me, new Letters.Query(null, null, null, null, true), COUNT_ONLY).total();
            out.add(new Todo(unit ? "todo.lettersToAnswer" : "todo.lettersUnanswered", open,
                    "/supervision/letters?unacknowledged=true", true));
        }
        if (me.hasAny(Role.SUPERVISOR, Role.LEADER, Role.DISCIPLINE, Role.ADMIN)) {
            out.add(new Todo("todo.alerts", alerts.search(me, "OPEN", null, COUNT_ONLY).total(),
                    "/supervision/alerts?status=OPEN", true));
        }
        return out;
    }
}
