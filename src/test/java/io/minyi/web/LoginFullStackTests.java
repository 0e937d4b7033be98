package io.minyi.web;

import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

@FullStackTest
class LoginFullStackTests {

    @LocalServerPort
    int port;

    @Test
    void demo_admin_signs_in_sees_the_console_and_signs_out() {
        StaffClient client = new StaffClient(port);
        HttpResponse<String> login = client.login("admin");
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/"));

        HttpResponse<String> home = client.get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("欢迎，系统管理员");
        assertThat(home.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'none'"));

        HttpResponse<String> logout = client.postForm("/logout", java.util.Map.of());
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(client.get("/").statusCode()).isEqualTo(302);
    }

    @Test
    void a_wrong_password_is_refused_with_a_chinese_message() {
        StaffClient client = new StaffClient(port);
        HttpResponse<String> login = client.login("dispatcher", "wrong-password");
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/login?error=bad"));
        assertThat(client.get("/login?error=bad").body()).contains("用户名或密码错误");
    }

    @Test
    void five_wrong_passwords_lock_the_account_even_against_the_right_one() {
        StaffClient client = new StaffClient(port);
        for (int i = 0; i < 5; i++) {
            client.login("discipline", "wrong-" + i);
        }
        HttpResponse<String> locked = client.login("discipline");
        assertThat(locked.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("error=locked"));
        assertThat(client.get("/login?error=locked").body()).contains("账户已锁定");
    }

    @Test
    void a_post_without_csrf_token_is_refused() throws Exception {
        StaffClient client = new StaffClient(port);
        client.login("leader");
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(client.baseUrl() + "/logout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("x=1")).build();
        assertThat(client.send(request).statusCode()).isEqualTo(403);
    }
}
