import org.HdrHistogram.Histogram;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times what one staff member waits for: logs in as USER, then requests each spec's URLs in turn (one request at a
 * time, so it measures latency, not capacity) after WARMUP unmeasured ones, and prints per spec
 * {@code ROW label|n|p50|p95|p99|max} (milliseconds, HdrHistogram) for bench/run-all.sh to put in its table.
 * A spec is {@code label|GET|url1 url2 ...} or {@code label|POST|url ...} (the form's CSRF token is taken from the
 * page at the spec's fourth field, as a browser would). Any status but 200/302 stops the run: a fast error page is
 * not a fast page.
 * java -cp HdrHistogram.jar bench/PageTimer.java BASE USER WARMUP REQUESTS SPEC...
 */
public class PageTimer {

    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String user = args[1];
        int warmup = Integer.parseInt(args[2]);
        int requests = Integer.parseInt(args[3]);
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        login(http, base, user);
        for (String spec : Arrays.copyOfRange(args, 4, args.length)) {
            String[] f = spec.split("\\|");
            List<String> urls = List.of(f[2].trim().split("\\s+"));
            Histogram h = new Histogram(3_600_000_000L, 3);
            for (int i = -warmup; i < requests; i++) {
                String url = base + urls.get(Math.floorMod(i, urls.size()));
                String csrf = "POST".equals(f[1]) ? csrf(http, base + f[3]) : null;
                long t = System.nanoTime();
                int status = "POST".equals(f[1]) ? post(http, url, csrf) : get(http, url);
                long us = (System.nanoTime() - t) / 1000;
                if (status != 200 && status != 302) {
                    throw new IllegalStateException(url + " answered " + status);
                }
                if (i >= 0) {
                    h.recordValue(us);
                }
            }
            System.out.printf(java.util.Locale.ROOT, "ROW %s|%d|%.1f|%.1f|%.1f|%.1f%n", f[0], h.getTotalCount(),
                    h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(95) / 1000.0,
                    h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0);
        }
    }

    static void login(HttpClient http, String base, String user) throws Exception {
        String form = "username=" + user + "&password=" + URLEncoder.encode("Minyi@2026", StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(csrf(http, base + "/login"), StandardCharsets.UTF_8);
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
        String to = r.headers().firstValue("Location").orElse("");
        if (r.statusCode() != 302 || to.contains("error")) {
            throw new IllegalStateException("login as " + user + " failed: " + r.statusCode() + " " + to);
        }
    }

    static String csrf(HttpClient http, String page) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create(page)).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = CSRF.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on " + page);
        }
        return m.group(1);
    }

    static int get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static int post(HttpClient http, String url, String csrf) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
