package io.minyi.web;

import io.minyi.support.FullStackTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Redirects never reflect the Host header; the prod profile ships what a TLS proxy deployment needs. */
@FullStackTest
class PublicAddressTests {

    @LocalServerPort
    int port;

    @Test
    void a_forged_host_header_never_comes_back_in_a_redirect() throws Exception {
        for (String path : List.of("/", "/pool", "/admin/staff", "/cases/1")) {
            List<String> head = rawGet(path, "evil.example");
            String location = head.stream().filter(h -> h.regionMatches(true, 0, "Location:", 0, 9)).findFirst()
                    .orElseThrow(() -> new AssertionError("no redirect for " + path + ": " + head));
            assertThat(location).as(path).doesNotContainIgnoringCase("evil.example").contains("/login");
        }
    }

    @Test
    void redirects_use_the_configured_public_base_url_whatever_the_host_header() throws Exception {
        PublicRedirects redirects = new PublicRedirects("https://minyi.example.gov.cn/");
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/pool");
        request.setServerName("evil.example");
        MockHttpServletResponse response = new MockHttpServletResponse();
        redirects.doFilter(request, response, new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void service(jakarta.servlet.http.HttpServletRequest req,
                                   jakarta.servlet.http.HttpServletResponse res) throws java.io.IOException {
                res.sendRedirect("http://evil.example:8080/login?x=1");
            }
        }));
        assertThat(response.getRedirectedUrl()).isEqualTo("https://minyi.example.gov.cn/login?x=1");
        assertThat(redirects.rewrite(request, "/t/ABC")).isEqualTo("https://minyi.example.gov.cn/t/ABC");
        assertThat(redirects.rewrite(request, "https://other.example/x")).isEqualTo("https://other.example/x");
        assertThat(new PublicRedirects("").rewrite(request, "http://evil.example/login")).isEqualTo("/login");
    }

    @Test
    void the_prod_profile_trusts_the_proxy_and_sends_secure_cookies_and_hsts() throws Exception {
        Properties prod = new Properties();
        try (var in = getClass().getResourceAsStream("/application-prod.properties")) {
            prod.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        assertThat(prod.getProperty("server.forward-headers-strategy")).isEqualTo("native");
        assertThat(prod.getProperty("server.servlet.session.cookie.secure")).isEqualTo("true");
        assertThat(prod.getProperty("minyi.public-base-url")).isEqualTo("${MINYI_PUBLIC_BASE_URL}");
        assertThat(prod.getProperty("minyi.security.hsts")).isEqualTo("true");
        StrictTransportSecurity hsts = new StrictTransportSecurity(true, Duration.parse("PT8760H"));
        MockHttpServletResponse response = new MockHttpServletResponse();
        hsts.doFilter(new MockHttpServletRequest("GET", "/"), response, new MockFilterChain());
        assertThat(response.getHeader(StrictTransportSecurity.HEADER)).startsWith("max-age=31536000")
                .contains("includeSubDomains");
    }

    /** A raw request: the JDK HTTP client does not let a test set its own Host header. */
    private List<String> rawGet(String path, String host) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            List<String> head = new ArrayList<>();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                head.add(line);
            }
            return head;
        }
    }
}
