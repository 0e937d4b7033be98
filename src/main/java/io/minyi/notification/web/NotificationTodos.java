package io.minyi.notification.web;

import io.minyi.notification.internal.NotificationQueries;
import io.minyi.org.Role;
import io.minyi.org.StaffTodos;
import io.minyi.org.StaffUser;
import lombok.RequiredArgsConstructor;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The admin's part of the home page: messages to residents and outside systems (SMS, the 12345 hotline) given up on
 * after their retries. Nobody else sees them, and a resident who was never told stays untold until the admin retries.
 */
@Component
@Order(60)
@RequiredArgsConstructor
class NotificationTodos implements StaffTodos {

    private final NotificationQueries queries;

    @Override
    public List<Todo> todosFor(StaffUser me) {
        if (!me.has(Role.ADMIN)) {
            return List.of();
        }
        return List.of(new Todo("notification.todo.dead", queries.deadDeliveries(me), "/admin/notifications?status=DEAD",
                true));
    }
}
