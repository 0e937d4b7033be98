package io.minyi.web;

import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Static files run through a chain of their own (issue 14): headers yes, session and CSRF machinery no. */
@FullStackTest
class StaticAssetsFullStackTests {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_stylesheet_carries_the_security_headers_and_a_cache_lifetime_but_sets_no_cookie() throws Exception {
        HttpResponse<String> css = get("/css/app.css", null);
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.body()).isNotBlank();
        assertThat(css.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'none'"));
        assertThat(css.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(css.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(css.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("max-age=604800"));
        assertThat(css.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void a_static_file_neither_needs_nor_touches_a_staff_session_and_staff_pages_still_do() throws Exception {
        StaffClient staff = new StaffClient(port);
        staff.login("admin");
        assertThat(staff.get("/").statusCode()).isEqualTo(200);
        HttpResponse<String> css = staff.get("/css/app.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(staff.get("/").body()).contains("欢迎");

        HttpResponse<String> anonymous = get("/", null);
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void a_post_to_a_static_path_changes_nothing_and_is_refused() throws Exception {
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/css/app.css"))
                .POST(HttpRequest.BodyPublishers.ofString("x=1"))
                .header("Content-Type", "application/x-www-form-urlencoded").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isBetween(400, 499);
    }
}
