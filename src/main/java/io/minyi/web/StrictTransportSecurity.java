package io.minyi.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;

/**
 * {@code Strict-Transport-Security} on every answer when {@code minyi.security.hsts} is on (the prod profile). Spring
 * Security sends it only on requests it sees as secure, which behind a TLS proxy depends on the forwarded headers
 * being trusted; this makes the production intent explicit and independent of that.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 11)
class StrictTransportSecurity extends OncePerRequestFilter {

    static final String HEADER = "Strict-Transport-Security";

    private final boolean enabled;
    private final String value;

    StrictTransportSecurity(@Value("${minyi.security.hsts:false}") boolean enabled,
                            @Value("${minyi.security.hsts-max-age:365d}") Duration maxAge) {
        this.enabled = enabled;
        this.value = "max-age=" + maxAge.toSeconds() + " ; includeSubDomains";
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !enabled;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(HEADER, value);
        chain.doFilter(request, response);
    }
}
