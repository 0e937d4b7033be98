package io.minyi.web;

import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A NUL character in a multipart form's field is refused with 400 and our page, as in a url-encoded form: the rating
 * form sent as a phone sends it (multipart) answered 500, since only url-encoded parameters were checked and
 * PostgreSQL refuses NUL in text. Small and large bodies alike, and nothing is stored.
 */
@FullStackTest
class MultipartNulFullStackTests {

    private static final Pattern KEY = Pattern.compile("name=\"key\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void a_nul_in_a_multipart_rating_form_is_a_400_with_our_page_and_nothing_is_stored() {
        String code = jdbc.sql("SELECT code FROM evaluation_target WHERE active ORDER BY id OFFSET 200 LIMIT 1")
                .query(String.class).single();
        for (int padding : new int[]{0, 70_000}) {
            StaffClient resident = new StaffClient(port, padding == 0 ? "127.0.0.201" : "127.0.0.202");
            Matcher m = KEY.matcher(resident.get("/e/" + code).body());
            assertThat(m.find()).isTrue();
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("key", m.group(1));
            fields.put("overall", "SATISFIED");
            fields.put("comment", "窗口\u0000服务");
            if (padding > 0) {
                fields.put("padding", "x".repeat(padding));
            }
            HttpResponse<String> answer = resident.postMultipart("/e/" + code, fields, "photo", "",
                    "application/octet-stream", new byte[0]);
            assertThat(answer.statusCode()).as("padding %d", padding).isEqualTo(400);
            assertThat(answer.body()).contains("出错了");
            assertThat(jdbc.sql("SELECT count(*) FROM evaluation WHERE idempotency_key = ?::uuid").param(m.group(1))
                    .query(Long.class).single()).isZero();
        }
    }
}
