package io.minyi.platform;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.function.Function;
import java.util.function.Supplier;

/** Redirect-after-post: the page a form lands on, with a one-time "done" notice (a message key) to show there. */
public final class AfterPost {

    private AfterPost() {
    }

    /** {@code "redirect:" + path}, with {@code done} flashed for the page's {@code th:if="${done}"} notice. */
    public static String done(RedirectAttributes flash, String doneKey, String path) {
        flash.addFlashAttribute("done", doneKey);
        return "redirect:" + path;
    }

    /**
     * Makes a change and answers where it lands ({@code change}); when the input is refused, answers 400 and the form
     * again with each problem ({@code formAgain}), so that nothing typed is lost.
     */
    public static String orFormAgain(Supplier<String> change, HttpServletResponse response,
                                     Function<InvalidInputException, String> formAgain) {
        try {
            return change.get();
        } catch (InvalidInputException refused) {
            response.setStatus(400);
            return formAgain.apply(refused);
        }
    }
}
