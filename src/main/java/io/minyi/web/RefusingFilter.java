package io.minyi.web;

import io.minyi.platform.ParameterChecks;
import org.slf4j.LoggerFactory;
import io.minyi.platform.PlainErrorPage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

import java.io.IOException;
import java.util.Locale;

/**
 * A servlet filter that refuses some requests before Spring MVC is reached, with our own error page
 * ({@link PlainErrorPage}) in the reader's language rather than the container's.
 */
abstract class RefusingFilter extends OncePerRequestFilter {

    private final MessageSource messages;
    private final LocaleResolver locales;

    RefusingFilter(MessageSource messages, LocaleResolver locales) {
        this.messages = messages;
        this.locales = locales;
    }

    /** Registers the filter at {@code order} for the given URL patterns. */
    static FilterRegistrationBean<OncePerRequestFilter> registered(RefusingFilter filter, int order,
                                                                   String... urlPatterns) {
        FilterRegistrationBean<OncePerRequestFilter> bean = new FilterRegistrationBean<>(filter);
        bean.setOrder(order);
        bean.addUrlPatterns(urlPatterns);
        return bean;
    }

    static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    void refuse(HttpServletRequest request, HttpServletResponse response, int status, String messageKey)
            throws IOException {
        PlainErrorPage.write(request, response, messages, locales, status, messageKey);
    }

    /**
     * Refuses with 400 parameters no person types ({@link ParameterChecks}: NUL characters, bytes that are not UTF-8).
     *
     * @return whether the request was refused
     */
    boolean refusedParameters(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String problem;
        try {
            problem = ParameterChecks.nulIn(request.getParameterMap());
        } catch (RuntimeException e) {
            // Tomcat's InvalidParameterException (undecodable bytes) or a body it cannot parse
            problem = "undecodable parameters";
        }
        if (problem == null) {
            return false;
        }
        LoggerFactory.getLogger(getClass()).info("400 for {} {} from {}: {}", request.getMethod(),
                request.getRequestURI(), request.getRemoteAddr(), problem);
        refuse(request, response, HttpServletResponse.SC_BAD_REQUEST, "error.badRequest");
        return true;
    }
}
