package io.minyi.integration.web;

import io.minyi.integration.internal.DisciplineDesk;
import io.minyi.org.Role;
import io.minyi.org.StaffTodos;
import io.minyi.org.StaffUser;
import lombok.RequiredArgsConstructor;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Discipline inspection's part of the home page: the hand-overs still waiting for its decision (立案 or 不予立案),
 * which the officer's record and the unit's figures wait for too.
 */
@Component
@Order(50)
@RequiredArgsConstructor
class DisciplineTodos implements StaffTodos {

    private final DisciplineDesk desk;

    @Override
    public List<Todo> todosFor(StaffUser me) {
        if (!me.has(Role.DISCIPLINE)) {
            return List.of();
        }
        return List.of(new Todo("integration.discipline.todo.pending", desk.count(me, DisciplineDesk.State.PENDING),
                "/discipline?state=PENDING", false));
    }
}
