package io.minyi.evaluation.web;

import io.minyi.platform.PlainErrorPage;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import lombok.RequiredArgsConstructor;
import org.apache.coyote.ProtocolHandler;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * A node offered more rating forms than it can take answers the excess at once — 503 with {@code Retry-After} and
 * the "busy, press submit again" message — instead of letting every form wait in the connector's queue until all of
 * them time out (issue 14, decision 0042: an open loop beyond capacity served a third of its load with p99 12.9 s).
 * <p>
 * The measure of overload is the connector's own queue: sockets with a request that wait for a worker thread because
 * every thread is busy. Its length, divided by the node's rate, is the time the next form will wait before any of our
 * code sees it; beyond {@code minyi.evaluation.admission.max-queued} (default 100, a few tens of milliseconds at the
 * rates a warm node takes) held for {@code minyi.evaluation.admission.sustained} (250 ms), a submitted form is refused
 * before its body is read, so the refusal costs little and the queue drains. A queue that passes the limit only for a
 * moment (a pause of the collector, a slow flush of the disk: the quiet run of 2026-11-30 refused 167 of 54,000 forms
 * offered at 3,600/s, where the node without the door answered every one with p99 18 ms) is not overload. Nothing is stored for a refused form; the form's idempotency key makes the resident's retry safe.
 * Other requests (the rating page, tracking, staff pages) are not refused here.
 */
@Configuration(proxyBeanMethods = false)
class IntakeAdmission {

    /** After the character encoding, the timing filter, the redirect guard and HSTS; before anything reads the body. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 12;

    @Bean
    ConnectorQueue connectorQueue() {
        return new ConnectorQueue();
    }

    /** Gives {@link ConnectorQueue} the connector whose executor it reads. */
    @Bean
    TomcatProtocolHandlerCustomizer<ProtocolHandler> connectorQueueAttached(ConnectorQueue queue) {
        return queue::attach;
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> intakeDoor(ConnectorQueue queue, MessageSource messages,
            LocaleResolver locales, SubmissionTimings timings,
            @Value("${minyi.evaluation.admission.max-queued:100}") int maxQueued,
            @Value("${minyi.evaluation.admission.sustained:250ms}") Duration sustained) {
        FilterRegistrationBean<OncePerRequestFilter> bean = new FilterRegistrationBean<>(
                new Door(queue, maxQueued, sustained.toNanos(), System::nanoTime, messages, locales, timings));
        bean.setOrder(ORDER);
        bean.addUrlPatterns("/e/*");
        return bean;
    }

    /** The number of requests waiting for a worker thread of the HTTP connector (0 before it has started). */
    static final class ConnectorQueue implements IntSupplier {
        private volatile @Nullable ProtocolHandler handler;

        void attach(ProtocolHandler handler) {
            this.handler = handler;
        }

        @Override
        public int getAsInt() {
            ProtocolHandler h = handler;
            Executor executor = h == null ? null : h.getExecutor();
            if (executor instanceof org.apache.tomcat.util.threads.ThreadPoolExecutor tomcat) {
                return tomcat.getQueue().size();
            }
            if (executor instanceof java.util.concurrent.ThreadPoolExecutor jdk) {
                return jdk.getQueue().size();
            }
            return 0;
        }

        boolean attached() {
            ProtocolHandler h = handler;
            return h != null && (h.getExecutor() instanceof org.apache.tomcat.util.threads.ThreadPoolExecutor
                    || h.getExecutor() instanceof java.util.concurrent.ThreadPoolExecutor);
        }
    }

    /** Refuses a submitted form while the connector's queue has been longer than the limit for the sustained time. */
    @RequiredArgsConstructor
    static final class Door extends OncePerRequestFilter {
        private static final long NOT_OVER = Long.MIN_VALUE;

        private final IntSupplier queued;
        private final int maxQueued;
        private final long sustainedNanos;
        private final LongSupplier nanoClock;
        private final MessageSource messages;
        private final LocaleResolver locales;
        private final SubmissionTimings timings;
        /** When the queue was last seen passing the limit after being within it; racy on purpose, any reader's
         * moment will do. */
        private volatile long overSince = NOT_OVER;

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !"POST".equals(request.getMethod());
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (!overloaded()) {
                chain.doFilter(request, response);
                return;
            }
            long start = System.nanoTime();
            response.setHeader("Retry-After", "5");
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("X-Content-Type-Options", "nosniff");
            PlainErrorPage.write(request, response, messages, locales, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    "error.unavailable.title", "evaluation.busy");
            timings.record(SubmissionTimings.Outcome.SHED, start);
        }

        private boolean overloaded() {
            if (queued.getAsInt() <= maxQueued) {
                if (overSince != NOT_OVER) {
                    // written only on the way back: every form writing it would contend for its cache line
                    overSince = NOT_OVER;
                }
                return false;
            }
            long now = nanoClock.getAsLong();
            long since = overSince;
            if (since == NOT_OVER) {
                overSince = now;
                since = now;
            }
            return now - since >= sustainedNanos;
        }
    }
}
