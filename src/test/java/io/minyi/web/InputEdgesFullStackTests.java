package io.minyi.web;

import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Odd but harmless input from the probe of issue 18: a clear 400, never a 500 or a 409, and no log flood. */
@FullStackTest
@ExtendWith(OutputCaptureExtension.class)
class InputEdgesFullStackTests {

    @LocalServerPort
    int port;

    @Test
    void leaders_and_discipline_inspectors_not_linked_to_an_officer_open_the_officer_list() {
        for (String user : new String[]{"leader", "discipline"}) {
            StaffClient c = new StaffClient(port);
            assertThat(c.login(user).statusCode()).isEqualTo(302);
            HttpResponse<String> res = c.get("/evaluations/officers");
            assertThat(res.statusCode()).as(user).isEqualTo(200);
            assertThat(c.get("/evaluations/officers?q=%E5%BC%A0").statusCode()).as(user).isEqualTo(200);
        }
    }

    @Test
    void bulk_ids_with_an_empty_item_or_a_nul_byte_are_a_400_with_a_message() {
        StaffClient d = new StaffClient(port);
        d.login("dispatcher1");
        for (String ids : new String[]{"1,,2", "%00", "1%002"}) {
            HttpResponse<String> res = postRaw(d, "/pool/bulk", "action=accept&ids=" + ids);
            assertThat(res.statusCode()).as(ids).isEqualTo(400);
            assertThat(res.body()).as(ids).contains("请求");
        }
    }

    @Test
    void other_id_lists_with_an_empty_item_are_a_400_or_skip_it_never_a_500() {
        StaffClient d = new StaffClient(port);
        d.login("dispatcher1");
        HttpResponse<String> assist = postRaw(d, "/cases/1/assist", "unitIds=1,,2");
        assertThat(assist.statusCode()).isEqualTo(400);
        assertThat(assist.body()).contains("请求");
        StaffClient supervisor = new StaffClient(port);
        supervisor.login("supervisor");
        assertThat(supervisor.get("/surveys/compare?ids=1,,2").statusCode()).isIn(200, 404);
        assertThat(supervisor.get("/surveys/compare?ids=,").statusCode()).isEqualTo(200);
    }

    /** A form body as written, not encoded again (an empty item, a NUL byte), with the session's CSRF token. */
    private static HttpResponse<String> postRaw(StaffClient c, String path, String body) {
        c.get("/pool");
        return c.send(HttpRequest.newBuilder(URI.create(c.baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + c.csrfToken() + "&" + body)).build());
    }

    @Test
    void a_nul_byte_in_a_search_is_a_400_not_a_409() {
        StaffClient d = new StaffClient(port);
        d.login("dispatcher1");
        HttpResponse<String> res = d.get("/pool?q=abc%00def");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body()).contains("请求");
        StaffClient admin = new StaffClient(port);
        admin.login("admin");
        assertThat(admin.get("/admin/officers?q=%00").statusCode()).isEqualTo(400);
    }

    @Test
    void invalid_utf8_in_a_parameter_is_a_400_with_one_log_line_and_no_stack_trace(CapturedOutput output) {
        StaffClient d = new StaffClient(port);
        d.login("dispatcher1");
        int before = output.getAll().length();
        HttpResponse<String> get = d.get("/pool?q=%C3%28%FF%FE");
        d.get("/pool");
        String csrf = d.csrfToken();
        byte[] body = ("_csrf=" + csrf + "&action=accept&reason=\u00ff\u00fe&ids=1").getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> post = d.send(HttpRequest.newBuilder(URI.create(d.baseUrl() + "/pool/bulk"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf + "&action=accept&reason=%C3%28&ids=1")).build());
        HttpResponse<String> anonymous = new StaffClient(port).get("/t/%FF%FE");
        assertThat(get.statusCode()).isEqualTo(400);
        assertThat(get.body()).contains("请求");
        assertThat(post.statusCode()).isEqualTo(400);
        assertThat(anonymous.statusCode()).isIn(400, 404);
        String log = output.getAll().substring(before);
        assertThat(log).doesNotContain("\tat ").doesNotContain("Exception:");
        assertThat(log.lines().filter(l -> l.contains("/pool")).count()).isLessThanOrEqualTo(2);
    }
}
