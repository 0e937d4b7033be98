package io.minyi.evaluation.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * A rating form that is far too large (megabytes of text pasted into a comment) makes the container refuse to parse
 * it — inside the security filters, where it would surface as a 500 or as a puzzling CSRF refusal. This filter parses
 * the form first and answers such a request with 413 and the friendly error page instead.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 50)
class OversizedFormFilter extends OncePerRequestFilter {

    /** Tomcat's default limit for url-encoded forms; beyond it Tomcat silently drops every parameter. */
    private static final long MAX_URLENCODED = 2L * 1024 * 1024;

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !request.getRequestURI().startsWith("/e/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = String.valueOf(request.getContentType());
        if (type.startsWith("application/x-www-form-urlencoded") && request.getContentLengthLong() > MAX_URLENCODED) {
            response.sendError(HttpStatus.CONTENT_TOO_LARGE.value());
            return;
        }
        try {
            request.getParameterMap();
        } catch (IllegalStateException e) {
            response.sendError(HttpStatus.CONTENT_TOO_LARGE.value());
            return;
        }
        chain.doFilter(request, response);
    }
}
