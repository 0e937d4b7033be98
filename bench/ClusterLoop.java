import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The closed loop through the balancer (bench/cluster-test.sh), every request free to land on either node: a resident
 * rates a unit and raises a clue; a dispatcher registers a case and then a second one telling the same story, and
 * the second one's page must offer the first as "可能重复" on both nodes (two answers in a row, which the round-robin
 * balancer sends to different nodes); the dispatcher merges the second into the first, screens, triages and
 * dispatches it; the station signs and reports; the unit leader and the reviewer approve; the resident rates the
 * handling. Prints one line per round and a summary table; exits 1 when a step failed.
 *
 * java bench/ClusterLoop.java BASE_URL EVALUATION_CODE COUNTY_ID STATION_ID ROUNDS
 */
public class ClusterLoop {

    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static final Pattern KEY = Pattern.compile("name=\"key\" value=\"([^\"]+)\"");
    static final Pattern RECEIPT = Pattern.compile("id=\"tracking-code\">([A-Z0-9-]+)<");
    static final Pattern TITLE_CODE = Pattern.compile("<title>[^<]*?([A-Z0-9]{8,12}) ·");

    static final class Client {
        final String base;
        final HttpClient http;
        String csrf;

        Client(String base) {
            this.base = base;
            this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        }

        HttpResponse<String> get(String path) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET().build());
        }

        HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
            if (csrf == null) {
                get("/login");
            }
            check(csrf != null, "no CSRF token from the login page (balancer without a node?)");
            Map<String, String> all = new LinkedHashMap<>(fields);
            all.putIfAbsent("_csrf", csrf);
            String body = all.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                    .collect(Collectors.joining("&"));
            return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        }

        HttpResponse<String> send(HttpRequest r) throws Exception {
            HttpResponse<String> res = http.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Matcher m = CSRF.matcher(res.body());
            if (m.find()) {
                csrf = m.group(1);
            }
            return res;
        }

        Client login(String user) throws Exception {
            get("/login");
            var res = post("/login", Map.of("username", user, "password", "Minyi@2026"));
            if (res.statusCode() != 302 || res.headers().firstValue("Location").orElse("").contains("error")) {
                throw new IllegalStateException("login " + user + ": " + res.statusCode());
            }
            return this;
        }
    }

    static final List<String> failures = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String code = args[1];
        String county = args[2];
        String station = args[3];
        int rounds = Integer.parseInt(args[4]);
        Client dispatcher = new Client(base).login("dispatcher1");
        Client handler = new Client(base).login("handler");
        Client unitLeader = new Client(base).login("unitleader");
        Client reviewer = new Client(base).login("policeleader");
        List<Long> dupMs = new ArrayList<>();
        int closed = 0;
        for (int round = 1; round <= rounds; round++) {
            String marker = "楼" + UUID.randomUUID().toString().substring(0, 6);
            try {
                // a resident rates and raises a clue
                Client resident = new Client(base);
                var form = resident.get("/e/" + code);
                Matcher k = KEY.matcher(form.body());
                check(form.statusCode() == 200 && k.find(), "rating page " + form.statusCode());
                var receipt = resident.post("/e/" + code, Map.of("key", k.group(1), "overall", "DISSATISFIED",
                        "clue", "窗口工作人员态度生硬，" + marker + "办事排队两小时无人处理"));
                check(receipt.statusCode() == 200 && RECEIPT.matcher(receipt.body()).find(),
                        "rating receipt " + receipt.statusCode());

                // two registrations of one story, wherever each lands
                long first = register(dispatcher, county, "幸福小区" + marker + "号楼下水道堵塞污水外溢，臭味严重影响居民出行");
                long second = register(dispatcher, county, "幸福小区" + marker + "号楼的下水道堵了，污水外溢，臭味很大，居民出行受影响");
                long t0 = System.nanoTime();
                int inARow = 0;
                while (inARow < 2) {
                    var page = dispatcher.get("/cases/" + second);
                    check(page.statusCode() == 200, "case page " + page.statusCode());
                    inARow = page.body().contains("/cases/" + first + "\"") ? inARow + 1 : 0;
                    check(System.nanoTime() - t0 < 30_000_000_000L, "duplicate not suggested within 30 s");
                    if (inARow < 2) {
                        Thread.sleep(inARow == 0 ? 100 : 0);
                    }
                }
                dupMs.add((System.nanoTime() - t0) / 1_000_000);
                ok(dispatcher.post("/cases/" + second + "/merge", Map.of("targetId", String.valueOf(first))), "merge");

                var detail = dispatcher.get("/cases/" + first);
                Matcher tc = TITLE_CODE.matcher(detail.body());
                check(tc.find(), "tracking code on the case page");
                String tracking = tc.group(1);
                ok(dispatcher.post("/cases/" + first + "/accept", Map.of("comment", "属实")), "accept");
                ok(dispatcher.post("/cases/" + first + "/triage", Map.of("category", "邻里纠纷", "risk", "LOW",
                        "unitId", station)), "triage");
                ok(dispatcher.post("/cases/" + first + "/dispatch", Map.of("unitId", station)), "dispatch");
                handler.get("/cases/" + first); // the station opens the case first, as a person would (fresh CSRF token)
                ok(handler.post("/cases/" + first + "/sign", Map.of()), "sign");
                ok(handler.post("/cases/" + first + "/report", Map.of("outcome", "RESOLVED",
                        "findings", "已协调疏通，污水清理完毕")), "report");
                unitLeader.get("/cases/" + first);
                ok(unitLeader.post("/cases/" + first + "/unit-approve", Map.of()), "unit-approve");
                reviewer.get("/cases/" + first);
                ok(reviewer.post("/cases/" + first + "/approve", Map.of("comment", "同意")), "approve");
                Client raiser = new Client(base);
                raiser.get("/t/" + tracking);
                ok(raiser.post("/t/" + tracking + "/rating", Map.of("verdict", "SATISFIED")), "re-rate");
                check(raiser.get("/t/" + tracking).body().contains("已办结"), "closed after re-rating");
                closed++;
                System.out.printf("round %d: closed %s, duplicate shown on both nodes after %d ms%n", round, tracking,
                        dupMs.getLast());
            } catch (IllegalStateException e) {
                failures.add("round " + round + ": " + e.getMessage());
                System.out.println("round " + round + " FAILED: " + e.getMessage());
            }
        }
        dupMs.sort(null);
        System.out.println("| metric                                        | value   |");
        System.out.println("|-----------------------------------------------|---------|");
        System.out.printf("| %-45s | %7d |%n", "loops closed through the balancer", closed);
        System.out.printf("| %-45s | %7d |%n", "loops failed", failures.size());
        if (!dupMs.isEmpty()) {
            System.out.printf("| %-45s | %7d |%n", "duplicate on both nodes, median (ms)", dupMs.get(dupMs.size() / 2));
            System.out.printf("| %-45s | %7d |%n", "duplicate on both nodes, max (ms)", dupMs.getLast());
        }
        failures.forEach(System.out::println);
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    static long register(Client dispatcher, String county, String content) throws Exception {
        dispatcher.get("/cases/new");
        var res = dispatcher.post("/cases/new", Map.of("type", "DISPUTE", "channel", "WALK_IN",
                "jurisdictionId", county, "content", content, "category", "邻里纠纷",
                "formToken", UUID.randomUUID().toString()));
        check(res.statusCode() == 302, "register " + res.statusCode());
        return Long.parseLong(res.headers().firstValue("Location").orElseThrow().replaceAll(".*/cases/(\\d+).*", "$1"));
    }

    static void ok(HttpResponse<String> res, String step) {
        String location = res.headers().firstValue("Location").orElse("");
        check(res.statusCode() == 302 && !location.contains("login"), step + " answered " + res.statusCode() + " "
                + location);
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
