package io.minyi.org.web;

import io.minyi.platform.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Redirect-after-post for the organisation admin forms: a change that goes through flashes a notice and shows the
 * record; invalid input renders the same form again with every problem and status 400, so nothing is lost.
 */
final class FormPost {

    private FormPost() {
    }

    /**
     * @param section   the list URL, e.g. {@code /admin/grids}; the record is shown at section/id
     * @param change    makes the change and returns the id of the record to show
     * @param formAgain renders the form again with the problems
     */
    static String submit(String section, LongSupplier change, String notice, RedirectAttributes redirect,
                         HttpServletResponse response, Function<List<String>, String> formAgain) {
        try {
            long id = change.getAsLong();
            return done(section, id, notice, redirect);
        } catch (InvalidInputException e) {
            response.setStatus(400);
            return formAgain.apply(e.problems());
        }
    }

    /** The same for a change to an existing record. */
    static String submit(String section, long id, Runnable change, String notice, RedirectAttributes redirect,
                         HttpServletResponse response, Function<List<String>, String> formAgain) {
        return submit(section, () -> {
            change.run();
            return id;
        }, notice, redirect, response, formAgain);
    }

    /** After a change that cannot fail on input (switching a record on or off, unlocking): notice and record. */
    static String done(String section, long id, String notice, RedirectAttributes redirect) {
        redirect.addFlashAttribute("notice", notice);
        return "redirect:" + section + "/" + id;
    }

    static String activeNotice(boolean active) {
        return active ? "org.notice.activated" : "org.notice.deactivated";
    }
}
