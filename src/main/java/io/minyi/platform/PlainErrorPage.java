package io.minyi.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.HtmlUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The error page written by a servlet filter, before Spring MVC (and its templates) is reached: same look and
 * message as the {@code error} template, JSON for API callers. Here rather than in {@code web} because filters of
 * other modules (the rating form's door under overload) refuse the same way.
 */
public final class PlainErrorPage {

    private PlainErrorPage() {
    }

    /** The page under the general error title. */
    public static void write(HttpServletRequest request, HttpServletResponse response, MessageSource messages,
                             LocaleResolver locales, int status, String messageKey) throws IOException {
        write(request, response, messages, locales, status, "error.title", messageKey);
    }

    /** The page under the title {@code titleKey}; headers the caller set before (e.g. Retry-After) are kept. */
    public static void write(HttpServletRequest request, HttpServletResponse response, MessageSource messages,
                             LocaleResolver locales, int status, String titleKey, String messageKey)
            throws IOException {
        Locale locale = locales.resolveLocale(request);
        String text = messages.getMessage(messageKey, null, messageKey, locale);
        String title = messages.getMessage(titleKey, null, titleKey, locale);
        response.setStatus(status);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String accept = String.valueOf(request.getHeader("Accept"));
        String body;
        if (accept.contains(MediaType.APPLICATION_JSON_VALUE) || request.getRequestURI().startsWith("/api/")) {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            body = "{\"status\":" + status + ",\"errors\":[\"" + text.replace("\"", "\\\"") + "\"]}";
        } else {
            response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
            String css = request.getContextPath() + "/css/app.css";
            body = "<!DOCTYPE html><html lang=\"" + (locale.getLanguage().equals("en") ? "en" : "zh-CN")
                    + "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                    + "<title>" + HtmlUtils.htmlEscape(title) + "</title><link rel=\"stylesheet\" href=\"" + css + "\"></head>"
                    + "<body class=\"error-page\"><main class=\"content\"><h1>" + HtmlUtils.htmlEscape(title) + "</h1>"
                    + "<div class=\"alert error\" role=\"alert\"><ul><li>" + HtmlUtils.htmlEscape(text) + "</li></ul></div>"
                    + "</main></body></html>";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
