package io.minyi.org;

import io.minyi.platform.PageResult;

import java.util.List;

/**
 * A module's part of a staff member's home page (待办): what waits for this person, counted, each with a link to the
 * list that shows exactly those records. The home page asks every bean of this type, in {@code @Order}; a module adds
 * its own to-dos by declaring one (casework: to sign, to review, overdue; supervision: letters to answer, alerts).
 * A source returns nothing for roles it has no work for.
 */
public interface StaffTodos {

    /** Asks a list query for one row only: its capped count is the number a to-do shows. */
    PageResult.Request COUNT_ONLY = new PageResult.Request(1, 1);

    List<Todo> todosFor(StaffUser me);

    /**
     * @param messageKey the label, from the module's message bundle
     * @param count      how many records wait; 0 is shown too, so the person sees the queue is empty
     * @param href       a GET link the person may open, listing those records
     * @param urgent     shown in the warning colour while the count is above zero (overdue, alerts)
     */
    record Todo(String messageKey, long count, String href, boolean urgent) {
    }
}
