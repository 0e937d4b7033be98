package io.minyi.integration.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for a city's 12345 platform that speaks exactly the protocol of docs/integration-12345.md, for tests and
 * demos (no real hotline is reachable from a development machine). It pushes signed work orders to Minyi, receives
 * Minyi's signed callbacks (refusing a bad signature with 401, as a real platform must), can answer a forwarded item
 * with a result, and can be "down" (503) to show that Minyi's outbox keeps and re-sends.
 *
 * <pre>java -cp target/classes io.minyi.integration.simulator.HotlineSimulator [port] [minyi-base-url] [secret]</pre>
 * Plain JDK only, so a vendor can read it as a reference implementation.
 */
public final class HotlineSimulator implements AutoCloseable {

    /** A message Minyi sent: the path it came to and its JSON body. */
    public record Received(String path, String body) {
    }

    private final String secret;
    private final String minyiBaseUrl;
    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger refusedSignatures = new AtomicInteger();
    private volatile Duration autoReply;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    public HotlineSimulator(int port, String minyiBaseUrl, String secret) throws IOException {
        this.secret = secret;
        this.minyiBaseUrl = minyiBaseUrl;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** While down, every callback is answered 503 (as a platform in maintenance would). */
    public void setDown(boolean isDown) {
        down.set(isDown);
    }

    /** Answer every forwarded item with a result after this delay (null: only when told to). */
    public void autoReplyAfter(Duration delay) {
        this.autoReply = delay;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Callbacks that reached the simulator, accepted or not. */
    public int attempts() {
        return attempts.get();
    }

    public int refusedSignatures() {
        return refusedSignatures.get();
    }

    /** Pushes a work order, signed now. */
    public HttpResponse<String> pushOrder(String orderJson) {
        return post("/integration/12345/v1/orders", orderJson, System.currentTimeMillis() / 1000);
    }

    /** Sends the result of an item Minyi forwarded. */
    public HttpResponse<String> sendResult(String forwardNo, String result) {
        String body = "{\"forward_no\":\"" + json(forwardNo) + "\",\"result\":\"" + json(result)
                + "\",\"handled_by\":\"12345市民服务热线\"}";
        return post("/integration/12345/v1/results", body, System.currentTimeMillis() / 1000);
    }

    /** Sends exactly these bytes with these headers (for replay and tampering tests). */
    public HttpResponse<String> postRaw(String path, String body, String timestamp, String signature) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(minyiBaseUrl + path))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (timestamp != null) {
            b.header(HotlineSignature.TIMESTAMP_HEADER, timestamp);
        }
        if (signature != null) {
            b.header(HotlineSignature.SIGNATURE_HEADER, signature);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String sign(long timestamp, String body) {
        return HotlineSignature.sign(secret, timestamp, body);
    }

    private HttpResponse<String> post(String path, String body, long timestamp) {
        return postRaw(path, body, String.valueOf(timestamp), sign(timestamp, body));
    }

    private static final Pattern FORWARD_NO = Pattern.compile("\"forward_no\"\\s*:\\s*\"([^\"]+)\"");

    private void handle(HttpExchange ex) throws IOException {
        attempts.incrementAndGet();
        try (ex; InputStream in = ex.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (down.get()) {
                answer(ex, 503, "{\"error\":\"maintenance\"}");
                return;
            }
            String timestamp = ex.getRequestHeaders().getFirst(HotlineSignature.TIMESTAMP_HEADER);
            String signature = ex.getRequestHeaders().getFirst(HotlineSignature.SIGNATURE_HEADER);
            if (!"POST".equals(ex.getRequestMethod()) || !HotlineSignature.verify(secret, timestamp, body, signature)
                    || Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp)) > 300) {
                refusedSignatures.incrementAndGet();
                answer(ex, 401, "{\"error\":\"badSignature\"}");
                return;
            }
            String path = ex.getRequestURI().getPath();
            received.add(new Received(path, body));
            Matcher m = FORWARD_NO.matcher(body);
            Duration delay = autoReply;
            if ("/forwards".equals(path) && m.find() && delay != null) {
                String forwardNo = m.group(1);
                timer.schedule(() -> sendResult(forwardNo, "已联系相关部门处理完毕（模拟）"), delay.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
            answer(ex, 200, "{\"status\":\"OK\"}");
        }
    }

    private static void answer(HttpExchange ex, int status, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    static String json(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        server.stop(0);
    }

    /** Runs the simulator for a demo: pushes one work order, answers forwarded items after ten seconds. */
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 18345;
        String minyi = args.length > 1 ? args[1] : "http://localhost:8080";
        String secret = args.length > 2 ? args[2] : "demo-12345-secret-change-me";
        HotlineSimulator sim = new HotlineSimulator(port, minyi, secret);
        sim.autoReplyAfter(Duration.ofSeconds(10));
        System.out.println("12345 simulator listening on " + sim.baseUrl() + ", talking to " + minyi);
        String order = "{\"order_no\":\"GD" + System.currentTimeMillis() + "\",\"title\":\"小区路灯不亮\","
                + "\"content\":\"示范路3号小区门口路灯连续一周不亮，夜间出行不安全。\",\"category\":\"民生诉求\","
                + "\"caller_name\":\"王五\",\"caller_phone\":\"13700137000\",\"address\":\"示范路3号\"}";
        HttpResponse<String> res = sim.pushOrder(order);
        System.out.println("pushed a work order: " + res.statusCode() + " " + res.body());
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
        while (true) {
            Thread.sleep(5_000);
            for (Received r : sim.received()) {
                System.out.println("from Minyi " + r.path() + ": " + r.body());
            }
            sim.received.clear();
        }
    }

    /** Fields of a received body, for tests that want one value without a JSON library. */
    public static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }
}
