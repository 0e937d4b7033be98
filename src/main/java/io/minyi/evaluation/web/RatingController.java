package io.minyi.evaluation.web;

import io.minyi.evaluation.internal.EvaluationTargets;
import io.minyi.evaluation.internal.FormKeys;
import io.minyi.evaluation.internal.Target;
import io.minyi.platform.NotFoundException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The resident's rating page behind every QR code. No session is created: the form carries its own idempotency key,
 * CSRF uses a cookie, and a long-lived random device cookie lets repeats from one phone be noticed.
 */
@Controller("evaluationRatingController")
@RequiredArgsConstructor
class RatingController {

    static final String DEVICE_COOKIE = "minyi-device";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern DEVICE_ID = Pattern.compile("[0-9a-f]{32}");

    private final EvaluationTargets targets;
    private final RatingPages pages;
    private final RatingIntake intake;
    private final FormKeys keys;

    @GetMapping("/e/{code}")
    ModelAndView form(@PathVariable String code,
                      @CookieValue(name = DEVICE_COOKIE, required = false) String device,
                      HttpServletResponse response, Locale locale) {
        Target target = targets.byCode(code).orElseThrow(() -> new NotFoundException("evaluation code"));
        response.setHeader("Cache-Control", "no-store");
        if (!target.active()) {
            return RatingPages.revoked(target);
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
        return pages.form(target, keys.next().toString(), Map.of(), null, null, null, null, false, List.of(),
                locale);
    }

    /**
     * The submitted form when {@link RatingIntakeMapping} has left it here (unknown or revoked code, a query string, an
     * encoded path, a JSON or htmx caller); an active code goes on exactly as on the lean path.
     */
    @PostMapping("/e/{code}")
    @Nullable ModelAndView submit(@PathVariable String code, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Target target = targets.byCode(code).orElseThrow(() -> new NotFoundException("evaluation code"));
        if (!target.active()) {
            return RatingPages.revoked(target);
        }
        return intake.submit(target, request, response);
    }
}
