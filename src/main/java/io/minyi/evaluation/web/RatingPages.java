package io.minyi.evaluation.web;

import io.minyi.evaluation.internal.EvaluationProperties;
import io.minyi.evaluation.internal.Rating;
import io.minyi.evaluation.internal.SubmitEvaluation;
import io.minyi.evaluation.internal.Target;
import lombok.RequiredArgsConstructor;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rating pages that are rendered by the template engine: the form (first shown, or again with its problems), the
 * revoked code, the refusal for too many submissions and the "busy" answer. The receipt, which every accepted form
 * gets, is not among them ({@link ReceiptPage}).
 */
@Component
@RequiredArgsConstructor
class RatingPages {

    private final EvaluationProperties properties;
    private final MessageSource messages;

    ModelAndView form(Target target, String key, Map<String, String> ratings, String overall, String comment,
                      String clue, String phone, boolean consent, List<String> problems, Locale locale) {
        ModelAndView mv = new ModelAndView("evaluation/rate");
        mv.addObject("target", target);
        mv.addObject("dimensions", properties.dimensionsFor(target.isOfficer()).stream()
                .map(d -> new DimensionView(d.key(), d.label(locale), ratings.get(d.key()))).toList());
        mv.addObject("ratings", Rating.values());
        mv.addObject("key", key);
        mv.addObject("overall", overall);
        mv.addObject("comment", comment == null || comment.length() > SubmitEvaluation.MAX_COMMENT * 2 ? "" : comment);
        mv.addObject("clue", clue == null || clue.length() > SubmitEvaluation.MAX_CLUE * 2 ? "" : clue);
        mv.addObject("phone", phone == null || phone.length() > 40 ? "" : phone);
        mv.addObject("consent", consent);
        mv.addObject("problems", problems);
        mv.addObject("maxComment", SubmitEvaluation.MAX_COMMENT);
        mv.addObject("maxClue", SubmitEvaluation.MAX_CLUE);
        return mv;
    }

    /** The problems' message keys in the resident's language (a key without a message shows as itself). */
    List<String> problems(List<String> keys, Locale locale) {
        return keys.stream().map(p -> messages.getMessage(p, null, p, locale)).toList();
    }

    static ModelAndView revoked(Target target) {
        ModelAndView mv = new ModelAndView("evaluation/revoked");
        mv.addObject("target", target);
        mv.setStatus(HttpStatus.GONE);
        return mv;
    }

    static ModelAndView tooMany() {
        ModelAndView slow = new ModelAndView("evaluation/too-many");
        slow.setStatus(HttpStatus.TOO_MANY_REQUESTS);
        return slow;
    }

    /**
     * The shared error page with one message, as the web module's error advice renders a refusal or an unavailable
     * database — which it cannot do for the lean path's handler, since controller advice applies to controller
     * methods only.
     */
    ModelAndView problem(HttpStatus status, String messageKey, Locale locale) {
        ModelAndView page = new ModelAndView("error");
        page.setStatus(status);
        page.addAllObjects(Map.of("status", status.value(), "problems", problems(List.of(messageKey), locale)));
        return page;
    }

    /** One question on the form, with the answer already chosen when the form comes back with a problem. */
    record DimensionView(String key, String label, String chosen) {
    }
}
