package io.minyi.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.servlet.filter.OrderedRequestContextFilter;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.io.IOException;

/**
 * Spring's request context filter (same place in the chain, same holders, reset and completion) with one difference:
 * the thread's locale is the request's {@code Accept-Language} only when something asks for it. Spring's own filter
 * asks the container for it on every request, and Tomcat then parses the header with regular expressions — 7 % of the
 * request threads' CPU samples on the submitted rating form (profile of 2026-11-30, issue 14), where nothing before
 * the dispatcher reads it (the rating form takes the resident's language from the {@code LocaleResolver}, and the
 * dispatcher replaces the thread's locale with the resolver's for every page). Whoever asks gets the same answer as
 * before: {@code request.getLocale()}, which the container parses once per request.
 */
class LazyLocaleRequestContextFilter extends OrderedRequestContextFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ServletRequestAttributes attributes = new ServletRequestAttributes(request, response);
        LocaleContextHolder.setLocaleContext(request::getLocale);
        RequestContextHolder.setRequestAttributes(attributes);
        try {
            chain.doFilter(request, response);
        } finally {
            LocaleContextHolder.resetLocaleContext();
            RequestContextHolder.resetRequestAttributes();
            attributes.requestCompleted();
        }
    }
}
