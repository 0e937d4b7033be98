package io.minyi.web;

import io.minyi.support.DemoActivityTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signs in as every demo account and follows every same-origin GET link that account is shown (anchors and
 * {@code hx-get}), breadth first from the home page. A link that answers 4xx or 5xx is a dead end the page should not
 * have offered. Breadth is bounded by visiting each URL <em>pattern</em> once: digits in the path and most query values
 * collapse, so a list of 3,000 officers costs one officer page, not 3,000.
 */
@DemoActivityTest
class RoleCrawlerFullStackTests {

    static final List<String> DEMO_ACCOUNTS = List.of("admin", "leader", "dispatcher", "supervisor", "discipline",
            "dispatcher1", "dispatcher2", "countyleader", "unitleader", "handler", "policeleader", "mediator",
            "gridworker", "orgdept");

    private static final Pattern LINK = Pattern.compile("(?:href|hx-get)=\"([^\"#]*)\"");
    private static final Pattern ENUM_LIKE = Pattern.compile("[A-Z][A-Z_]*");
    private static final int MAX_PAGES_PER_ACCOUNT = 250;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @TestFactory
    Stream<DynamicTest> every_link_each_demo_account_is_shown_opens() {
        return DEMO_ACCOUNTS.stream().map(account -> DynamicTest.dynamicTest(account, () -> crawl(account)));
    }

    @org.junit.jupiter.api.Test
    void the_browser_finds_its_icon() {
        var icon = new StaffClient(port).getBytes("/favicon.ico");
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.body()).hasSizeGreaterThan(20);
    }

    @org.junit.jupiter.api.Test
    void each_home_page_lists_the_roles_to_dos_with_counts() {
        for (String account : List.of("handler", "unitleader", "dispatcher", "supervisor", "leader", "discipline",
                "gridworker")) {
            unlock(jdbc, account);
            StaffClient client = new StaffClient(port);
            client.login(account);
            String home = client.get("/").body();
            assertThat(home).as(account).contains("我的待办").contains("class=\"todo-count\"");
        }
    }

    @org.junit.jupiter.api.Test
    void a_grid_worker_who_registers_a_case_lands_on_a_page_they_may_open() {
        StaffClient client = new StaffClient(port);
        client.login("gridworker");
        String form = client.get("/cases/new").body();
        Matcher place = Pattern.compile("name=\"jurisdictionId\"[^>]*>\\s*<option value=\"(\\d+)\"").matcher(form);
        assertThat(place.find()).isTrue();
        HttpResponse<String> posted = client.postForm("/cases/new", Map.of("type", "GRID_EVENT", "channel",
                "GRID_VISIT", "jurisdictionId", place.group(1), "content", "楼道堆放杂物，存在消防隐患（爬虫测试）",
                "formToken", java.util.UUID.randomUUID().toString()));
        assertThat(posted.statusCode()).isEqualTo(302);
        String landing = posted.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> page = client.get(URI.create(landing).getPath());
        assertThat(page.statusCode()).isEqualTo(200);
    }

    @org.junit.jupiter.api.Test
    void a_county_leader_generates_and_opens_the_daily_report_for_their_county() {
        StaffClient client = new StaffClient(port);
        client.login("countyleader");
        client.get("/reports/daily");
        String yesterday = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusDays(1).toString();
        HttpResponse<String> generated = client.postForm("/reports/daily/generate", Map.of("day", yesterday));
        assertThat(generated.statusCode()).isEqualTo(302);
        String report = URI.create(generated.headers().firstValue("Location").orElseThrow()).getPath();
        HttpResponse<String> page = client.get(report);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(yesterday);
    }

    /** Another test proves the lock-out by locking a demo account; an administrator would unlock it the same way. */
    static void unlock(JdbcClient jdbc, String account) {
        jdbc.sql("UPDATE staff_account SET failed_attempts = 0, locked_until = NULL WHERE username = ?")
                .param(account).update();
    }

    private void crawl(String account) {
        unlock(jdbc, account);
        StaffClient client = new StaffClient(port);
        assertThat(client.login(account).headers().firstValue("Location"))
                .as("login of %s", account).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));

        Deque<Visit> queue = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        Map<String, String> failures = new LinkedHashMap<>();
        queue.add(new Visit("/", "(start)"));
        seen.add(pattern("/"));
        int visited = 0;
        while (!queue.isEmpty() && visited < MAX_PAGES_PER_ACCOUNT) {
            Visit visit = queue.poll();
            visited++;
            HttpResponse<String> res = client.get(visit.path());
            int status = res.statusCode();
            if (status >= 300 && status < 400) {
                String location = res.headers().firstValue("Location").orElse("");
                if (location.contains("/login")) {
                    failures.put(visit.path(), "redirect to login (from " + visit.from() + ")");
                } else {
                    String next = sameOrigin(location, visit.path());
                    if (next != null && seen.add(pattern(next))) {
                        queue.add(new Visit(next, visit.path()));
                    }
                }
                continue;
            }
            if (status >= 400) {
                failures.put(visit.path(), status + " (linked from " + visit.from() + ")");
                continue;
            }
            String type = res.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("text/html")) {
                continue;
            }
            Matcher m = LINK.matcher(res.body());
            while (m.find()) {
                String next = sameOrigin(m.group(1).replace("&amp;", "&"), visit.path());
                if (next != null && !skipped(next) && seen.add(pattern(next))) {
                    queue.add(new Visit(next, visit.path()));
                }
            }
        }
        assertThat(failures).as("dead links shown to %s (%d pages visited)", account, visited).isEmpty();
    }

    /** Static assets and the language switch are not pages; logout is a POST form, never a link. */
    private static boolean skipped(String path) {
        return path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/webjars/")
                || path.startsWith("/img/") || path.contains("lang=") || path.startsWith("/logout")
                || path.startsWith("/swagger-ui") || path.startsWith("/v3/api-docs");
    }

    private String sameOrigin(String href, String current) {
        if (href.isBlank() || href.startsWith("javascript:") || href.startsWith("mailto:") || href.startsWith("tel:")
                || href.startsWith("data:")) {
            return null;
        }
        URI base = URI.create("http://localhost:" + port + current);
        URI target;
        try {
            target = base.resolve(href.replace(" ", "%20"));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (target.getHost() == null || !target.getHost().equals("localhost") || target.getPort() != port) {
            return null;
        }
        String path = target.getRawPath();
        return target.getRawQuery() == null ? path : path + "?" + target.getRawQuery();
    }

    /** One visit per shape of URL: ids and codes in the path and free query values collapse, enum values do not. */
    static String pattern(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        List<String> segments = new ArrayList<>();
        for (String s : path.split("/")) {
            segments.add(s.matches(".*\\d.*") ? "{id}" : s);
        }
        Map<String, String> params = new TreeMap<>();
        if (q >= 0) {
            for (String pair : pathAndQuery.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                params.put(name, ENUM_LIKE.matcher(value).matches() ? value : "*");
            }
        }
        return String.join("/", segments) + params;
    }

    private record Visit(String path, String from) {
    }
}
