package io.minyi.casework.web;

import io.minyi.casework.internal.CaseWorkflow;
import io.minyi.platform.Decision;
import io.minyi.casework.internal.Satisfaction;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.NotFoundException;
import io.minyi.platform.RefusedException;
import io.minyi.platform.TrackingCode;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The resident rates the handling from the tracking page; the tracking code is their only key. */
@Controller
@RequiredArgsConstructor
class HandlingRatingController {

    private final CaseWorkflow workflow;

    @PostMapping("/t/{code}/rating")
    String rate(@PathVariable String code, @RequestParam(required = false) Satisfaction verdict,
                @RequestParam(required = false) String comment) {
        TrackingCode parsed = TrackingCode.parse(code).orElseThrow(() -> new NotFoundException("tracking code"));
        if (verdict == null) {
            throw new InvalidInputException("casework.refused.verdict");
        }
        if (comment != null && comment.length() > 500) {
            throw new InvalidInputException("casework.refused.tooLong");
        }
        String rated = "redirect:/t/" + parsed.value() + "?rated";
        Decision decision;
        try {
            decision = workflow.rateHandling(parsed.value(), verdict, comment);
        } catch (RefusedException concurrent) {
            // the same form sent twice at once: the first one's save won
            if (workflow.residentRatingStands(parsed.value(), verdict)) {
                return rated;
            }
            throw concurrent;
        }
        if (decision instanceof Decision.Refused r) {
            if (workflow.residentRatingStands(parsed.value(), verdict)) {
                // sent again after it was taken (a double tap, a phone retrying): the rating stands, say so
                return rated;
            }
            // the tracking page belongs to the web module: the resident gets the shared 4xx page with the reason
            throw new RefusedException(r.reason(), CaseWorkflow.kindOf(r).status());
        }
        return rated;
    }
}
