package io.minyi.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

import java.io.IOException;

/**
 * Parameters no person types are refused once, here, with 400: bytes that are not UTF-8 (the container would throw
 * deep inside the first reader and log a stack trace per request — a log flood an attacker controls) and NUL
 * characters (PostgreSQL refuses them in text, which surfaced as a 409 "conflict"). Multipart bodies are parsed by
 * {@link UploadLimitFilter} under its size limits, which then checks their fields the same way.
 */
@Configuration(proxyBeanMethods = false)
class ParameterSanityFilter {

    /** Before the upload filter and Spring Security, after the session repository filter. */
    static final int ORDER = UploadLimitFilter.ORDER - 1;

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> parameterSanity(MessageSource messages, LocaleResolver locales) {
        return RefusingFilter.registered(new Filter(messages, locales), ORDER, "/*");
    }

    static final class Filter extends RefusingFilter {
        Filter(MessageSource messages, LocaleResolver locales) {
            super(messages, locales);
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return isMultipart(request);
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (refusedParameters(request, response)) {
                return;
            }
            chain.doFilter(request, response);
        }
    }
}
