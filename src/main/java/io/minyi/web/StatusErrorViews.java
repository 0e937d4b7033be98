package io.minyi.web;

import jakarta.servlet.http.HttpServletRequest;
import lombok.RequiredArgsConstructor;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

import java.util.List;
import java.util.Map;

/**
 * Errors that never reached a controller (unknown path, access denied, a filter's refusal) still get the friendly
 * page with a message in the user's language; 5xx details stay in the log.
 */
@Component
@RequiredArgsConstructor
class StatusErrorViews implements ErrorViewResolver {

    private final MessageSource messages;

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        String key = switch (status) {
            case NOT_FOUND -> "error.notFound";
            case FORBIDDEN -> "error.forbidden";
            case METHOD_NOT_ALLOWED -> "error.method";
            case CONTENT_TOO_LARGE -> "error.tooLarge";
            case UNSUPPORTED_MEDIA_TYPE -> "error.mediaType";
            case SERVICE_UNAVAILABLE -> "error.unavailable";
            default -> status.is4xxClientError() ? "error.badRequest" : "error.server";
        };
        String text = messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
        return new ModelAndView("error", Map.of("status", status.value(), "problems", List.of(text)), status);
    }
}
