package io.minyi.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * When the database is away, answer 503 with a retry hint — also for failures in filters (staff sessions live in
 * PostgreSQL) that never reach a controller — instead of a 500 with a stack trace. The app recovers by itself when
 * the database is back, because the connection pool keeps trying.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseUnavailableFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

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
            response.getOutputStream().write("""
                    <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>系统繁忙</title></head>
                    <body><h1>系统正忙或数据库暂时不可用</h1><p>请稍后再试，您填写的内容未丢失。</p></body></html>"""
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
