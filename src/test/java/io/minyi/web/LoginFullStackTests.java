package io.minyi.web;

import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@FullStackTest
class LoginFullStackTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

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
        StaffClient client = new StaffClient(port, "127.0.0.20");
        HttpResponse<String> login = client.login("dispatcher", "wrong-password");
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/login?error=bad"));
        assertThat(client.get("/login?error=bad").body()).contains("用户名或密码错误");
    }

    @Test
    void failures_slow_down_the_guessing_address_but_do_not_lock_the_account_for_everyone() {
        StaffClient guesser = new StaffClient(port, "127.0.0.21");
        for (int i = 0; i < 5; i++) {
            guesser.login("discipline", "wrong-" + i);
        }
        // the guesser now waits, even with the right password: guessing faster gains nothing
        HttpResponse<String> again = guesser.login("discipline");
        assertThat(again.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("error=wait"));
        assertThat(guesser.get("/login?error=wait").body()).contains("请稍后再试");
        // the owner, from elsewhere, signs in at once (the old rule locked the account for everyone for 15 minutes)
        HttpResponse<String> owner = new StaffClient(port, "127.0.0.22").login("discipline");
        assertThat(owner.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
        // and the delays grow with each further failure
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            jdbc.update("UPDATE login_throttle SET next_allowed = now() WHERE key = 'ua:discipline@127.0.0.21'");
            guesser.login("discipline", "wrong-again-" + i);
            waits.add(jdbc.queryForObject("""
                    SELECT extract(epoch FROM next_allowed - last_failure)::bigint FROM login_throttle
                    WHERE key = 'ua:discipline@127.0.0.21'""", Long.class));
        }
        assertThat(waits.get(1)).isGreaterThan(waits.get(0)).isGreaterThanOrEqualTo(30);
    }

    @Test
    void unknown_disabled_locked_and_wrong_password_attempts_get_the_same_answer_in_similar_time() {
        copyAccount("handler", "logintest-off", "active = false");
        copyAccount("handler", "logintest-lock", "locked_until = now() + interval '1 day'");
        Map<String, String[]> attempts = new LinkedHashMap<>();
        attempts.put("wrong password", new String[]{"handler", "not-the-password"});
        attempts.put("unknown name", new String[]{"logintest-nobody", "not-the-password"});
        attempts.put("disabled, wrong password", new String[]{"logintest-off", "not-the-password"});
        attempts.put("disabled, right password", new String[]{"logintest-off", StaffClient.DEMO_PASSWORD});
        attempts.put("locked, right password", new String[]{"logintest-lock", StaffClient.DEMO_PASSWORD});
        // The kinds take turns, round after round, so that a busy moment of the machine falls on all of them alike; each
        // kind's fastest answer is compared with the middle kind's, not with one kind's, which may have been slowed.
        Map<String, StaffClient> clients = new LinkedHashMap<>();
        int address = 30;
        for (String kind : attempts.keySet()) {
            StaffClient c = new StaffClient(port, "127.0.0." + address++);
            c.get("/login");
            clients.put(kind, c);
        }
        Map<String, Long> fastest = new LinkedHashMap<>();
        for (int round = 0; round < 4; round++) {
            for (var e : attempts.entrySet()) {
                long start = System.nanoTime();
                HttpResponse<String> res = clients.get(e.getKey()).postForm("/login",
                        Map.of("username", e.getValue()[0], "password", e.getValue()[1]));
                fastest.merge(e.getKey(), System.nanoTime() - start, Math::min);
                assertThat(res.statusCode()).as(e.getKey()).isEqualTo(302);
                assertThat(res.headers().firstValue("Location").orElseThrow()).as(e.getKey())
                        .endsWith("/login?error=bad");
            }
        }
        long middle = fastest.values().stream().sorted().toList().get(fastest.size() / 2);
        // every kind checks a password hash: none answers in a fraction of the time (which would tell them apart)
        fastest.forEach((kind, nanos) -> assertThat(nanos).as(kind + " vs the middle kind " + fastest)
                .isGreaterThan(middle / 3));
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

    private void copyAccount(String from, String username, String set) {
        jdbc.update("""
                INSERT INTO staff_account (username, display_name, password_hash, roles, unit_id, jurisdiction_id)
                SELECT ?, display_name, password_hash, roles, unit_id, jurisdiction_id FROM staff_account
                WHERE username = ? ON CONFLICT (username) DO NOTHING""", username, from);
        jdbc.update("UPDATE staff_account SET " + set + " WHERE username = ?", username);
    }
}
