package io.minyi.lists.web;

import io.minyi.lists.internal.WorkLists;
import io.minyi.org.Role;
import io.minyi.org.StaffTodos;
import io.minyi.org.StaffUser;
import lombok.RequiredArgsConstructor;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * The three lists' and leader-led work's part of the home page: the issuing level's strike-off requests to decide
 * (only it may strike an item off) and the residents' suggestions heard on visits still to answer, and a unit's own
 * items still open, the overdue ones apart — counted by the pages' own queries, with the filter their links open.
 */
@Component
@Order(35)
@RequiredArgsConstructor
class ListTodos implements StaffTodos {

    private final WorkLists lists;
    private final io.minyi.lists.internal.LeaderWork leaderWork;

    @Override
    public List<Todo> todosFor(StaffUser me) {
        List<Todo> out = new ArrayList<>();
        if (me.hasAny(Role.SUPERVISOR, Role.LEADER)) {
            out.add(new Todo("lists.todo.toDecide", count(me, "STRIKE_OFF_REQUESTED", false, false),
                    "/lists?status=STRIKE_OFF_REQUESTED", false));
            // 开门纳谏: every suggestion heard on a visit gets an answer
            out.add(new Todo("leader.todo.unanswered", leaderWork.unansweredSuggestions(me, COUNT_ONLY).total(),
                    "/leadership#suggestions", false));
        }
        if (me.hasAny(Role.UNIT_LEADER, Role.UNIT_HANDLER)) {
            out.add(new Todo("lists.todo.ownOpen", count(me, "OPEN", false, true), "/lists?status=OPEN&mine=true",
                    false));
            out.add(new Todo("lists.todo.ownOverdue", count(me, "OPEN", true, true),
                    "/lists?status=OPEN&overdue=true&mine=true", true));
        }
        return out;
    }

    private long count(StaffUser me, String status, boolean overdue, boolean own) {
        return lists.search(me, null, status, overdue, own, null, COUNT_ONLY).total();
    }
}
