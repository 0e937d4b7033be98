package io.minyi.evaluation.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The submitted rating form's timings in a meter of its own, {@code minyi.evaluation.submissions} tagged with the
 * outcome, instead of the generic {@code http.server.requests} observation (decision 0036). On the lean path that
 * observation had become the largest part after Tomcat in a flight recording — a context, a long-task timer sample,
 * tag values computed and a meter looked up by its tags for every form — while one of five timers made at start
 * records the same fact for a fraction of it. Other requests keep their observation.
 */
@Component
class SubmissionTimings implements ObservationPredicate {

    /** SHED: refused at the door while the connector was overloaded ({@link IntakeAdmission}). */
    enum Outcome { RECEIPT, PROBLEM, LIMITED, FAILED, SHED }

    private final Map<Outcome, Timer> timers = new EnumMap<>(Outcome.class);

    SubmissionTimings(MeterRegistry registry) {
        for (Outcome o : Outcome.values()) {
            timers.put(o, Timer.builder("minyi.evaluation.submissions")
                    .description("submitted rating forms, from the handler to the answer (the receipt after the commit)")
                    .tag("outcome", o.name().toLowerCase(java.util.Locale.ROOT)).register(registry));
        }
    }

    void record(Outcome outcome, long startNanos) {
        timers.get(outcome).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public boolean test(String name, Observation.Context context) {
        return !(context instanceof ServerRequestObservationContext server && isSubmission(server.getCarrier()));
    }

    private static boolean isSubmission(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && request.getRequestURI().startsWith("/e/");
    }
}
