package io.minyi.integration.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.Controller;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Gives {@code POST /open311/v2/requests.json|xml} straight to {@link Open311Controller#post} before the controllers'
 * mapping is asked (issue 11, decision 0041, as 0036 did for the rating form): {@code /requests.{fmt}} is a pattern,
 * so that mapping tried the application's several hundred request mappings for every post, then resolved the
 * arguments, and wrote the answer through the message converters — a third of the request thread's CPU, more than
 * the case intake itself once the duplicate search had left it.
 * <p>
 * The same method answers, with the same checks, and errors come from {@link Open311Errors} as for the controller.
 * A {@code lang} parameter is left to the controllers' mapping (it switches the language in one of its interceptors).
 */
@Component
@RequiredArgsConstructor
class Open311PostMapping implements HandlerMapping, Ordered {

    private static final String JSON = "/open311/v2/requests.json";
    private static final String XML = "/open311/v2/requests.xml";

    private final Open311Controller open311;
    private final Open311Errors errors;

    @Override
    public @Nullable HandlerExecutionChain getHandler(HttpServletRequest request) {
        String uri = request.getRequestURI();
        if (!"POST".equals(request.getMethod()) || !request.getContextPath().isEmpty()
                || !(JSON.equals(uri) || XML.equals(uri)) || request.getParameter("lang") != null) {
            return null;
        }
        return new HandlerExecutionChain((Controller) this::post);
    }

    private @Nullable ModelAndView post(HttpServletRequest request, HttpServletResponse response) throws IOException {
        MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
        request.getParameterMap().forEach((k, v) -> params.put(k, Arrays.asList(v)));
        ResponseEntity<String> answer;
        try {
            answer = open311.post(request.getRequestURI().endsWith(".xml") ? "xml" : "json", params);
        } catch (RuntimeException e) {
            answer = errors.answer(e, request);
        }
        response.setStatus(answer.getStatusCode().value());
        answer.getHeaders().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
        byte[] body = answer.getBody() == null ? new byte[0] : answer.getBody().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        return null;
    }

    /** Right after the static files' (0031) and the rating form's (0036) mappings, before the controllers'. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }
}
