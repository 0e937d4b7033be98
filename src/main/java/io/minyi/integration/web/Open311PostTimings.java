package io.minyi.integration.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.minyi.platform.OwnRequestTimings;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * The timings of {@code POST /open311/v2/requests.json|xml}, {@code minyi.open311.posts} tagged with the outcome
 * (decision 0052, as 0036 did for the rating form): the generic request observation was 6.7 % of the request threads'
 * samples. Recorded by {@link Open311Controller#post}, whichever mapping called it; other Open311 calls keep the
 * generic observation.
 */
@Component
class Open311PostTimings extends OwnRequestTimings<Open311PostTimings.Outcome> {

    /** CREATED: acknowledged (201); REFUSED: the specification's error array (4xx); FAILED: anything else. */
    enum Outcome { CREATED, REFUSED, FAILED }

    private static final String POST_JSON = "/open311/v2/requests.json";
    private static final String POST_XML = "/open311/v2/requests.xml";

    Open311PostTimings(MeterRegistry registry) {
        super(registry, "minyi.open311.posts",
                "Open311 service requests posted, from the handler to the answer (after the commit)", Outcome.class);
    }

    @Override
    protected boolean timedHere(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return "POST".equals(request.getMethod()) && request.getContextPath().isEmpty()
                && (POST_JSON.equals(uri) || POST_XML.equals(uri));
    }
}
