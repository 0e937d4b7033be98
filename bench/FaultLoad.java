import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Submission load for the fault scripts (crash-test.sh, db-restart-test.sh). Closed loop: WORKERS simulated phones
 * each post one rating after another, so the load goes on whatever the server answers (also while it is dead).
 *
 * Every acknowledged evaluation (HTTP 200 with a receipt code on the page) is appended and flushed to ACKED_OUT at
 * once as "idempotency-key receipt-code", so that the file holds every receipt a resident saw even when the
 * application is killed mid-run. Every answer is appended to TIMELINE_OUT as "sent-ms done-ms status" (status 0 for
 * a connection error) so the script can measure the recovery time. At the end one table "metric | value" is printed.
 *
 * The run stops after SECONDS or as soon as the file STOP_FILE exists.
 *
 * java bench/FaultLoad.java BASE_URL CODES_FILE WORKERS SECONDS STOP_FILE ACKED_OUT TIMELINE_OUT
 */
public class FaultLoad {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern RECEIPT = Pattern.compile("id=\"tracking-code\">([A-Z0-9-]+)<");
    /** What a Java stack trace or a framework error page looks like in a body. */
    private static final Pattern STACK = Pattern.compile("\\tat [a-z]|\\bat (?:java|org|io)\\.[a-zA-Z.]+\\(|Exception:|Whitelabel|Caused by");
    private static final String[] RATINGS = {"SATISFIED", "SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED"};

    static final AtomicLong sent = new AtomicLong(), acked = new AtomicLong(), unavailable = new AtomicLong(),
            unavailableWithoutRetryAfter = new AtomicLong(), serverErrors = new AtomicLong(), otherStatus = new AtomicLong(),
            stackTraces = new AtomicLong(), connectionErrors = new AtomicLong();

    record Device(String cookie, String csrf) {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        List<String> codes = Files.readAllLines(Path.of(args[1])).stream().filter(s -> !s.isBlank()).toList();
        int workers = Integer.parseInt(args[2]);
        long until = System.currentTimeMillis() + Long.parseLong(args[3]) * 1000;
        Path stop = Path.of(args[4]);
        BufferedWriter ackedOut = Files.newBufferedWriter(Path.of(args[5]), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        BufferedWriter timeline = Files.newBufferedWriter(Path.of(args[6]), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();

        Thread[] threads = new Thread[workers];
        for (int w = 0; w < workers; w++) {
            int id = w;
            threads[w] = Thread.ofPlatform().start(() -> {
                Random random = new Random(id);
                Device device = null;
                while (System.currentTimeMillis() < until && !Files.exists(stop)) {
                    String code = codes.get(random.nextInt(codes.size()));
                    long t0 = System.currentTimeMillis();
                    int status;
                    try {
                        if (device == null) {
                            device = open(http, base, code);
                        }
                        status = post(http, base, code, device, random, ackedOut);
                    } catch (IOException | RuntimeException e) {
                        connectionErrors.incrementAndGet();
                        device = null;
                        status = 0;
                        sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                    synchronized (timeline) {
                        try {
                            timeline.write(t0 + " " + System.currentTimeMillis() + " " + status + "\n");
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    if (status == 503) {
                        sleep(100);
                    }
                }
            });
        }
        for (Thread t : threads) {
            t.join();
        }
        ackedOut.close();
        timeline.close();
        System.out.println("| metric                                   | value   |");
        System.out.println("|------------------------------------------|---------|");
        row("submissions sent", sent.get());
        row("acknowledged (200 with receipt)", acked.get());
        row("503 answers", unavailable.get());
        row("503 answers without Retry-After", unavailableWithoutRetryAfter.get());
        row("500 and other 5xx answers", serverErrors.get());
        row("other answers (not 200/503/5xx)", otherStatus.get());
        row("answers showing a stack trace", stackTraces.get());
        row("connection errors (app down)", connectionErrors.get());
    }

    static void row(String name, long value) {
        System.out.printf("| %-40s | %7d |%n", name, value);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Device open(HttpClient http, String base, String code) throws IOException, InterruptedException {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base + "/e/" + code))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        count(res);
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

    static int post(HttpClient http, String base, String code, Device device, Random random, BufferedWriter ackedOut)
            throws IOException, InterruptedException {
        String key = UUID.randomUUID().toString();
        String boundary = "----fault" + key;
        StringBuilder body = new StringBuilder();
        part(body, boundary, "_csrf", device.csrf());
        part(body, boundary, "key", key);
        part(body, boundary, "overall", RATINGS[random.nextInt(RATINGS.length)]);
        part(body, boundary, "r_duty", RATINGS[random.nextInt(RATINGS.length)]);
        part(body, boundary, "r_lawful", RATINGS[random.nextInt(RATINGS.length)]);
        part(body, boundary, "comment", random.nextInt(4) == 0 ? "窗口服务态度好" : "");
        part(body, boundary, "clue", "");
        part(body, boundary, "phone", "");
        body.append("--").append(boundary).append("--\r\n");
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/e/" + code))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Cookie", device.cookie())
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
        sent.incrementAndGet();
        HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
        count(res);
        Matcher receipt = RECEIPT.matcher(res.body());
        if (res.statusCode() == 200 && receipt.find()) {
            acked.incrementAndGet();
            synchronized (ackedOut) {
                ackedOut.write(key + " " + receipt.group(1) + "\n");
                ackedOut.flush();
            }
        } else if (res.statusCode() == 200) {
            otherStatus.incrementAndGet();
        }
        return res.statusCode();
    }

    /** Counts the status classes that matter for the fault tests. */
    static void count(HttpResponse<String> res) {
        int s = res.statusCode();
        if (s == 503) {
            unavailable.incrementAndGet();
            if (res.headers().firstValue("Retry-After").isEmpty()) {
                unavailableWithoutRetryAfter.incrementAndGet();
            }
        } else if (s >= 500) {
            serverErrors.incrementAndGet();
            System.err.println("server error " + s + ": " + res.body().substring(0, Math.min(300, res.body().length())));
        } else if (s != 200) {
            otherStatus.incrementAndGet();
            System.err.println("unexpected " + s + ": " + res.body().substring(0, Math.min(300, res.body().length())));
        }
        if (STACK.matcher(res.body()).find()) {
            stackTraces.incrementAndGet();
        }
    }

    static void part(StringBuilder b, String boundary, String name, String value) {
        b.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(name)
                .append("\"\r\n\r\n").append(value).append("\r\n");
    }
}
