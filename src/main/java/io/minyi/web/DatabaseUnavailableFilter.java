package io.minyi.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * When the database is away, answer 503 with a retry hint — also for failures in filters (staff sessions live in
 * PostgreSQL) that never reach a controller — instead of a 500 with a stack trace. The app recovers by itself when
 * the database is back, because the connection pool keeps trying.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
@RequiredArgsConstructor
class DatabaseUnavailableFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

    // the bundles and the language cookie live in memory: both work while the database is away
    private final MessageSource messages;
    private final LocaleResolver locales;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException | ServletException e) {
            if (!databaseUnavailable(e) || response.isCommitted()) {
                throw e;
            }
            log.warn("database unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
            response.resetBuffer();
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", "5");
            response.setContentType("text/html;charset=UTF-8");
            Locale locale = locales.resolveLocale(request);
            response.getOutputStream().write("""
                    <!DOCTYPE html><html lang="%s"><head><meta charset="utf-8"><title>%s</title></head>
                    <body><h1>%s</h1><p>%s</p></body></html>""".formatted(
                    "en".equals(locale.getLanguage()) ? "en" : "zh-CN",
                    messages.getMessage("error.unavailable.title", null, locale),
                    messages.getMessage("error.unavailable.heading", null, locale),
                    messages.getMessage("error.unavailable.retry", null, locale))
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    static boolean databaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.springframework.dao.TransientDataAccessException) {
                return true;
            }
        }
        return io.minyi.platform.DatabaseFailures.unavailable(e);
    }
}
