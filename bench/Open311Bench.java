import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Open311 load, run by bench/open311-bench.sh against an app on a loaded database:
 * 1. GET /open311/v2/requests.json for 90-day windows ending on random days of the last year (one at a time):
 *    p50/p95/p99/max and rows per answer;
 * 2. POST /open311/v2/requests.json from N concurrent clients for S seconds: acknowledged requests per second; every
 *    acknowledged service_request_id is written to a file so the script can check that each one is in the database.
 * Usage: java -cp <HdrHistogram> Open311Bench.java <base-url> <api-key> <get-requests> <post-threads> <post-seconds> <acked-file>
 */
public class Open311Bench {

    static final Pattern ID = Pattern.compile("\"service_request_id\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String base = args[0] + "/open311/v2/";
        String key = args[1];
        int gets = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        Path acked = Path.of(args[5]);
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(Math.max(4, threads))).build();

        Histogram h = new Histogram(60_000_000_000L, 3);
        Random rnd = new Random(311);
        long rows = 0;
        for (int i = -10; i < gets; i++) { // ten warm-up requests
            OffsetDateTime end = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusDays(rnd.nextInt(365));
            String q = "requests.json?start_date=" + enc(end.minusDays(90).toString()) + "&end_date=" + enc(end.toString());
            long t0 = System.nanoTime();
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base + q)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - t0;
            if (res.statusCode() != 200) {
                throw new IllegalStateException("GET answered " + res.statusCode() + ": " + res.body());
            }
            if (i >= 0) {
                h.recordValue(took);
                Matcher m = ID.matcher(res.body());
                while (m.find()) {
                    rows++;
                }
            }
        }
        System.out.printf("GET requests.json (90 days) | n=%d | p50 %.1f ms | p95 %.1f ms | p99 %.1f ms | max %.1f ms | rows/answer %.0f%n",
                gets, ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(95)), ms(h.getValueAtPercentile(99)),
                ms(h.getMaxValue()), gets == 0 ? 0.0 : (double) rows / gets);

        if (threads == 0) { // GETs only: the scripts send the POSTs from wrk (bench/wrk/open311.lua)
            System.exit(0);
        }
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        AtomicLong failed = new AtomicLong();
        Histogram ph = new Histogram(60_000_000_000L, 3);
        String[] services = {"environment", "livelihood", "neighbour-dispute"};
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            int me = t;
            pool.submit(() -> {
                int n = 0;
                while (System.nanoTime() < until) {
                    String form = "api_key=" + enc(key) + "&service_code=" + services[(me + n) % services.length]
                            + "&address_string=" + enc("压测路" + me + "号") + "&description="
                            + enc("Open311 压测请求 " + me + "-" + n++);
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base + "requests.json"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        synchronized (ph) {
                            ph.recordValue(System.nanoTime() - t0);
                        }
                        Matcher m = ID.matcher(res.body());
                        if (res.statusCode() == 201 && m.find()) {
                            ids.add(m.group(1));
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (IOException | InterruptedException e) {
                        failed.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        Files.write(acked, ids);
        System.out.printf("POST requests.json | threads=%d | %d s | acknowledged %d (%.0f/s) | failed %d | p50 %.1f ms | p95 %.1f ms | p99 %.1f ms%n",
                threads, seconds, ids.size(), ids.size() / (double) seconds, failed.get(),
                ms(ph.getValueAtPercentile(50)), ms(ph.getValueAtPercentile(95)), ms(ph.getValueAtPercentile(99)));
        System.exit(0);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
