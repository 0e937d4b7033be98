package io.minyi.grid.web;

import io.minyi.grid.internal.GridHome;
import io.minyi.org.Role;
import io.minyi.org.StaffTodos;
import io.minyi.org.StaffUser;
import lombok.RequiredArgsConstructor;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The grid worker's part of the home page: reports waiting for their 核实 on site (the resident's case cannot close
 * without it) and the households due for a visit, counted as the phone tool and the households page list them.
 */
@Component
@Order(40)
@RequiredArgsConstructor
class GridTodos implements StaffTodos {

    private final GridHome home;

    @Override
    public List<Todo> todosFor(StaffUser me) {
        if (!me.has(Role.GRID_WORKER)) {
            return List.of();
        }
        return List.of(
                new Todo("grid.todo.toConfirm", home.toConfirm(me).size(), "/grid#today", true),
                new Todo("grid.todo.visitsDue", home.visitsDueCount(me), "/grid/households?due=true", false));
    }
}
