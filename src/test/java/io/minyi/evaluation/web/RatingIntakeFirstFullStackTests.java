package io.minyi.evaluation.web;

import io.minyi.support.FullStackTest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The url-encoded rating form answered right after the door (decision 0061): a receipt without the rest of the
 * filter chain, yet with the rating chain's own CSRF check and security headers; a refusal of that check or of the
 * parameter sanity check without the chain; a page to render (the form with its problems) handed to the usual chain.
 */
@FullStackTest
class RatingIntakeFirstFullStackTests {

    private static final Pattern KEY = Pattern.compile("name=\"key\" value=\"([^\"]+)\"");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    FilterRegistrationBean<RatingIntakeFirst> first;

    /** A form page fetched over HTTP: its code, key, CSRF token and the CSRF cookie it set. */
    private record Page(String code, String key, String csrf, Cookie cookie) {
    }

    private Page page(int n) throws Exception {
        String code = jdbc.sql("""
                SELECT code FROM evaluation_target WHERE active AND officer_id IS NOT NULL
                ORDER BY officer_id DESC OFFSET ? LIMIT 1""").param(70 + n).query(String.class).single();
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/e/" + code)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        String cookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("XSRF-TOKEN="))
                .findFirst().orElseThrow();
        String value = cookie.substring("XSRF-TOKEN=".length(), cookie.indexOf(';'));
        return new Page(code, group(KEY, page.body()), group(CSRF, page.body()), new Cookie("XSRF-TOKEN", value));
    }

    private static String group(Pattern p, String body) {
        Matcher m = p.matcher(body);
        assertThat(m.find()).as(p + " in the page").isTrue();
        return m.group(1);
    }

    private static MockHttpServletRequest post(Page page, Map<String, String> fields, String address) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/e/" + page.code());
        request.setContentType("application/x-www-form-urlencoded");
        request.setRemoteAddr(address);
        request.setCookies(page.cookie());
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> {
            request.addParameter(k, v);
            body.append(body.isEmpty() ? "" : "&").append(k).append('=').append(v);
        });
        request.setContent(body.toString().getBytes(StandardCharsets.UTF_8));
        return request;
    }

    private static Map<String, String> form(Page page, String overall) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("_csrf", page.csrf());
        f.put("key", page.key());
        if (overall != null) {
            f.put("overall", overall);
        }
        f.put("r_lawful", "SATISFIED");
        return f;
    }

    private long rows(String key) {
        return jdbc.sql("SELECT count(*) FROM evaluation WHERE idempotency_key = ?::uuid").param(key)
                .query(Long.class).single();
    }

    private static final class Recorded implements FilterChain {
        final AtomicReference<Object> page = new AtomicReference<>();
        int calls;

        @Override
        public void doFilter(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response) {
            calls++;
            page.set(request.getAttribute(RatingIntake.PAGE));
        }
    }

    @Test
    void a_form_gets_its_receipt_and_the_rating_chains_headers_without_the_rest_of_the_chain_and_a_retry_the_same()
            throws Exception {
        Page page = page(0);
        String receipt = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            MockHttpServletResponse response = new MockHttpServletResponse();
            Recorded rest = new Recorded();
            first.getFilter().doFilter(post(page, form(page, "SATISFIED"), "127.0.0.81"), response, rest);

            assertThat(rest.calls).as("nothing after the door ran").isZero();
            assertThat(response.getStatus()).isEqualTo(200);
            String body = response.getContentAsString(StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("id=\"tracking-code\">([A-Z0-9-]+)<").matcher(body);
            assertThat(m.find()).as("a receipt: " + body).isTrue();
            if (receipt != null) {
                assertThat(m.group(1)).as("a retry is answered with the first receipt").isEqualTo(receipt);
            }
            receipt = m.group(1);
            assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
            assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.getHeader("Content-Security-Policy")).contains("frame-ancestors 'none'");
            assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
        }
        assertThat(rows(page.key())).isOne();
    }

    @Test
    void a_forged_token_is_refused_by_the_rating_chains_csrf_check_and_nothing_is_stored() throws Exception {
        Page page = page(1);
        Map<String, String> forged = form(page, "SATISFIED");
        forged.put("_csrf", "forged");
        MockHttpServletResponse response = new MockHttpServletResponse();
        Recorded rest = new Recorded();
        first.getFilter().doFilter(post(page, forged, "127.0.0.82"), response, rest);

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(rest.calls).isZero();
        assertThat(rows(page.key())).isZero();
    }

    @Test
    void a_nul_in_a_parameter_is_refused_with_400_as_the_sanity_filter_does() throws Exception {
        Page page = page(2);
        Map<String, String> nul = form(page, "SATISFIED");
        nul.put("comment", "a\0b");
        MockHttpServletResponse response = new MockHttpServletResponse();
        Recorded rest = new Recorded();
        first.getFilter().doFilter(post(page, nul, "127.0.0.83"), response, rest);

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(rest.calls).isZero();
        assertThat(rows(page.key())).isZero();
    }

    @Test
    void a_form_with_problems_is_decided_once_and_left_to_the_usual_chain_to_render() throws Exception {
        Page page = page(3);
        MockHttpServletResponse response = new MockHttpServletResponse();
        Recorded rest = new Recorded();
        first.getFilter().doFilter(post(page, form(page, null), "127.0.0.84"), response, rest);

        assertThat(rest.calls).isOne();
        assertThat(rest.page.get()).as("the page the dispatcher renders").isNotNull();
        assertThat(rows(page.key())).isZero();
    }

    @Test
    void multipart_forms_and_other_requests_take_the_usual_chain() throws Exception {
        Page page = page(4);
        for (MockHttpServletRequest other : List.of(new MockHttpServletRequest("GET", "/e/" + page.code()),
                multipart(post(page, form(page, "SATISFIED"), "127.0.0.85")))) {
            Recorded rest = new Recorded();
            first.getFilter().doFilter(other, new MockHttpServletResponse(), rest);
            assertThat(rest.calls).isOne();
            assertThat(rest.page.get()).isNull();
        }
        assertThat(rows(page.key())).isZero();
    }

    private static MockHttpServletRequest multipart(MockHttpServletRequest request) {
        request.setContentType("multipart/form-data; boundary=x");
        return request;
    }
}
