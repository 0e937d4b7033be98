package io.minyi.evaluation.web;

import io.minyi.evaluation.internal.Target;
import io.minyi.platform.ParameterChecks;
import io.minyi.platform.PlainErrorPage;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.autoconfigure.TomcatServerProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.http.server.RequestPath;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.ServletRequestPathUtils;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The url-encoded rating form taken right after the door (decision 0061): a fifth of the form's request-thread CPU
 * went to the filters between the door and {@link RatingIntakeFilter} that do nothing for it — Spring Session's
 * request and response wrappers, the locale context, the form-content and resource-URL filters, and Spring Security's
 * composite proxy with its per-request chain search. What those filters check for this request is checked here with
 * the same answers, in the same order: a body past the url-encoded limit or one the container cannot parse (413, as
 * {@link OversizedFormFilter}), NUL characters or undecodable bytes (400, as the parameter sanity filter); then the
 * request goes through the firewall and the very filters of the security chain that serves {@code /e/**} (its
 * headers and its CSRF check, the same objects), and {@link RatingIntake} answers it.
 * <p>
 * A phone's multipart form whose whole body is below the container's disk threshold (no photo, or a small one) is taken
 * too (decision 0065): its parts are parsed here by {@link SmallMultipartForm}, which answers as the container would,
 * since the container's parser throws an exception for every part. Such a form is refused here when it does not
 * parse (400) or is past the connector's part limits (413), as the usual chain refuses it, and a page to render goes
 * on with the parts parsed here.
 * <p>
 * Anything else takes the usual way untouched: larger multipart forms, bodies without a length or past the limit, requests the
 * firewall rejects, and every page that is not a receipt (the form with its problems, a refusal, the busy page): that
 * one is decided here once, left as {@link RatingIntake#PAGE}, and rendered by the dispatcher at the end of the usual
 * chain, as {@link RatingIntakeFilter} leaves it. {@code minyi.evaluation.intake-first=false} turns this off, and
 * {@code minyi.evaluation.intake-first-multipart=false} the multipart part of it alone.
 */
@RequiredArgsConstructor
class RatingIntakeFirst implements Filter {

    @Configuration(proxyBeanMethods = false)
    static class Registration {
        @Bean
        FilterRegistrationBean<RatingIntakeFirst> ratingIntakeFirst(RatingIntakeMapping mapping, RatingIntake intake,
                ObjectProvider<SecurityFilterChain> chains, ObjectProvider<HttpFirewall> firewalls,
                MessageSource messages, LocaleResolver locales, ObjectProvider<MultipartConfigElement> multipart,
                ObjectProvider<TomcatServerProperties> tomcat,
                @Value("${minyi.evaluation.intake-first:true}") boolean enabled,
                @Value("${minyi.evaluation.intake-first-multipart:true}") boolean multipartFirst) {
            FilterRegistrationBean<RatingIntakeFirst> bean = new FilterRegistrationBean<>(new RatingIntakeFirst(
                    mapping, intake, chains, firewalls.getIfAvailable(StrictHttpFirewall::new), messages, locales,
                    multipartFirst ? smallMultipart(multipart.getIfAvailable(), tomcat.getIfAvailable()) : null));
            bean.setOrder(ORDER);
            bean.addUrlPatterns("/e/*");
            bean.setEnabled(enabled);
            return bean;
        }

        /**
         * The multipart forms taken here: those whose whole body is below the size at which the container would write
         * a part to disk (so held in memory either way), under the connector's part limits.
         */
        private static SmallMultipartForm.Limits smallMultipart(@Nullable MultipartConfigElement config,
                @Nullable TomcatServerProperties tomcat) {
            long threshold = config == null ? 0 : config.getFileSizeThreshold();
            long maxBytes = Math.min(Math.max(threshold, 0), MAX_SMALL_MULTIPART);
            if (config != null && config.getMaxRequestSize() >= 0) {
                maxBytes = Math.min(maxBytes, config.getMaxRequestSize());
            }
            int parts = tomcat == null ? 50 : tomcat.getMaxPartCount();
            int header = tomcat == null ? 512 : (int) Math.min(Integer.MAX_VALUE, tomcat.getMaxPartHeaderSize().toBytes());
            return new SmallMultipartForm.Limits(maxBytes, parts, header);
        }
    }

    /** Right after the door (the overload refusal must stay in front of everything that reads the body). */
    static final int ORDER = IntakeAdmission.ORDER + 1;
    /** Tomcat's default limit for url-encoded forms, as {@link OversizedFormFilter}. */
    private static final long MAX_URLENCODED = 2L * 1024 * 1024;
    /** At most this much of a multipart body is held in memory here, whatever the disk threshold. */
    private static final long MAX_SMALL_MULTIPART = 256 * 1024;
    private static final Logger log = LoggerFactory.getLogger(RatingIntakeFirst.class);

    private final RatingIntakeMapping mapping;
    private final RatingIntake intake;
    private final ObjectProvider<SecurityFilterChain> chains;
    private final HttpFirewall firewall;
    private final MessageSource messages;
    private final LocaleResolver locales;
    /** The limits of the multipart forms taken here; null leaves every multipart form to the usual chain. */
    private final SmallMultipartForm.@Nullable Limits multipart;
    /** The security chains in the proxy's order, looked up at the first form (they are made after the filters). */
    private volatile @Nullable List<SecurityFilterChain> ordered;

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        String boundary = null;
        Target target = null;
        if (urlEncodedWithinLimit(request)
                || multipart != null && (boundary = SmallMultipartForm.boundaryOfSmall(request, multipart)) != null) {
            target = mapping.leanTarget(request);
        }
        if (target == null) {
            chain.doFilter(req, res);
            return;
        }
        if (boundary != null) {
            switch (SmallMultipartForm.parse(request, boundary, multipart)) {
                case SmallMultipartForm.Form form -> request = form.request();
                case SmallMultipartForm.TooLarge tooLarge -> {
                    refuse(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "error.tooLarge",
                            "too many parts or part headers too long");
                    return;
                }
                case SmallMultipartForm.Malformed malformed -> {
                    refuse(request, response, HttpServletResponse.SC_BAD_REQUEST, "error.badRequest",
                            "malformed multipart body: " + malformed.why());
                    return;
                }
            }
        }
        // the chains' path matchers read the parsed path, as Spring Security's proxy has it parsed in front of them
        RequestPath previous = (RequestPath) request.getAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
        ServletRequestPathUtils.parseAndCache(request);
        boolean answered;
        try {
            answered = answered(target, request, response);
        } finally {
            ServletRequestPathUtils.setParsedRequestPath(previous, request);
        }
        if (!answered) {
            // anything this path leaves, and a page to render: the usual chain, which ends at the dispatcher (with
            // the parts parsed here: the container can no longer read the body)
            chain.doFilter(request, res);
        }
    }

    /** @return whether the request has its whole answer (a receipt or a refusal), else the usual chain is to run */
    private boolean answered(Target target, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        List<Filter> security = securityFilters(request);
        if (security == null) {
            return false;
        }
        if (refusedParameters(request, response)) {
            return true;
        }
        FirewalledRequest firewalled;
        try {
            firewalled = firewall.getFirewalledRequest(request);
        } catch (RequestRejectedException e) {
            return false;
        }
        try {
            new Rest(security, (rq, rs) -> {
                ModelAndView page = intake.answer(target, (HttpServletRequest) rq, (HttpServletResponse) rs);
                if (page != null) {
                    rq.setAttribute(RatingIntake.PAGE, page);
                }
            }).doFilter(firewalled, firewall.getFirewalledResponse(response));
        } finally {
            firewalled.reset();
            SecurityContextHolder.clearContext();
        }
        return request.getAttribute(RatingIntake.PAGE) == null;
    }

    private static boolean urlEncodedWithinLimit(HttpServletRequest request) {
        String type = request.getContentType();
        long length = request.getContentLengthLong();
        return "POST".equals(request.getMethod()) && type != null
                && type.regionMatches(true, 0, "application/x-www-form-urlencoded", 0, 33)
                && length >= 0 && length <= MAX_URLENCODED;
    }

    /** The filters of the first security chain that takes the request, as Spring Security's proxy picks it. */
    private @Nullable List<Filter> securityFilters(HttpServletRequest request) {
        List<SecurityFilterChain> all = ordered;
        if (all == null) {
            all = chains.orderedStream().toList();
            ordered = all;
        }
        for (SecurityFilterChain c : all) {
            if (c.matches(request)) {
                return c.getFilters();
            }
        }
        return null;
    }

    /** The answers of {@link OversizedFormFilter} and the parameter sanity filter, which this path goes without. */
    private boolean refusedParameters(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, String[]> parameters;
        try {
            parameters = request.getParameterMap();
        } catch (IllegalStateException e) {
            response.sendError(HttpStatus.CONTENT_TOO_LARGE.value());
            return true;
        }
        String problem;
        try {
            problem = ParameterChecks.nulIn(parameters);
        } catch (RuntimeException e) {
            problem = "undecodable parameters";
        }
        if (problem == null) {
            return false;
        }
        refuse(request, response, HttpServletResponse.SC_BAD_REQUEST, "error.badRequest", problem);
        return true;
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, int status, String messageKey,
            String problem) throws IOException {
        log.info("{} for {} {} from {}: {}", status, request.getMethod(), request.getRequestURI(),
                request.getRemoteAddr(), problem);
        PlainErrorPage.write(request, response, messages, locales, status, messageKey);
    }

    /** The security chain's filters in order, then the intake. */
    @RequiredArgsConstructor
    private static final class Rest implements FilterChain {
        private final List<Filter> filters;
        private final FilterChain end;
        private int next;

        @Override
        public void doFilter(ServletRequest request, ServletResponse response) throws IOException, ServletException {
            if (next < filters.size()) {
                filters.get(next++).doFilter(request, response, this);
            } else {
                end.doFilter(request, response);
            }
        }
    }
}
