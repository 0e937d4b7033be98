import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Open-loop load generator for the evaluation submission path: requests are started on a fixed schedule (rate per
 * second) whatever the server does, and each latency is measured from the moment the request was due — so a stalled
 * server shows up in the percentiles instead of slowing the generator down (no coordinated omission).
 *
 * Each simulated phone first opens a rating page (GET /e/{code}) to get its CSRF and device cookies, as a browser
 * does; then it posts the form with a fresh idempotency key the way the page sends it without a photo: url-encoded
 * (the page's script switches the form to url-encoding when no photo is chosen), or as multipart/form-data like a
 * phone without JavaScript when the environment variable FORM=multipart is set. The fields are those of the form in
 * its order (the answers to the questions that code's page asks, and the empty file input as {@code photo=}), with
 * the headers of a phone's browser, as bench/wrk/intake.lua sends them.
 *
 * java bench/EvaluationLoad.java BASE_URL TARGETS_FILE RATE SECONDS WARMUP_SECONDS ACKED_KEYS_OUT
 * (TARGETS_FILE: "code TAB question names" a line, from bench/intake-lib.sh; a line with a code alone asks r_duty)
 */
public class EvaluationLoad {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern RECEIPT = Pattern.compile("id=\"tracking-code\">([A-Z0-9-]+)<");
    private static final String[] RATINGS = {"SATISFIED", "SATISFIED", "SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED"};

    record Device(String cookie, String csrf) {
    }

    /** A code and the names of the questions its page asks (r_duty r_service r_team for a unit, say). */
    record Code(String code, List<String> questions) {
        static Code of(String line) {
            String[] parts = line.split("\t", 2);
            return new Code(parts[0].strip(), parts.length < 2 ? List.of("r_duty")
                    : Arrays.stream(parts[1].strip().split("\\s+")).filter(q -> !q.isEmpty()).toList());
        }
    }

    static final String USER_AGENT = "Mozilla/5.0 (Linux; Android 13; V2219A Build/TP1A.220624.014; wv) AppleWebKit/537.36"
            + " (KHTML, like Gecko) Version/4.0 Chrome/122.0.6261.120 Mobile Safari/537.36 XWEB/1220099 MMWEBSDK/20240404"
            + " MMWEBID/6170 MicroMessenger/8.0.49.2600(0x28003133) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64";
    static final String ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/wxpic,image/tpg,image/webp,"
            + "image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7";

    public static void main(String[] args) throws Exception {
        String base = args[0];
        List<Code> codes = Files.readAllLines(Path.of(args[1])).stream().filter(s -> !s.isBlank()).map(Code::of).toList();
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int warmup = Integer.parseInt(args[4]);
        Path ackedOut = Path.of(args[5]);
        boolean multipart = "multipart".equals(System.getenv("FORM"));
        System.out.println("form encoding: " + (multipart ? "multipart/form-data" : "application/x-www-form-urlencoded"));

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(2)).connectTimeout(Duration.ofSeconds(5)).build();
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            devices.add(open(http, base, codes.get(i % codes.size()).code()));
        }
        System.out.printf("prepared %d simulated phones, %d target codes%n", devices.size(), codes.size());

        run(http, base, codes, devices, rate, warmup, null, "warm-up", multipart);
        Result r = run(http, base, codes, devices, rate, seconds, ackedOut, "measured", multipart);
        r.print(rate, seconds);
        System.exit(0);
    }

    static Device open(HttpClient http, String base, String code) throws IOException, InterruptedException {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base + "/e/" + code)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = CSRF.matcher(res.body());
        if (res.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("cannot open rating page: " + res.statusCode());
        }
        StringBuilder cookies = new StringBuilder();
        for (String c : res.headers().allValues("set-cookie")) {
            if (!cookies.isEmpty()) {
                cookies.append("; ");
            }
            cookies.append(c, 0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'));
        }
        return new Device(cookies.toString(), m.group(1));
    }

    static Result run(HttpClient http, String base, List<Code> codes, List<Device> devices, int rate, int seconds,
                      Path ackedOut, String label, boolean multipart) throws Exception {
        int total = rate * seconds;
        long[] latencies = new long[total];
        Arrays.fill(latencies, -1);
        AtomicLong errors = new AtomicLong();
        AtomicLong acked = new AtomicLong();
        ConcurrentLinkedQueue<String> ackedKeys = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(total);
        Random random = new Random(42);
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime() + 50_000_000L;
        for (int i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            Code code = codes.get(random.nextInt(codes.size()));
            Device device = devices.get(random.nextInt(devices.size()));
            String key = UUID.randomUUID().toString();
            List<String[]> fields = new ArrayList<>();
            fields.add(new String[]{"_csrf", device.csrf()});
            fields.add(new String[]{"key", key});
            fields.add(new String[]{"overall", RATINGS[random.nextInt(RATINGS.length)]});
            for (String q : code.questions()) {
                fields.add(new String[]{q, RATINGS[random.nextInt(RATINGS.length)]});
            }
            fields.add(new String[]{"comment", random.nextInt(4) == 0 ? "窗口服务态度好，办事效率高" : ""});
            fields.add(new String[]{"clue", ""});
            StringBuilder body = new StringBuilder();
            String contentType;
            if (multipart) {
                String boundary = "----WebKitFormBoundary" + Long.toString(0x1000000000000L + i, 36);
                for (String[] f : fields) {
                    part(body, boundary, f[0], f[1]);
                }
                body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"\"")
                        .append("\r\nContent-Type: application/octet-stream\r\n\r\n\r\n");
                part(body, boundary, "phone", "");
                body.append("--").append(boundary).append("--\r\n");
                contentType = "multipart/form-data; boundary=" + boundary;
            } else {
                fields.add(new String[]{"photo", ""});
                fields.add(new String[]{"phone", ""});
                for (String[] f : fields) {
                    if (!body.isEmpty()) {
                        body.append('&');
                    }
                    body.append(f[0]).append('=').append(URLEncoder.encode(f[1], StandardCharsets.UTF_8));
                }
                contentType = "application/x-www-form-urlencoded";
            }
            HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/e/" + code.code()))
                    .timeout(Duration.ofSeconds(30))
                    .header("Cache-Control", "max-age=0")
                    .header("Upgrade-Insecure-Requests", "1")
                    .header("Origin", base)
                    .header("Content-Type", contentType)
                    .header("User-Agent", USER_AGENT)
                    .header("Accept", ACCEPT)
                    .header("X-Requested-With", "com.tencent.mm")
                    .header("Sec-Fetch-Site", "same-origin")
                    .header("Sec-Fetch-Mode", "navigate")
                    .header("Sec-Fetch-User", "?1")
                    .header("Sec-Fetch-Dest", "document")
                    .header("Referer", base + "/e/" + code.code())
                    .header("Accept-Encoding", "gzip, deflate")
                    .header("Accept-Language", "zh-CN,zh;q=0.9,en-US;q=0.8,en;q=0.7")
                    .header("Cookie", device.cookie())
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
            final int n = i;
            http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).whenComplete((res, ex) -> {
                latencies[n] = System.nanoTime() - due;
                if (ex == null && res.statusCode() == 200 && RECEIPT.matcher(res.body()).find()) {
                    acked.incrementAndGet();
                    ackedKeys.add(key);
                } else {
                    errors.incrementAndGet();
                    if (errorSamples.size() < 5) {
                        errorSamples.add(ex != null ? ex.toString() : "HTTP " + res.statusCode());
                    }
                }
                done.countDown();
            });
        }
        long issuedIn = System.nanoTime() - start;
        done.await();
        long elapsed = System.nanoTime() - start;
        if (ackedOut != null) {
            Files.write(ackedOut, ackedKeys);
        }
        System.out.printf("%s: %d requests issued in %.1f s, all answered after %.1f s%n", label, total,
                issuedIn / 1e9, elapsed / 1e9);
        errorSamples.forEach(e -> System.out.println("  error sample: " + e));
        return new Result(latencies, errors.get(), acked.get(), elapsed);
    }

    static void part(StringBuilder b, String boundary, String name, String value) {
        b.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(name)
                .append("\"\r\n\r\n").append(value).append("\r\n");
    }

    record Result(long[] latencies, long errors, long acked, long elapsedNanos) {
        void print(int rate, int seconds) {
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            System.out.println();
            System.out.println("| measure                         | value        |");
            System.out.println("|---------------------------------|--------------|");
            System.out.printf("| offered rate (evaluations/s)    | %12d |%n", rate);
            System.out.printf("| duration (s)                    | %12d |%n", seconds);
            System.out.printf("| achieved throughput (acked/s)   | %12.0f |%n", acked / (elapsedNanos / 1e9));
            System.out.printf("| p50 latency (ms)                | %12.1f |%n", pct(sorted, 0.50));
            System.out.printf("| p99 latency (ms)                | %12.1f |%n", pct(sorted, 0.99));
            System.out.printf("| p99.9 latency (ms)              | %12.1f |%n", pct(sorted, 0.999));
            System.out.printf("| max latency (ms)                | %12.1f |%n", sorted[sorted.length - 1] / 1e6);
            System.out.printf("| errors                          | %12d |%n", errors);
            System.out.printf("| acknowledged                    | %12d |%n", acked);
            System.out.printf(java.util.Locale.ROOT, "ACKED %d THROUGHPUT %d P99 %.1f P50 %.1f P999 %.1f ERRORS %d%n", acked,
                    Math.round(acked / (elapsedNanos / 1e9)), pct(sorted, 0.99), pct(sorted, 0.50), pct(sorted, 0.999), errors);
        }

        static double pct(long[] sorted, double p) {
            int i = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
            return sorted[Math.max(0, i)] / 1e6;
        }
    }
}
