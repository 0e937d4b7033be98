package io.minyi.web;

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
 * message as the {@code error} template, JSON for API callers.
 */
final class PlainErrorPage {

    private PlainErrorPage() {
    }

    static void write(HttpServletRequest request, HttpServletResponse response, MessageSource messages,
                      LocaleResolver locales, int status, String messageKey) throws IOException {
        Locale locale = locales.resolveLocale(request);
        String text = messages.getMessage(messageKey, null, messageKey, locale);
        String title = messages.getMessage("error.title", null, "error.title", locale);
        response.setStatus(status);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String accept = String.valueOf(request.getHeader("Accept"));
        if (accept.contains(MediaType.APPLICATION_JSON_VALUE) || request.getRequestURI().startsWith("/api/")) {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getWriter().write("{\"status\":" + status + ",\"errors\":[\"" + text.replace("\"", "\\\"") + "\"]}");
            return;
        }
        response.setContentType(MediaType.TEXT_HTML_VALUE);
        String css = request.getContextPath() + "/css/app.css";
        response.getWriter().write("<!DOCTYPE html><html lang=\"" + (locale.getLanguage().equals("en") ? "en" : "zh-CN")
                + "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + HtmlUtils.htmlEscape(title) + "</title><link rel=\"stylesheet\" href=\"" + css + "\"></head>"
                + "<body class=\"error-page\"><main class=\"content\"><h1>" + HtmlUtils.htmlEscape(title) + "</h1>"
                + "<div class=\"alert error\" role=\"alert\"><ul><li>" + HtmlUtils.htmlEscape(text) + "</li></ul></div>"
                + "</main></body></html>");
    }
}
