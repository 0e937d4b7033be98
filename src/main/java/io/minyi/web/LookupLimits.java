package io.minyi.web;

import io.minyi.platform.KeyedBuckets;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

import java.io.IOException;
import java.time.Duration;

/**
 * Token buckets per address (Bucket4j) on the residents' code lookups — the tracking page {@code /t/{code}} and the
 * rating page behind a QR code {@code GET /e/{code}} — and a much smaller one on lookups that found nothing, since
 * guessing codes is what produces those. One client read about 290 pages a second before. Beyond a bucket the
 * answer is 429 with a Chinese message and {@code Retry-After}. Held in memory per node: a brake, not a record.
 */
@Configuration(proxyBeanMethods = false)
class LookupLimits {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> lookupLimit(MessageSource messages, LocaleResolver locales,
            @Value("${minyi.lookups.per-address:120}") int perAddress,
            @Value("${minyi.lookups.per-address-period:1m}") Duration perAddressPeriod,
            @Value("${minyi.lookups.failed-per-address:30}") int failedPerAddress,
            @Value("${minyi.lookups.failed-per-address-period:10m}") Duration failedPeriod) {
        return RefusingFilter.registered(new Filter(messages, locales, new KeyedBuckets(perAddress, perAddressPeriod),
                new KeyedBuckets(failedPerAddress, failedPeriod)), ParameterSanityFilter.ORDER - 1, "/t/*", "/e/*");
    }

    static final class Filter extends RefusingFilter {
        private final KeyedBuckets lookups;
        private final KeyedBuckets failures;

        Filter(MessageSource messages, LocaleResolver locales, KeyedBuckets lookups, KeyedBuckets failures) {
            super(messages, locales);
            this.lookups = lookups;
            this.failures = failures;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            // submitting a rating has its own limits (per address and per phone, evaluation/RateLimits)
            return request.getRequestURI().startsWith("/e/") && !"GET".equals(request.getMethod())
                    && !"HEAD".equals(request.getMethod());
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String address = request.getRemoteAddr();
            if (failures.exhausted(address) || !lookups.tryConsume(address)) {
                response.setHeader("Retry-After", "60");
                refuse(request, response, 429, "error.tooManyLookups");
                return;
            }
            chain.doFilter(request, response);
            if (response.getStatus() == HttpServletResponse.SC_NOT_FOUND
                    || response.getStatus() == HttpServletResponse.SC_GONE) {
                failures.tryConsume(address);
            }
        }
    }
}
