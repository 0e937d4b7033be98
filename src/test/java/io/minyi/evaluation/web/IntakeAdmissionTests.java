package io.minyi.evaluation.web;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The door in front of the rating form (decision 0042): while the connector's queue has been longer than the limit
 * for a sustained time (250 ms) a submitted form is answered 503 with a retry hint and the "busy" message in the
 * resident's language, without its body being read or anything after the door running; at or below the limit, and for anything but a POST, the
 * request goes on untouched.
 */
class IntakeAdmissionTests {

    private static final long SUSTAINED = 250_000_000L;

    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final IntakeAdmission.Door door = new IntakeAdmission.Door(queued::get, 100, SUSTAINED, clock::get,
            messages(), locales(), new SubmissionTimings(meters));

    /** The queue above the limit long enough to count as overload. */
    private void overloadedFor(int length) throws Exception {
        queued.set(length);
        door.doFilter(post(), new MockHttpServletResponse(), new MockFilterChain());
        clock.addAndGet(SUSTAINED);
    }

    @Test
    void a_queue_over_the_limit_for_a_moment_refuses_nothing_and_within_the_limit_starts_the_count_again()
            throws Exception {
        queued.set(5_000);
        MockFilterChain first = new MockFilterChain();
        door.doFilter(post(), new MockHttpServletResponse(), first);
        assertThat(first.getRequest()).as("the first form over the limit goes on").isNotNull();
        clock.addAndGet(SUSTAINED - 1);
        MockFilterChain soon = new MockFilterChain();
        door.doFilter(post(), new MockHttpServletResponse(), soon);
        assertThat(soon.getRequest()).as("a moment's queue is not overload").isNotNull();

        queued.set(3);
        door.doFilter(post(), new MockHttpServletResponse(), new MockFilterChain());
        queued.set(5_000);
        clock.addAndGet(SUSTAINED);
        MockFilterChain again = new MockFilterChain();
        door.doFilter(post(), new MockHttpServletResponse(), again);
        assertThat(again.getRequest()).as("the queue went back within the limit: the time counts from now")
                .isNotNull();
        assertThat(meters.get("minyi.evaluation.submissions").tag("outcome", "shed").timer().count()).isZero();
    }

    @Test
    void beyond_the_limit_a_submitted_form_is_refused_at_once_in_chinese_and_nothing_after_the_door_runs()
            throws Exception {
        overloadedFor(101);
        MockHttpServletRequest request = post();
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        door.doFilter(request, response, chain);

        assertThat(chain.getRequest()).as("nothing after the door ran").isNull();
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
        assertThat(response.getContentType()).startsWith("text/html");
        assertThat(response.getContentAsString()).contains("系统繁忙", "请稍后在同一页面再次点击提交，不会重复记录");
        assertThat(response.getContentLength()).isEqualTo(response.getContentAsByteArray().length);
        assertThat(meters.get("minyi.evaluation.submissions").tag("outcome", "shed").timer().count()).isEqualTo(1);
    }

    @Test
    void the_refusal_is_in_english_for_a_resident_who_chose_english() throws Exception {
        overloadedFor(5_000);
        MockHttpServletRequest request = post();
        request.setCookies(new Cookie("minyi-lang", "en"));
        MockHttpServletResponse response = new MockHttpServletResponse();

        door.doFilter(request, response, new MockFilterChain());

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentAsString()).contains("lang=\"en\"", "System busy", "it will not be counted twice");
    }

    @Test
    void at_the_limit_and_for_the_rating_page_itself_the_request_goes_on() throws Exception {
        queued.set(100);
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = new MockHttpServletResponse();
        door.doFilter(post(), response, chain);
        assertThat(chain.getRequest()).isNotNull();
        assertThat(response.getStatus()).isEqualTo(200);

        overloadedFor(5_000);
        MockFilterChain page = new MockFilterChain();
        door.doFilter(new MockHttpServletRequest("GET", "/e/ABCDEFGH23"), new MockHttpServletResponse(), page);
        assertThat(page.getRequest()).as("the rating page is not refused").isNotNull();
    }

    private static MockHttpServletRequest post() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/e/ABCDEFGH23");
        request.setContentType("application/x-www-form-urlencoded");
        request.setContent("overall=SATISFIED".getBytes());
        return request;
    }

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("messages/common", "messages/evaluation");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    private static CookieLocaleResolver locales() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("minyi-lang");
        resolver.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
        return resolver;
    }
}
