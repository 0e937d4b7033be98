package io.minyi.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.HtmlUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
            Locale locale = locales.resolveLocale(request);
            String text = messages.getMessage("error.tooLarge", null, "error.tooLarge", locale);
            String title = messages.getMessage("error.title", null, "error.title", locale);
            response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            String accept = String.valueOf(request.getHeader("Accept"));
            if (accept.contains(MediaType.APPLICATION_JSON_VALUE) || request.getRequestURI().startsWith("/api/")) {
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                response.getWriter().write("{\"status\":413,\"errors\":[\"" + text.replace("\"", "\\\"") + "\"]}");
                return;
            }
            response.setContentType(MediaType.TEXT_HTML_VALUE);
            String css = request.getContextPath() + "/css/app.css";
            response.getWriter().write("<!DOCTYPE html><html lang=\"" + (locale.getLanguage().equals("en") ? "en" : "zh-CN")
                    + "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                    + "<title>" + HtmlUtils.htmlEscape(title) + "</title><link rel=\"stylesheet\" href=\"" + css + "\"></head>"
                    + "<body class=\"error-page\"><main class=\"content\"><h1>" + HtmlUtils.htmlEscape(title) + "</h1>"
                    + "<div class=\"alert error\" role=\"alert\"><ul><li>" + HtmlUtils.htmlEscape(text) + "</li></ul></div>"
                    + "</main></body></html>");
        }
    }
}
