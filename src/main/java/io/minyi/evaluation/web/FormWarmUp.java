package io.minyi.evaluation.web;

import io.minyi.evaluation.internal.EvaluationTargets;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends the resident's rating form through the node's own HTTP stack before readiness turns UP (Spring Boot reports
 * {@code ACCEPTING_TRAFFIC} only after every runner has returned), so that a node restarting during a campaign peak
 * meets its first residents with compiled code instead of the interpreter: a cold node answered a quarter of its warm
 * rate for half a minute and timed residents out (issue 14).
 * <p>
 * Nothing is stored and no limit is spent: each post lacks the overall rating, so it comes back as the form with a
 * problem (400) after the same parsing (url-encoded and multipart), CSRF check, target lookup, validation and
 * rendering as a real one; the per-address limit is skipped only for requests carrying this process's random token.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class FormWarmUp implements ApplicationRunner {

    static final String HEADER = "X-Minyi-Warm-Up";
    private static final Logger log = LoggerFactory.getLogger(FormWarmUp.class);
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final EvaluationTargets targets;
    private final Environment environment;
    private final Duration duration;
    private final int clients;
    private final String token;

    FormWarmUp(EvaluationTargets targets, Environment environment,
               @Value("${minyi.warm-up.duration:0s}") Duration duration,
               @Value("${minyi.warm-up.clients:2}") int clients) {
        this.targets = targets;
        this.environment = environment;
        this.duration = duration;
        this.clients = Math.max(1, clients);
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        this.token = HexFormat.of().formatHex(random);
    }

    String token() {
        return token;
    }

    /** Whether a request was sent by this warm-up (and so may pass the per-address limit). */
    boolean isWarmUp(@Nullable String header) {
        return header != null && header.equals(token);
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        Integer port = environment.getProperty("local.server.port", Integer.class);
        Optional<String> code = targets.anyActiveCode();
        if (duration.isZero() || port == null || port <= 0 || code.isEmpty()) {
            return;
        }
        long t0 = System.nanoTime();
        Result r = warmUp("http://127.0.0.1:" + port, code.get(), duration, Long.MAX_VALUE);
        log.info("warm-up: {} rating forms posted and {} pages fetched in {} ms ({} unexpected answers)", r.posts,
                r.gets, (System.nanoTime() - t0) / 1_000_000, r.unexpected);
    }

    /** Posts forms from {@code clients} threads until the time is up or {@code maxPosts} have been sent. */
    Result warmUp(String base, String code, Duration forHowLong, long maxPosts) throws Exception {
        Result result = new Result(new AtomicLong(), new AtomicLong(), new AtomicLong());
        long deadline = System.nanoTime() + forHowLong.toNanos();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients);
             HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                     .connectTimeout(Duration.ofSeconds(5)).build()) {
            List<Future<?>> running = new java.util.ArrayList<>();
            for (int i = 0; i < clients; i++) {
                running.add(pool.submit(() -> {
                    client(http, base, code, deadline, maxPosts, result);
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        }
        return result;
    }

    private void client(HttpClient http, String base, String code, long deadline, long maxPosts, Result result)
            throws IOException, InterruptedException {
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(base + "/e/" + code)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher csrf = CSRF.matcher(form.body());
        if (form.statusCode() != 200 || !csrf.find()) {
            result.unexpected.incrementAndGet();
            return;
        }
        String cookies = String.join("; ", form.headers().allValues("set-cookie").stream()
                .map(c -> c.split(";", 2)[0]).toList());
        for (int n = 0; System.nanoTime() < deadline && result.posts.get() < maxPosts; n++) {
            String key = UUID.randomUUID().toString();
            HttpRequest post = n % 4 == 3
                    ? multipart(base + "/e/" + code, cookies, csrf.group(1), key)
                    : urlEncoded(base + "/e/" + code, cookies, csrf.group(1), key);
            expect(http.send(post, HttpResponse.BodyHandlers.ofString()).statusCode(), 400, result);
            result.posts.incrementAndGet();
            if (n % 8 == 0) {
                expect(http.send(HttpRequest.newBuilder(URI.create(base + "/e/" + code)).header("Cookie", cookies)
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode(), 200, result);
                expect(http.send(HttpRequest.newBuilder(URI.create(base + "/css/public.css")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode(), 200, result);
                result.gets.addAndGet(2);
            }
        }
    }

    /** A form without its overall rating: everything a real one goes through, then a 400 instead of a row. */
    private HttpRequest urlEncoded(String url, String cookies, String csrf, String key) {
        String body = "_csrf=" + java.net.URLEncoder.encode(csrf, StandardCharsets.UTF_8) + "&key=" + key
                + "&r_duty=SATISFIED&r_lawful=SATISFIED&comment=&clue=&phone=";
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", cookies).header(HEADER, token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpRequest multipart(String url, String cookies, String csrf, String key) {
        String boundary = "warmup" + key.substring(0, 8);
        StringBuilder body = new StringBuilder();
        for (String[] f : new String[][]{{"_csrf", csrf}, {"key", key}, {"r_duty", "SATISFIED"}, {"comment", ""}}) {
            body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(f[0])
                    .append("\"\r\n\r\n").append(f[1]).append("\r\n");
        }
        body.append("--").append(boundary).append("--\r\n");
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Cookie", cookies).header(HEADER, token)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    private static void expect(int status, int expected, Result result) {
        if (status != expected) {
            result.unexpected.incrementAndGet();
        }
    }

    record Result(AtomicLong posts, AtomicLong gets, AtomicLong unexpected) {
    }
}
