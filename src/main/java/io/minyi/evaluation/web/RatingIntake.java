package io.minyi.evaluation.web;

import io.minyi.evaluation.internal.EvaluationInput;
import io.minyi.evaluation.internal.EvaluationProperties;
import io.minyi.evaluation.internal.FormKeys;
import io.minyi.evaluation.internal.RateLimits;
import io.minyi.evaluation.internal.Receipt;
import io.minyi.evaluation.internal.SourceKeys;
import io.minyi.evaluation.internal.SubmitEvaluation;
import io.minyi.evaluation.internal.Target;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.RefusedException;
import io.minyi.platform.TrackingCode;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.Controller;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.WebUtils;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The resident's submitted rating form — the hottest request of the system — handled without the controller
 * machinery (decision 0036): {@link RatingIntakeMapping} hands it here before the controllers' mappings are searched,
 * the parameters are read once from the request the container has already parsed (url-encoded or multipart), and an
 * accepted form is answered with the {@link ReceiptPage} after the group commit, without a template pass. A form
 * with problems, a refusal and a busy writer are answered with the same template-rendered pages as before.
 * <p>
 * {@link RatingController} calls the same {@link #submit} for the requests the lean mapping leaves to it.
 */
@Component
@RequiredArgsConstructor
class RatingIntake implements Controller {

    /** The request attribute under which {@link RatingIntakeMapping} leaves the active target it found. */
    static final String TARGET = RatingIntake.class.getName() + ".target";
    /** The request attribute under which {@link RatingIntakeFilter} leaves a page for the dispatcher to render. */
    static final String PAGE = RatingIntake.class.getName() + ".page";

    private final SubmitEvaluation submit;
    private final RateLimits limits;
    private final SourceKeys sourceKeys;
    private final EvaluationProperties properties;
    private final FormWarmUp warmUp;
    private final RatingPages pages;
    private final ReceiptPage receipts;
    private final SubmissionTimings timings;
    private final LocaleResolver locales;
    private final FormKeys keys;

    @Override
    public @Nullable ModelAndView handleRequest(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Target target = (Target) request.getAttribute(TARGET);
        if (target == null) {
            throw new IllegalStateException("reached without " + RatingIntakeMapping.class.getSimpleName());
        }
        return answer(target, request, response);
    }

    /**
     * The lean path's answer to a submitted form for an active target: {@code null} when the receipt has been written,
     * else the page to render (the form with its problems, a refusal, the busy page).
     */
    @Nullable ModelAndView answer(Target target, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        try {
            return submit(target, request, response);
        } catch (RefusedException e) {
            // the writer's queue is full or the database did not answer in time: the same form may be sent again
            HttpStatus status = HttpStatus.resolve(e.status());
            if (status == HttpStatus.SERVICE_UNAVAILABLE) {
                response.setHeader("Retry-After", "5");
            }
            return pages.problem(status == null ? HttpStatus.CONFLICT : status, e.getMessage(), locale(request));
        } catch (TransientDataAccessException | CannotCreateTransactionException
                 | DataAccessResourceFailureException e) {
            // the same exceptions as the error advice's 503 (a connection that cannot be had is a resource failure)
            response.setHeader("Retry-After", "5");
            return pages.problem(HttpStatus.SERVICE_UNAVAILABLE, "error.unavailable", locale(request));
        }
    }

    /**
     * Checks the limits, validates, stores (waiting for the commit) and answers: the receipt written to the response
     * ({@code null} returned), or the page to render — the form with its problems (400) or the refusal (429).
     *
     * @param target an active target
     */
    @Nullable ModelAndView submit(Target target, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        long start = System.nanoTime();
        SubmissionTimings.Outcome outcome = SubmissionTimings.Outcome.FAILED;
        try {
            response.setHeader("Cache-Control", "no-store");
            Locale locale = locale(request);
            String address = request.getRemoteAddr();
            String phone = request.getParameter("phone");
            String phoneKey = SubmitEvaluation.normalisedPhone(phone).map(p -> sourceKeys.of("phone", p)).orElse(null);
            boolean warmingUp = warmUp.isWarmUp(request.getHeader(FormWarmUp.HEADER));
            if (!(warmingUp || limits.allowAddress(address)) || !limits.allowPhone(phoneKey)) {
                response.setHeader("Retry-After", "60");
                outcome = SubmissionTimings.Outcome.LIMITED;
                return RatingPages.tooMany();
            }
            Map<String, String> ratings = new HashMap<>();
            for (var d : properties.dimensionsFor(target.isOfficer())) {
                String v = request.getParameter("r_" + d.key());
                if (v != null) {
                    ratings.put(d.key(), v);
                }
            }
            String key = request.getParameter("key");
            String overall = request.getParameter("overall");
            String comment = request.getParameter("comment");
            String clue = request.getParameter("clue");
            boolean agreed = request.getParameter("consent") != null;
            Cookie device = WebUtils.getCookie(request, RatingController.DEVICE_COOKIE);
            try {
                Receipt receipt = submit.submit(target, new EvaluationInput(key, overall, ratings, comment, clue, phone,
                        agreed, photos(request)), device == null ? null : device.getValue(), address);
                TrackingCode tracking = new TrackingCode(receipt.trackingCode());
                receipts.write(response, locale, tracking.display(), "/t/" + tracking.value(), receipt.clue());
                outcome = SubmissionTimings.Outcome.RECEIPT;
                return null;
            } catch (InvalidInputException e) {
                ModelAndView again = pages.form(target, key == null ? keys.next().toString() : key, ratings,
                        overall, comment, clue, phone, agreed, pages.problems(e.problems(), locale), locale);
                again.setStatus(HttpStatus.BAD_REQUEST);
                outcome = SubmissionTimings.Outcome.PROBLEM;
                return again;
            }
        } finally {
            timings.record(outcome, start);
        }
    }

    /**
     * The chosen photos of a multipart form — from the dispatcher's multipart request, or, before the dispatcher
     * ({@link RatingIntakeFilter}), from the container's parts (parsed already by the parameter sanity filter, under the
     * same multipart settings); none when url-encoded.
     */
    private static List<byte[]> photos(HttpServletRequest request) throws IOException {
        MultipartHttpServletRequest multipart = WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
        List<byte[]> uploads = new ArrayList<>();
        if (multipart != null) {
            for (MultipartFile f : multipart.getFiles("photo")) {
                if (!f.isEmpty()) {
                    uploads.add(f.getBytes());
                }
            }
            return uploads;
        }
        if (!isMultipart(request)) {
            return uploads;
        }
        try {
            for (Part part : request.getParts()) {
                // a file part, as Spring's multipart request counts them: one with a file name, even an empty one
                if ("photo".equals(part.getName()) && part.getSubmittedFileName() != null && part.getSize() > 0) {
                    try (var in = part.getInputStream()) {
                        uploads.add(in.readAllBytes());
                    }
                }
            }
        } catch (ServletException e) {
            throw new MultipartException("could not parse the multipart request", e);
        }
        return uploads;
    }

    static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.regionMatches(true, 0, "multipart/", 0, 10);
    }

    /**
     * The resident's language as the dispatcher resolves it (the language cookie, else Chinese) — asked of the locale
     * resolver itself, so that it is the same before the dispatcher, where no locale context of its own is set yet.
     */
    private Locale locale(HttpServletRequest request) {
        return locales.resolveLocale(request);
    }
}
