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
 * Every request's body is checked once, here, before anything else reads it:
 * <ul>
 *   <li>a multipart body is parsed first, under the configured {@code spring.servlet.multipart} limits, and an
 *       oversized upload is refused with 413 and our message. Without this the CSRF filter is the first to ask for a
 *       parameter, the container fails to parse the body there, and the user gets the container's bare English error
 *       page. Any other malformed multipart body is answered 400 further down the chain;</li>
 *   <li>parameters no person types are refused with 400, url-encoded and multipart fields alike: bytes that are not
 *       UTF-8 (the container would throw deep inside the first reader and log a stack trace per request — a log flood
 *       an attacker controls) and NUL characters (PostgreSQL refuses them in text: a 409 "conflict", and a 500 for a
 *       multipart rating form, when only url-encoded ones were checked).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class ParameterSanityFilter {

    /** Just before Spring Security's filter chain (order -100), after the session repository filter. */
    static final int ORDER = -101;

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> parameterSanity(MessageSource messages, LocaleResolver locales) {
        return RefusingFilter.registered(new Filter(messages, locales), ORDER, "/*");
    }

    static final class Filter extends RefusingFilter {
        Filter(MessageSource messages, LocaleResolver locales) {
            super(messages, locales);
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (isMultipart(request)) {
                try {
                    // parse now, under the configured limits; later readers reuse the result
                    request.getParts();
                } catch (IOException | ServletException | RuntimeException e) {
                    if (isSizeLimit(e)) {
                        refuse(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "error.tooLarge");
                        return;
                    }
                    // the container keeps the failure: the dispatcher's multipart resolver answers it with 400
                    chain.doFilter(request, response);
                    return;
                }
            }
            if (!refusedParameters(request, response)) {
                chain.doFilter(request, response);
            }
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
