package io.minyi.integration.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The timings of {@code POST /open311/v2/requests.json|xml} in a meter of their own, {@code minyi.open311.posts}
 * tagged with the outcome, instead of the generic {@code http.server.requests} observation (decision 0052, as 0036 did
 * for the rating form): that observation — a context, its key values, the handlers and a meter looked up by its tags
 * for every call — was 6.7 % of the request threads' samples, while a timer made at start records the same fact for a
 * fraction of it. Recorded by {@link Open311Controller#post}, whichever mapping called it; other Open311 calls keep
 * the generic observation.
 */
@Component
class Open311PostTimings implements ObservationPredicate {

    /** CREATED: acknowledged (201); REFUSED: the specification's error array (4xx); FAILED: anything else. */
    enum Outcome { CREATED, REFUSED, FAILED }

    private static final String POST_JSON = "/open311/v2/requests.json";
    private static final String POST_XML = "/open311/v2/requests.xml";

    private final Map<Outcome, Timer> timers = new EnumMap<>(Outcome.class);

    Open311PostTimings(MeterRegistry registry) {
        for (Outcome o : Outcome.values()) {
            timers.put(o, Timer.builder("minyi.open311.posts")
                    .description("Open311 service requests posted, from the handler to the answer (after the commit)")
                    .tag("outcome", o.name().toLowerCase(Locale.ROOT)).register(registry));
        }
    }

    void record(Outcome outcome, long startNanos) {
        timers.get(outcome).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public boolean test(String name, Observation.Context context) {
        return !(context instanceof ServerRequestObservationContext server && isPost(server.getCarrier()));
    }

    /** No parameter is read here: the observation starts before the filters that refuse undecodable ones. */
    private static boolean isPost(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return "POST".equals(request.getMethod()) && request.getContextPath().isEmpty()
                && (POST_JSON.equals(uri) || POST_XML.equals(uri));
    }
}
