package io.minyi.evaluation.web;

import io.minyi.evaluation.internal.StoredReceipts;
import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.HandlerExecutionChain;

import javax.imageio.ImageIO;
import javax.sql.DataSource;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The lean path of the submitted rating form (decision 0036): which requests it takes, and that it keeps every
 * promise of the controller it replaces — the same validation and messages, idempotent retries, the rate limits,
 * CSRF, a receipt only after the commit, and the same receipt with escaped values.
 */
@FullStackTest
class RatingIntakeFullStackTests {

    private static final Pattern KEY = Pattern.compile("name=\"key\" value=\"([^\"]+)\"");
    private static final Pattern RECEIPT = Pattern.compile("id=\"tracking-code\">([A-Z0-9-]+)<");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    org.springframework.context.ApplicationContext context;
    @Autowired
    DataSource dataSource;
    @Autowired
    RatingIntakeMapping mapping;
    @Autowired
    RatingIntake intake;
    @Autowired
    ReceiptPage receipts;
    @Autowired
    MeterRegistry meters;
    @Autowired
    IntakeAdmission.ConnectorQueue connectorQueue;

    /** An officer's active code of its own for each test (counted from the end; other tests count from the start). */
    private String code(int n) {
        return jdbc.sql("""
                SELECT code FROM evaluation_target WHERE active AND officer_id IS NOT NULL
                ORDER BY officer_id DESC OFFSET ? LIMIT 1""").param(40 + n).query(String.class).single();
    }

    private static String key(HttpResponse<String> form) {
        Matcher m = KEY.matcher(form.body());
        assertThat(m.find()).as("the form carries an idempotency key").isTrue();
        return m.group(1);
    }

    private static String receipt(HttpResponse<String> answer) {
        Matcher m = RECEIPT.matcher(answer.body());
        assertThat(m.find()).as("a receipt: " + answer.body()).isTrue();
        return m.group(1).replace("-", "");
    }

    private long rows(String key) {
        return jdbc.sql("SELECT count(*) FROM evaluation WHERE idempotency_key = ?::uuid").param(key)
                .query(Long.class).single();
    }

    private static Map<String, String> form(String key, String overall) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("key", key);
        if (overall != null) {
            f.put("overall", overall);
        }
        f.put("r_lawful", "SATISFIED");
        f.put("comment", "");
        f.put("clue", "");
        f.put("phone", "");
        return f;
    }

    @Test
    void only_a_submitted_form_for_an_active_code_takes_the_lean_path() throws Exception {
        String code = code(0);
        assertThat(handlerOf(post("/e/" + code))).isSameAs(intake);

        assertThat(handlerOf(new MockHttpServletRequest("GET", "/e/" + code))).as("the form page").isNull();
        assertThat(handlerOf(post("/e/zzzzzzzzzzzzzzzzzzzz"))).as("an unknown code: the 404 page").isNull();
        assertThat(handlerOf(post("/e/" + code + ";x=1"))).as("path parameters: Spring's path checks").isNull();
        assertThat(handlerOf(post("/e/" + code.substring(0, 3) + "%41" + code.substring(3)))).isNull();
        MockHttpServletRequest lang = post("/e/" + code);
        lang.setQueryString("lang=en");
        assertThat(handlerOf(lang)).as("?lang= is the controllers' interceptor's").isNull();
        MockHttpServletRequest json = new MockHttpServletRequest("POST", "/e/" + code);
        json.addHeader("Accept", "application/json");
        assertThat(handlerOf(json)).as("JSON callers get the error advice's JSON").isNull();
    }

    @Test
    void every_problem_is_explained_in_chinese_with_400_the_answers_kept_and_nothing_stored() throws Exception {
        String code = code(1);
        StaffClient resident = new StaffClient(port, "127.0.0.71");
        Map<String, Map.Entry<Map<String, String>, String>> cases = new LinkedHashMap<>();
        String k1 = key(resident.get("/e/" + code));
        cases.put(k1, Map.entry(form(k1, null), "请选择总体评价（满意、基本满意或不满意）。"));
        String k2 = key(resident.get("/e/" + code));
        Map<String, String> badRating = form(k2, "SATISFIED");
        badRating.put("r_lawful", "VERY_HAPPY");
        cases.put(k2, Map.entry(badRating, "评价选项不正确，请重新选择。"));
        String k3 = key(resident.get("/e/" + code));
        Map<String, String> longComment = form(k3, "SATISFIED");
        longComment.put("comment", "长".repeat(501));
        cases.put(k3, Map.entry(longComment, "意见建议太长了，请控制在500字以内。"));
        String k4 = key(resident.get("/e/" + code));
        Map<String, String> badPhone = form(k4, "SATISFIED");
        badPhone.put("phone", "12345");
        badPhone.put("consent", "yes");
        cases.put(k4, Map.entry(badPhone, "手机号格式不正确，请输入11位手机号或带区号的固定电话。"));
        String k5 = key(resident.get("/e/" + code));
        Map<String, String> noConsent = form(k5, "DISSATISFIED");
        noConsent.put("phone", "139" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999)));
        cases.put(k5, Map.entry(noConsent, "留下电话需要勾选同意联系的说明；不想被联系可以不填电话。"));

        for (var c : cases.entrySet()) {
            Map<String, String> fields = c.getValue().getKey();
            for (boolean multipart : new boolean[]{false, true}) {
                HttpResponse<String> answer = multipart
                        ? resident.postMultipart("/e/" + code, fields, "photo", "", "application/octet-stream", new byte[0])
                        : resident.postForm("/e/" + code, fields);
                assertThat(answer.statusCode()).as(fields + " multipart=" + multipart).isEqualTo(400);
                assertThat(answer.body()).contains(c.getValue().getValue(), "群众评议", "name=\"_csrf\"",
                        "value=\"" + c.getKey() + "\"");
                assertThat(rows(c.getKey())).isZero();
            }
        }
        assertThat(resident.postForm("/e/" + code, longComment).body()).as("the comment comes back to be shortened")
                .contains("长".repeat(501));

        String k6 = key(resident.get("/e/" + code));
        Map<String, String> photoWithoutClue = form(k6, "SATISFIED");
        HttpResponse<String> photo = resident.postMultipart("/e/" + code, photoWithoutClue, "photo", "p.jpg",
                "image/jpeg", jpeg());
        assertThat(photo.statusCode()).isEqualTo(400);
        assertThat(photo.body()).contains("上传照片时请同时填写问题线索。");
        Map<String, String> notAPhoto = form(k6, "SATISFIED");
        notAPhoto.put("clue", "窗口人员索要好处费");
        HttpResponse<String> text = resident.postMultipart("/e/" + code, notAPhoto, "photo", "a.jpg", "image/jpeg",
                "<?php echo 1; ?>".getBytes(StandardCharsets.UTF_8));
        assertThat(text.statusCode()).isEqualTo(400);
        assertThat(text.body()).contains("上传的文件不是照片");
        assertThat(rows(k6)).isZero();

        StaffClient english = new StaffClient(port, "127.0.0.71");
        String k7 = key(english.get("/e/" + code + "?lang=en"));
        HttpResponse<String> inEnglish = english.postForm("/e/" + code, form(k7, null));
        assertThat(inEnglish.statusCode()).isEqualTo(400);
        assertThat(inEnglish.body()).contains("Please choose an overall rating");
    }

    @Test
    void the_page_issues_time_ordered_keys_and_the_form_is_stored_under_the_key_it_carried() {
        String code = code(8);
        StaffClient resident = new StaffClient(port, "127.0.0.74"); // an address no other test's limit has used
        long before = System.currentTimeMillis();
        UUID first = UUID.fromString(key(resident.get("/e/" + code)));
        UUID second = UUID.fromString(key(resident.get("/e/" + code)));

        assertThat(first.version()).as("decision 0056").isEqualTo(7);
        assertThat(first.getMostSignificantBits() >>> 16).isBetween(before, System.currentTimeMillis());
        assertThat(second.toString()).isNotEqualTo(first.toString());
        assertThat(jdbc.sql("SELECT ?::uuid <= ?::uuid").param(first.toString()).param(second.toString())
                .query(Boolean.class).single()).as("the database orders them as they were made").isTrue();

        HttpResponse<String> answer = resident.postForm("/e/" + code, form(second.toString(), "SATISFIED"));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(StoredReceipts.codeOf(context, second.toString())).isEqualTo(receipt(answer));
    }

    @Test
    void a_retried_form_gets_the_same_receipt_and_one_row_url_encoded_or_multipart() {
        String code = code(2);
        StaffClient resident = new StaffClient(port, "127.0.0.71");
        String key = key(resident.get("/e/" + code));
        Map<String, String> f = form(key, "BASICALLY_SATISFIED");

        HttpResponse<String> first = resident.postForm("/e/" + code, f);
        HttpResponse<String> again = resident.postMultipart("/e/" + code, f, "photo", "", "application/octet-stream",
                new byte[0]);
        HttpResponse<String> third = resident.postForm("/e/" + code, f);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(receipt(again)).isEqualTo(receipt(first));
        assertThat(receipt(third)).isEqualTo(receipt(first));
        assertThat(rows(key)).isEqualTo(1);
        assertThat(StoredReceipts.codeOf(context, key)).isEqualTo(receipt(first));
    }

    @Test
    void the_address_limit_refuses_with_the_friendly_page_and_the_refused_form_is_not_stored() {
        String code = code(3);
        StaffClient resident = new StaffClient(port, "127.0.0.72");
        assertThat(resident.get("/e/" + code).statusCode()).as("the phone opens the page: cookies, token").isEqualTo(200);
        HttpResponse<String> last = null;
        String lastKey = null;
        List<String> accepted = new ArrayList<>();
        // 120 a minute, refilled evenly: the bucket runs dry after 120 and the few refilled meanwhile
        for (int i = 0; i < 400; i++) {
            lastKey = UUID.randomUUID().toString();
            last = resident.postForm("/e/" + code, form(lastKey, "SATISFIED"));
            if (last.statusCode() != 200) {
                break;
            }
            accepted.add(lastKey);
        }
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(accepted).hasSizeGreaterThanOrEqualTo(120);
        assertThat(last.headers().firstValue("Retry-After")).hasValue("60");
        assertThat(last.body()).contains("提交太频繁", "1分钟后再试");
        assertThat(rows(lastKey)).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM evaluation WHERE idempotency_key::text IN (:keys)")
                .param("keys", accepted).query(Long.class).single()).isEqualTo(accepted.size());
    }

    @Test
    void a_form_without_its_csrf_token_or_with_a_forged_one_is_refused_and_not_stored() {
        String code = code(4);
        StaffClient resident = new StaffClient(port, "127.0.0.71");
        String key = key(resident.get("/e/" + code));
        Map<String, String> forged = form(key, "SATISFIED");
        forged.put("_csrf", "forged");
        assertThat(resident.postForm("/e/" + code, forged).statusCode()).isEqualTo(403);

        // a page of another site cannot read the token, so its form (posted with the resident's cookies at worst) has none
        String body = "key=" + key + "&overall=SATISFIED";
        HttpResponse<String> crossSite = resident.send(HttpRequest.newBuilder(URI.create(resident.baseUrl() + "/e/" + code))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(rows(key)).isZero();
    }

    @Test
    void the_receipt_is_the_template_page_with_its_headers_and_the_tracking_link_works() {
        String code = code(5);
        StaffClient resident = new StaffClient(port, "127.0.0.71");
        String key = key(resident.get("/e/" + code));
        long timed = meters.get("minyi.evaluation.submissions").tag("outcome", "receipt").timer().count();
        HttpResponse<String> answer = resident.postForm("/e/" + code, form(key, "SATISFIED"));

        assertThat(answer.statusCode()).isEqualTo(200);
        // the timer is recorded after the last byte is written, so the client may read the receipt a moment before
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (meters.get("minyi.evaluation.submissions").tag("outcome", "receipt").timer().count() <= timed
                && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        assertThat(meters.get("minyi.evaluation.submissions").tag("outcome", "receipt").timer().count())
                .as("timed in its own meter").isGreaterThan(timed);
        String tracking = receipt(answer);
        String display = new io.minyi.platform.TrackingCode(tracking).display();
        assertThat(answer.body()).isEqualTo(new String(receipts.render(Locale.SIMPLIFIED_CHINESE, display,
                "/t/" + tracking, false), StandardCharsets.UTF_8));
        assertThat(answer.body()).contains("感谢您的评价", "href=\"/t/" + tracking + "\"", "查看进度");
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/html").containsIgnoringCase("charset=UTF-8"));
        assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(answer.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(p -> assertThat(p)
                .contains("default-src 'self'"));
        assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(answer.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(answer.headers().allValues("Set-Cookie")).as("no session, no new token").isEmpty();

        HttpResponse<String> follow = resident.get("/t/" + tracking);
        assertThat(follow.statusCode()).isEqualTo(200);
        assertThat(follow.body()).contains("您的评价已收到");
    }

    @Test
    void the_receipt_is_sent_only_after_the_evaluation_is_committed() throws Exception {
        String code = code(6);
        StaffClient resident = new StaffClient(port, "127.0.0.71");
        String key = key(resident.get("/e/" + code));
        CompletableFuture<HttpResponse<String>> answer;
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                // no evaluation can be written (and so committed) while this lock is held
                s.execute("LOCK TABLE evaluation IN SHARE MODE");
            }
            answer = CompletableFuture.supplyAsync(() -> resident.postForm("/e/" + code, form(key, "SATISFIED")));
            assertThatThrownBy(() -> answer.get(1500, TimeUnit.MILLISECONDS))
                    .as("no receipt while the row cannot be committed").isInstanceOf(TimeoutException.class);
            assertThat(rows(key)).isZero();
            blocker.rollback();
        }
        HttpResponse<String> receipt = answer.get(30, TimeUnit.SECONDS);
        assertThat(receipt.statusCode()).isEqualTo(200);
        String tracking = receipt(receipt);
        assertThat(StoredReceipts.codeOf(context, key)).isEqualTo(tracking);
    }

    @Test
    void malformed_bodies_on_the_lean_path_are_answered_4xx_never_5xx() {
        String code = code(7);
        StaffClient resident = new StaffClient(port, "127.0.0.71");
        String key = key(resident.get("/e/" + code));
        String csrf = resident.csrfToken();
        URI uri = URI.create(resident.baseUrl() + "/e/" + code);
        byte[] head = ("_csrf=" + csrf + "&key=" + key + "&overall=SATISFIED&comment=").getBytes(StandardCharsets.US_ASCII);
        byte[] invalidUtf8 = new byte[head.length + 3];
        System.arraycopy(head, 0, invalidUtf8, 0, head.length);
        invalidUtf8[head.length] = (byte) 0xC3;
        invalidUtf8[head.length + 1] = (byte) 0x28;
        invalidUtf8[head.length + 2] = (byte) 0xFF;
        Map<String, HttpRequest> probes = new LinkedHashMap<>();
        probes.put("invalid UTF-8", HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(invalidUtf8)).build());
        probes.put("NUL", HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf + "&key=" + key + "&overall=SATISFIED&comment=a%00b")).build());
        probes.put("JSON", HttpRequest.newBuilder(uri).header("Content-Type", "application/json").header("X-XSRF-TOKEN", csrf)
                .POST(HttpRequest.BodyPublishers.ofString("{\"overall\": [1, {")).build());
        probes.put("truncated multipart", HttpRequest.newBuilder(uri).header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(HttpRequest.BodyPublishers.ofString("--xyz\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf
                        + "\r\n--xyz\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"../../x\"\r\n\r\nnot really\r\n--xy")).build());
        probes.put("a key that is not a UUID", HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf + "&key=%27%3B+DROP+TABLE+officer%3B--&overall=SATISFIED")).build());
        probes.forEach((what, request) -> {
            HttpResponse<String> res = resident.send(request);
            assertThat(res.statusCode()).as(what).isBetween(400, 499);
        });
        assertThat(rows(key)).isZero();
    }

    @Test
    void the_door_in_front_of_the_form_reads_the_queue_of_the_running_connector() {
        assertThat(connectorQueue.attached()).as("Tomcat's executor found: overload can be seen").isTrue();
    }

    private HandlerExecutionChain handlerChain(MockHttpServletRequest request) {
        return mapping.getHandler(request);
    }

    private Object handlerOf(MockHttpServletRequest request) {
        HandlerExecutionChain chain = handlerChain(request);
        return chain == null ? null : chain.getHandler();
    }

    /** With the Accept header of the browser built into WeChat, where most QR codes are scanned (bench/wrk/intake.lua). */
    private static MockHttpServletRequest post(String uri) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", uri);
        request.addHeader("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,image/wxpic,image/tpg,"
                + "image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7");
        request.setContentType("application/x-www-form-urlencoded");
        return request;
    }

    private static byte[] jpeg() throws Exception {
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }
}
