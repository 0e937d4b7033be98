package io.minyi.web;

import jakarta.servlet.http.HttpServletRequestWrapper;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The request context filter sets the same holders as Spring's, but reads the request's locale (Tomcat parses the
 * {@code Accept-Language} header with regular expressions for it) only when something asks (issue 14).
 */
class LazyLocaleRequestContextFilterTests {

    private final LazyLocaleRequestContextFilter filter = new LazyLocaleRequestContextFilter();

    /** A request that counts how often its locale is read. */
    private static final class Counting extends HttpServletRequestWrapper {
        final AtomicInteger reads = new AtomicInteger();

        Counting(MockHttpServletRequest request) {
            super(request);
        }

        @Override
        public Locale getLocale() {
            reads.incrementAndGet();
            return super.getLocale();
        }
    }

    private static Counting request() {
        MockHttpServletRequest mock = new MockHttpServletRequest("POST", "/e/abc");
        mock.addHeader("Accept-Language", "en-US,en;q=0.9,zh-CN;q=0.8");
        return new Counting(mock);
    }

    @Test
    void a_request_nobody_asks_the_locale_of_never_reads_it_but_has_its_request_attributes() throws Exception {
        Counting request = request();
        AtomicReference<Object> seen = new AtomicReference<>();
        filter.doFilter(request, new MockHttpServletResponse(),
                (rq, rs) -> seen.set(((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest()));
        assertThat(seen.get()).isSameAs(request);
        assertThat(request.reads).hasValue(0);
    }

    @Test
    void whoever_asks_gets_the_accept_language_locale_as_with_springs_filter() throws Exception {
        Counting request = request();
        AtomicReference<Locale> seen = new AtomicReference<>();
        filter.doFilter(request, new MockHttpServletResponse(), (rq, rs) -> seen.set(LocaleContextHolder.getLocale()));
        assertThat(seen.get()).isEqualTo(Locale.US);
        assertThat(request.reads).hasValue(1);
    }

    @Test
    void the_holders_are_reset_after_the_request_even_when_it_fails() {
        Locale before = LocaleContextHolder.getLocale();
        assertThatThrownBy(() -> filter.doFilter(request(), new MockHttpServletResponse(), (rq, rs) -> {
            throw new IllegalStateException("the chain failed");
        })).as("the chain's failure goes on to the caller").hasMessage("the chain failed");
        assertThat(RequestContextHolder.getRequestAttributes()).isNull();
        assertThat(LocaleContextHolder.getLocaleContext()).isNull();
        assertThat(LocaleContextHolder.getLocale()).isEqualTo(before);
    }
}
