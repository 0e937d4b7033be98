package io.minyi.evaluation.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.minyi.platform.OwnRequestTimings;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * The submitted rating form's timings, {@code minyi.evaluation.submissions} tagged with the outcome (decision 0036):
 * on the lean path the generic request observation had become the largest part after Tomcat in a flight recording.
 */
@Component
class SubmissionTimings extends OwnRequestTimings<SubmissionTimings.Outcome> {

    /** SHED: refused at the door while the connector was overloaded ({@link IntakeAdmission}). */
    enum Outcome { RECEIPT, PROBLEM, LIMITED, FAILED, SHED }

    SubmissionTimings(MeterRegistry registry) {
        super(registry, "minyi.evaluation.submissions",
                "submitted rating forms, from the handler to the answer (the receipt after the commit)", Outcome.class);
    }

    @Override
    protected boolean timedHere(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && request.getRequestURI().startsWith("/e/");
    }
}
