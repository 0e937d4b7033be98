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
import java.util.Locale;

/**
 * Refuses an oversized upload with 413 and the usual message before anything else reads the request. Without it the
 * CSRF filter is the first to ask for a parameter, the container fails to parse the body there, and the user gets
 * the container's bare English error page instead of ours.
 */
@Configuration(proxyBeanMethods = false)
class UploadLimitFilter {

    /** Just before Spring Security's filter chain (order -100), after the session repository filter. */
    static final int ORDER = -101;

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> uploadLimit(MessageSource messages, LocaleResolver locales) {
        FilterRegistrationBean<OncePerRequestFilter> bean = new FilterRegistrationBean<>(new Filter(messages, locales));
        bean.setOrder(ORDER);
        bean.addUrlPatterns("/*");
        return bean;
    }

    static final class Filter extends OncePerRequestFilter {
        private final MessageSource messages;
        private final LocaleResolver locales;

        Filter(MessageSource messages, LocaleResolver locales) {
            this.messages = messages;
            this.locales = locales;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            String type = request.getContentType();
            return type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/");
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            try {
                // parse now, under the configured spring.servlet.multipart limits; later readers reuse the result
                request.getParts();
            } catch (IOException | ServletException | RuntimeException e) {
                if (isSizeLimit(e)) {
                    tooLarge(request, response);
                    return;
                }
                // any other malformed body is answered as a 400 further down the chain
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

        private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
            PlainErrorPage.write(request, response, messages, locales, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    "error.tooLarge");
        }
    }
}
