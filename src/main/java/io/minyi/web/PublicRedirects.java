package io.minyi.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Redirects never take their host from the request. A redirect to one of our own pages — written by Spring Security
 * (which builds the login URL from the {@code Host} header) or by any controller — becomes
 * {@code minyi.public-base-url} + path when that is configured, and a relative {@code Location} otherwise (with
 * {@code server.tomcat.use-relative-redirects} so the container does not add the {@code Host} back). Without this,
 * {@code Host: evil.example} came back as {@code Location: http://evil.example/login}, a gift to cache poisoning and
 * phishing links.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class PublicRedirects extends OncePerRequestFilter {

    private final String base;

    PublicRedirects(@Value("${minyi.public-base-url:}") String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public void sendRedirect(String location) throws IOException {
                super.sendRedirect(rewrite(request, location));
            }

            @Override
            public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
                super.sendRedirect(rewrite(request, location), sc, clearBuffer);
            }

            @Override
            public void setHeader(String name, String value) {
                super.setHeader(name, "Location".equalsIgnoreCase(name) ? rewrite(request, value) : value);
            }

            @Override
            public void addHeader(String name, String value) {
                super.addHeader(name, "Location".equalsIgnoreCase(name) ? rewrite(request, value) : value);
            }
        });
    }

    /** Our own absolute or root-relative URL → public base (or nothing) + path; anything else unchanged. */
    String rewrite(HttpServletRequest request, String location) {
        if (location == null) {
            return null;
        }
        try {
            URI uri = new URI(location);
            String pathAndRest = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                    + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment());
            if (uri.isAbsolute()) {
                boolean ours = uri.getHost() != null && uri.getHost().equalsIgnoreCase(request.getServerName());
                return ours ? base + pathAndRest : location;
            }
            return location.startsWith("/") && !location.startsWith("//") ? base + location : location;
        } catch (URISyntaxException e) {
            return location;
        }
    }
}
