package io.minyi.evaluation.web;

import io.minyi.support.FullStackTest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
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
 * The rating form answered right after the door (decision 0061), url-encoded or as a phone's small multipart form
 * (decision 0065): a receipt without the rest of the filter chain, yet with the rating chain's own CSRF check and
 * security headers; a refusal of that check or of the parameter sanity check without the chain; a page to render (the
 * form with its problems) handed to the usual chain — a multipart one with the parts parsed here, since the container
 * can no longer read its body; a multipart body that does not parse or is past the connector's part limits refused as
 * the usual chain refuses it.
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

    private static final String BOUNDARY = "----phoneBoundary7MA4YWxk";

    /** The form as a phone's browser sends it with no photo chosen: the fields, then an empty file part. */
    private static MockHttpServletRequest multipartPost(Page page, Map<String, String> fields, String address) {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(part(k, v)));
        body.append("--").append(BOUNDARY).append("\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"\"\r\n")
                .append("Content-Type: application/octet-stream\r\n\r\n\r\n--").append(BOUNDARY).append("--\r\n");
        return multipartPost(page, body.toString(), address);
    }

    private static MockHttpServletRequest multipartPost(Page page, String body, String address) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/e/" + page.code());
        request.setContentType("multipart/form-data; boundary=" + BOUNDARY);
        request.setCharacterEncoding("UTF-8");
        request.setRemoteAddr(address);
        request.setCookies(page.cookie());
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        return request;
    }

    private static String part(String name, String value) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    private static MockHttpServletRequest post(Page page, Map<String, String> fields, String address, boolean multipart) {
        return multipart ? multipartPost(page, fields, address) : post(page, fields, address);
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
        final AtomicReference<jakarta.servlet.ServletRequest> request = new AtomicReference<>();
        int calls;

        @Override
        public void doFilter(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response) {
            calls++;
            this.request.set(request);
            page.set(request.getAttribute(RatingIntake.PAGE));
        }
    }

    @Test
    void a_form_gets_its_receipt_and_the_rating_chains_headers_without_the_rest_of_the_chain_and_a_retry_the_same()
            throws Exception {
        for (boolean multipart : new boolean[]{false, true}) {
            Page page = page(multipart ? 5 : 0);
            Map<String, String> form = form(page, "SATISFIED");
            form.put("comment", "窗口服务热情 <b>好</b> & 快");
            String receipt = null;
            for (int attempt = 0; attempt < 2; attempt++) {
                MockHttpServletResponse response = new MockHttpServletResponse();
                Recorded rest = new Recorded();
                first.getFilter().doFilter(post(page, form, "127.0.0.81", multipart), response, rest);

                assertThat(rest.calls).as("nothing after the door ran, multipart=" + multipart).isZero();
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
            assertThat(jdbc.sql("SELECT comment FROM evaluation WHERE idempotency_key = ?::uuid").param(page.key())
                    .query(String.class).single()).as("decoded as the page's UTF-8").isEqualTo(form.get("comment"));
        }
    }

    @Test
    void a_forged_token_is_refused_by_the_rating_chains_csrf_check_and_nothing_is_stored() throws Exception {
        for (boolean multipart : new boolean[]{false, true}) {
            refusedWithoutTheChain(multipart ? 6 : 1, "_csrf", "forged", multipart, 403);
        }
    }

    @Test
    void a_nul_in_a_parameter_is_refused_with_400_as_the_sanity_filter_does() throws Exception {
        for (boolean multipart : new boolean[]{false, true}) {
            assertThat(refusedWithoutTheChain(multipart ? 7 : 2, "comment", "a\0b", multipart, 400)
                    .getContentAsString(StandardCharsets.UTF_8)).contains("出错了");
        }
    }

    /** A form with one field set to {@code value}: answered {@code status}, no later filter run, nothing stored. */
    private MockHttpServletResponse refusedWithoutTheChain(int n, String field, String value, boolean multipart,
            int status) throws Exception {
        Page page = page(n);
        Map<String, String> form = form(page, "SATISFIED");
        form.put(field, value);
        MockHttpServletResponse response = new MockHttpServletResponse();
        Recorded rest = new Recorded();
        first.getFilter().doFilter(post(page, form, "127.0.0.8" + n, multipart), response, rest);

        assertThat(response.getStatus()).as(field + " multipart=" + multipart).isEqualTo(status);
        assertThat(rest.calls).isZero();
        assertThat(rows(page.key())).isZero();
        return response;
    }

    @Test
    void a_form_with_problems_is_decided_once_and_left_to_the_usual_chain_to_render() throws Exception {
        for (boolean multipart : new boolean[]{false, true}) {
            Page page = page(multipart ? 8 : 3);
            MockHttpServletResponse response = new MockHttpServletResponse();
            Recorded rest = new Recorded();
            first.getFilter().doFilter(post(page, form(page, null), "127.0.0.84", multipart), response, rest);

            assertThat(rest.calls).isOne();
            assertThat(rest.page.get()).as("the page the dispatcher renders").isNotNull();
            assertThat(rest.request.get().getParameter("key")).as("the fields go on with it").isEqualTo(page.key());
            if (multipart) {
                assertThat(((HttpServletRequest) rest.request.get()).getParts()).as("every part, as the container's")
                        .hasSize(4).filteredOn(p -> p.getSubmittedFileName() != null).singleElement().satisfies(photo -> {
                    assertThat(photo.getName()).isEqualTo("photo");
                    assertThat(photo.getSubmittedFileName()).as("no photo chosen: still a file part").isEmpty();
                    assertThat(photo.getSize()).isZero();
                });
            }
            assertThat(rows(page.key())).isZero();
        }
    }

    @Test
    void a_multipart_body_that_does_not_parse_or_is_past_the_part_limits_is_refused_as_the_usual_chain_refuses_it()
            throws Exception {
        Page page = page(9);
        String fields = part("_csrf", page.csrf()) + part("key", page.key()) + part("overall", "SATISFIED");
        Map<String, Integer> bodies = new LinkedHashMap<>();
        bodies.put(fields + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\nabc", 400);
        bodies.put(fields, 400); // no closing boundary
        bodies.put((fields + "--" + BOUNDARY + "--\r\n").replace("\r\n", "\n"), 400); // bare line feeds
        bodies.put("hello", 400);
        bodies.put(fields + part("x", "1").repeat(48) + "--" + BOUNDARY + "--\r\n", 413); // 51 parts, 50 allowed
        bodies.put(fields + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\""
                + "a".repeat(600) + ".jpg\"\r\n\r\n\r\n--" + BOUNDARY + "--\r\n", 413); // part headers past 512 bytes
        for (var body : bodies.entrySet()) {
            MockHttpServletResponse response = new MockHttpServletResponse();
            Recorded rest = new Recorded();
            first.getFilter().doFilter(multipartPost(page, body.getKey(), "127.0.0.86"), response, rest);

            assertThat(response.getStatus()).as(body.getKey()).isEqualTo(body.getValue());
            assertThat(response.getContentAsString(StandardCharsets.UTF_8)).contains("出错了");
            assertThat(rest.calls).isZero();
        }
        assertThat(rows(page.key())).isZero();

        MockHttpServletResponse fifty = new MockHttpServletResponse();
        first.getFilter().doFilter(multipartPost(page, fields + part("x", "1").repeat(47) + "--" + BOUNDARY + "--\r\n",
                "127.0.0.86"), fifty, new Recorded());
        assertThat(fifty.getStatus()).as("50 parts are allowed").isEqualTo(200);
        assertThat(rows(page.key())).isOne();
    }

    @Test
    void large_or_unmeasured_multipart_forms_and_other_requests_take_the_usual_chain() throws Exception {
        Page page = page(4);
        Map<String, String> large = form(page, "SATISFIED");
        large.put("comment", "x".repeat(300 * 1024)); // past the size at which the container keeps parts on disk
        MockHttpServletRequest unmeasured = multipartPost(page, form(page, "SATISFIED"), "127.0.0.85");
        unmeasured.addHeader("Content-Length", "-1"); // chunked: no known length
        unmeasured.setContent(null);
        MockHttpServletRequest noBoundary = multipartPost(page, form(page, "SATISFIED"), "127.0.0.85");
        noBoundary.setContentType("multipart/form-data");
        for (MockHttpServletRequest other : List.of(new MockHttpServletRequest("GET", "/e/" + page.code()),
                multipartPost(page, large, "127.0.0.85"), unmeasured, noBoundary)) {
            Recorded rest = new Recorded();
            first.getFilter().doFilter(other, new MockHttpServletResponse(), rest);
            assertThat(rest.calls).as(other.getContentType() + " " + other.getContentLengthLong()).isOne();
            assertThat(rest.page.get()).isNull();
            assertThat(rest.request.get()).as("left untouched").isSameAs(other);
        }
        assertThat(rows(page.key())).isZero();
    }
}
