package io.minyi.platform;

import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Redirect-after-post: the page a form lands on, with a one-time "done" notice (a message key) to show there. */
public final class AfterPost {

    private AfterPost() {
    }

    /** {@code "redirect:" + path}, with {@code done} flashed for the page's {@code th:if="${done}"} notice. */
    public static String done(RedirectAttributes flash, String doneKey, String path) {
        flash.addFlashAttribute("done", doneKey);
        return "redirect:" + path;
    }
}
