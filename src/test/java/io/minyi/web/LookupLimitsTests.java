package io.minyi.web;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

import java.time.Duration;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The production defaults: 120 lookups a minute and 30 lookups that found nothing per 10 minutes, per address. */
class LookupLimitsTests {

    private final StaticMessageSource messages = new StaticMessageSource();
    private final LookupLimits.Filter filter;

    LookupLimitsTests() {
        messages.addMessage("error.tooManyLookups", Locale.SIMPLIFIED_CHINESE, "查询过于频繁，请一分钟后再试。");
        AcceptHeaderLocaleResolver locales = new AcceptHeaderLocaleResolver();
        locales.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
        filter = new LookupLimits.Filter(messages, locales, new io.minyi.platform.KeyedBuckets(120, Duration.ofMinutes(1)),
                new io.minyi.platform.KeyedBuckets(30, Duration.ofMinutes(10)));
    }

    private int lookup(String method, String path, String address, int statusOfPage) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setRemoteAddr(address);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, (req, res) -> ((MockHttpServletResponse) res).setStatus(statusOfPage));
        if (response.getStatus() == 429) {
            assertThat(response.getContentAsString()).contains("查询过于频繁");
            assertThat(response.getHeader("Retry-After")).isEqualTo("60");
        }
        return response.getStatus();
    }

    @Test
    void a_flood_of_lookups_from_one_address_is_answered_429_and_other_addresses_are_not_affected() throws Exception {
        for (int i = 0; i < 120; i++) {
            assertThat(lookup("GET", "/t/ABCD2345EF", "203.0.113.7", 200)).isEqualTo(200);
        }
        assertThat(lookup("GET", "/e/abcdef", "203.0.113.7", 200)).isEqualTo(429);
        assertThat(lookup("GET", "/t/ABCD2345EF", "203.0.113.8", 200)).isEqualTo(200);
    }

    @Test
    void guessing_codes_is_stopped_after_30_lookups_that_found_nothing_even_for_a_real_code() throws Exception {
        for (int i = 0; i < 30; i++) {
            assertThat(lookup("GET", "/t/GUESS" + i, "198.51.100.9", 404)).isEqualTo(404);
        }
        assertThat(lookup("GET", "/t/REALCODE23", "198.51.100.9", 200)).isEqualTo(429);
        assertThat(lookup("GET", "/e/realcode", "198.51.100.10", 200)).isEqualTo(200);
    }

    @Test
    void submitting_a_rating_is_left_to_the_evaluation_limits() throws Exception {
        for (int i = 0; i < 130; i++) {
            assertThat(lookup("POST", "/e/abcdef", "192.0.2.1", 200)).isEqualTo(200);
        }
    }
}
