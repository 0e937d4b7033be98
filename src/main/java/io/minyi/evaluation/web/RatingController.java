package io.minyi.evaluation.web;

import io.minyi.evaluation.internal.EvaluationInput;
import io.minyi.evaluation.internal.EvaluationProperties;
import io.minyi.evaluation.internal.EvaluationTargets;
import io.minyi.evaluation.internal.RateLimits;
import io.minyi.evaluation.internal.Rating;
import io.minyi.evaluation.internal.Receipt;
import io.minyi.evaluation.internal.SourceKeys;
import io.minyi.evaluation.internal.SubmitEvaluation;
import io.minyi.evaluation.internal.Target;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.NotFoundException;
import io.minyi.platform.TrackingCode;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The resident's rating page behind every QR code. No session is created: the form carries its own idempotency key,
 * CSRF uses a cookie, and a long-lived random device cookie lets repeats from one phone be noticed.
 */
@Controller("evaluationRatingController")
class RatingController {

    static final String DEVICE_COOKIE = "minyi-device";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern DEVICE_ID = Pattern.compile("[0-9a-f]{32}");

    private final EvaluationTargets targets;
    private final SubmitEvaluation submit;
    private final RateLimits limits;
    private final SourceKeys sourceKeys;
    private final EvaluationProperties properties;
    private final MessageSource messages;
    private final FormWarmUp warmUp;

    RatingController(EvaluationTargets targets, SubmitEvaluation submit, RateLimits limits, SourceKeys sourceKeys,
                     EvaluationProperties properties, MessageSource messages, FormWarmUp warmUp) {
        this.warmUp = warmUp;
        this.targets = targets;
        this.submit = submit;
        this.limits = limits;
        this.sourceKeys = sourceKeys;
        this.properties = properties;
        this.messages = messages;
    }

    @GetMapping("/e/{code}")
    ModelAndView form(@PathVariable String code,
                      @CookieValue(name = DEVICE_COOKIE, required = false) String device,
                      HttpServletResponse response, Locale locale) {
        Target target = targets.byCode(code).orElseThrow(() -> new NotFoundException("evaluation code"));
        response.setHeader("Cache-Control", "no-store");
        if (!target.active()) {
            return revoked(target);
        }
        if (device == null || !DEVICE_ID.matcher(device).matches()) {
            byte[] id = new byte[16];
            RANDOM.nextBytes(id);
            Cookie cookie = new Cookie(DEVICE_COOKIE, HexFormat.of().formatHex(id));
            cookie.setPath("/e");
            cookie.setMaxAge(60 * 60 * 24 * 365);
            cookie.setHttpOnly(true);
            cookie.setAttribute("SameSite", "Lax");
            response.addCookie(cookie);
        }
        return page(target, UUID.randomUUID().toString(), Map.of(), null, null, null, null, false, List.of(), locale);
    }

    @PostMapping("/e/{code}")
    ModelAndView submit(@PathVariable String code,
                        @RequestParam(name = "key", required = false) String key,
                        @RequestParam(name = "overall", required = false) String overall,
                        @RequestParam(name = "comment", required = false) String comment,
                        @RequestParam(name = "clue", required = false) String clue,
                        @RequestParam(name = "phone", required = false) String phone,
                        @RequestParam(name = "consent", required = false) String consent,
                        @RequestParam(name = "photo", required = false) List<MultipartFile> photos,
                        @CookieValue(name = DEVICE_COOKIE, required = false) String device,
                        HttpServletRequest request, HttpServletResponse response, Locale locale) {
        Target target = targets.byCode(code).orElseThrow(() -> new NotFoundException("evaluation code"));
        if (!target.active()) {
            return revoked(target);
        }
        response.setHeader("Cache-Control", "no-store");
        String address = request.getRemoteAddr();
        String phoneKey = SubmitEvaluation.normalisedPhone(phone).map(p -> sourceKeys.of("phone", p)).orElse(null);
        boolean warmingUp = warmUp.isWarmUp(request.getHeader(FormWarmUp.HEADER));
        if (!(warmingUp || limits.allowAddress(address)) || !limits.allowPhone(phoneKey)) {
            ModelAndView slow = new ModelAndView("evaluation/too-many");
            slow.setStatus(HttpStatus.TOO_MANY_REQUESTS);
            response.setHeader("Retry-After", "60");
            return slow;
        }
        Map<String, String> ratings = new HashMap<>();
        for (var d : properties.dimensionsFor(target.isOfficer())) {
            String v = request.getParameter("r_" + d.key());
            if (v != null) {
                ratings.put(d.key(), v);
            }
        }
        List<byte[]> uploads = new ArrayList<>();
        if (photos != null) {
            for (MultipartFile f : photos) {
                if (f != null && !f.isEmpty()) {
                    uploads.add(bytes(f));
                }
            }
        }
        boolean agreed = consent != null;
        try {
            Receipt receipt = submit.submit(target,
                    new EvaluationInput(key, overall, ratings, comment, clue, phone, agreed, uploads), device, address);
            ModelAndView done = new ModelAndView("evaluation/receipt");
            TrackingCode tracking = new TrackingCode(receipt.trackingCode());
            done.addObject("target", target);
            done.addObject("code", tracking.display());
            done.addObject("trackingPath", "/t/" + tracking.value());
            done.addObject("clue", receipt.clue());
            return done;
        } catch (InvalidInputException e) {
            List<String> problems = e.problems().stream()
                    .map(p -> messages.getMessage(p, null, p, locale)).toList();
            ModelAndView again = page(target, key == null ? UUID.randomUUID().toString() : key, ratings, overall,
                    comment, clue, phone, agreed, problems, locale);
            again.setStatus(HttpStatus.BAD_REQUEST);
            return again;
        }
    }

    private ModelAndView page(Target target, String key, Map<String, String> ratings, String overall, String comment,
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

    private static ModelAndView revoked(Target target) {
        ModelAndView mv = new ModelAndView("evaluation/revoked");
        mv.addObject("target", target);
        mv.setStatus(HttpStatus.GONE);
        return mv;
    }

    private static byte[] bytes(MultipartFile f) {
        try {
            return f.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One question on the form, with the answer already chosen when the form comes back with a problem. */
    record DimensionView(String key, String label, String chosen) {
    }
}
