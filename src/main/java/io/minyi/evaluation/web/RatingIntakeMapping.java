package io.minyi.evaluation.web;

import io.minyi.evaluation.internal.EvaluationTargets;
import io.minyi.evaluation.internal.Target;
import jakarta.servlet.http.HttpServletRequest;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.Controller;

import java.util.Optional;

/**
 * Gives a submitted rating form for an active code to {@link RatingIntake} before the controllers' mapping is asked:
 * {@code /e/{code}} is a pattern, so that mapping tried several hundred request mappings one by one for every form,
 * and then resolved a dozen controller arguments and ran the controller advice's model attributes.
 * <p>
 * Everything else is left to {@link RatingController} exactly as before: an unknown or revoked code (404/410 pages),
 * a path with encoded characters or parameters (Spring's own path checks), a query string ({@code ?lang=} switches the
 * language in an interceptor of the controllers' mapping), and callers that want JSON or an htmx fragment (the error
 * advice answers them in their format).
 */
@Component
@RequiredArgsConstructor
class RatingIntakeMapping implements HandlerMapping, Ordered {

    private static final String PREFIX = "/e/";

    private final EvaluationTargets targets;
    private final RatingIntake intake;

    @Override
    public @Nullable HandlerExecutionChain getHandler(HttpServletRequest request) {
        if (request.getAttribute(RatingIntake.PAGE) instanceof ModelAndView page) {
            // RatingIntakeFilter has answered the form already (decision 0042) and left the page to render
            return new HandlerExecutionChain((Controller) (req, res) -> page);
        }
        Target target = leanTarget(request);
        if (target == null) {
            return null;
        }
        request.setAttribute(RatingIntake.TARGET, target);
        return new HandlerExecutionChain(intake);
    }

    /**
     * The active target of a submitted rating form that the lean path takes, or null for every request it leaves to
     * {@link RatingController}.
     */
    @Nullable Target leanTarget(HttpServletRequest request) {
        String uri = request.getRequestURI();
        if (!"POST".equals(request.getMethod()) || !uri.startsWith(PREFIX) || !request.getContextPath().isEmpty()
                || request.getQueryString() != null || request.getHeader("HX-Request") != null
                || String.valueOf(request.getHeader("Accept")).contains(MediaType.APPLICATION_JSON_VALUE)) {
            return null;
        }
        String code = uri.substring(PREFIX.length());
        if (code.indexOf('/') >= 0 || code.indexOf('%') >= 0 || code.indexOf(';') >= 0) {
            return null;
        }
        Optional<Target> target;
        try {
            target = targets.byCode(code);
        } catch (RuntimeException e) {
            // the database is away: the controller looks again and the error advice gives the usual 503 page
            return null;
        }
        return target.filter(Target::active).orElse(null);
    }

    /** Right after the static files' mapping, before the controllers'. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
