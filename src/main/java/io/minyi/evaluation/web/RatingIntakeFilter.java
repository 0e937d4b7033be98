package io.minyi.evaluation.web;

import io.minyi.evaluation.internal.Target;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import lombok.RequiredArgsConstructor;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

import java.io.IOException;

/**
 * The submitted rating form answered by the last servlet filter, in front of the dispatcher (decision 0042): every
 * filter before it has run as for any request — the size and sanity checks, Spring Security's {@code /e/**} chain with
 * its CSRF check and security headers — and what the dispatcher added for this one request (its locale and request
 * contexts, the flash-map lookup, the multipart wrapper, the handler mapping and adapter search, the interceptors) is
 * not needed by {@link RatingIntake}, which reads the parameters from the container and the language from the locale
 * resolver itself.
 * <p>
 * It takes exactly the requests {@link RatingIntakeMapping} would hand to {@link RatingIntake} and writes the receipt
 * itself. Any other answer — the form with its problems (400), too many submissions (429), a busy writer or an absent
 * database (503) — is decided here, once, and left as a request attribute for the dispatcher to render with the same
 * templates as before ({@link RatingIntakeMapping} returns it), so those pages do not change. A url-encoded form is
 * usually answered earlier, right after the door ({@link RatingIntakeFirst}, decision 0061); a page it left to render
 * passes here untouched.
 */
@Component
@RequiredArgsConstructor
class RatingIntakeFilter implements Filter, Ordered {

    private final RatingIntakeMapping mapping;
    private final RatingIntake intake;

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (req instanceof HttpServletRequest request && res instanceof HttpServletResponse response
                && "POST".equals(request.getMethod()) && request.getAttribute(RatingIntake.PAGE) == null) {
            Target target = mapping.leanTarget(request);
            if (target != null && partsReadable(request)) {
                ModelAndView page = intake.answer(target, request, response);
                if (page == null) {
                    return;
                }
                request.setAttribute(RatingIntake.PAGE, page);
            }
        }
        chain.doFilter(req, res);
    }

    /**
     * A multipart body the container cannot parse goes the dispatcher's way, which answers it as before (4xx); the
     * parts have been parsed already by the parameter sanity filter, so this asks for nothing new.
     */
    private static boolean partsReadable(HttpServletRequest request) {
        if (!RatingIntake.isMultipart(request)) {
            return true;
        }
        try {
            request.getParts();
            return true;
        } catch (IOException | ServletException | RuntimeException e) {
            return false;
        }
    }

    /** The last filter, right in front of the dispatcher: everything before it runs as for any other request. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
