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
 * Refuses an oversized upload with 413 and the usual message before anything else reads the request. Without it the
 * CSRF filter is the first to ask for a parameter, the container fails to parse the body there, and the user gets
 * the container's bare English error page instead of ours. Once parsed, a multipart form's fields get the check the
 * parameter sanity filter gives every other form (a NUL → 400): PostgreSQL refuses NUL in text, and a rating form
 * sent as a phone sends it answered 500 for one.
 */
@Configuration(proxyBeanMethods = false)
class UploadLimitFilter {

    /** Just before Spring Security's filter chain (order -100), after the session repository filter. */
    static final int ORDER = -101;

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> uploadLimit(MessageSource messages, LocaleResolver locales) {
        return RefusingFilter.registered(new Filter(messages, locales), ORDER, "/*");
    }

    static final class Filter extends RefusingFilter {
        Filter(MessageSource messages, LocaleResolver locales) {
            super(messages, locales);
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !isMultipart(request);
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            try {
                // parse now, under the configured spring.servlet.multipart limits; later readers reuse the result
                request.getParts();
            } catch (IOException | ServletException | RuntimeException e) {
                if (isSizeLimit(e)) {
                    refuse(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "error.tooLarge");
                    return;
                }
                // any other malformed body is answered as a 400 further down the chain
                chain.doFilter(request, response);
                return;
            }
            if (refusedParameters(request, response)) {
                return;
            }
            chain.doFilter(request, response);
        }

        private static boolean isSizeLimit(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                String name = t.getClass().getSimpleName();
                if (name.endsWith("SizeException") || name.endsWith("SizeLimitExceededException")
                        || name.equals("MaxUploadSizeExceededException")) {
                    return true;
                }
            }
            return false;
        }
    }
}
