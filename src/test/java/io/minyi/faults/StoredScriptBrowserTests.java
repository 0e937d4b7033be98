package io.minyi.faults;

import io.minyi.support.Browser;
import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.UnhandledAlertException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Script stored through every form that keeps text — the resident's rating comment and clue, the staff registration
 * of a case (content, raiser's name, category), step comments, the handler's findings, the raiser's re-rating
 * comment on the public tracking page, the organisation forms — is opened in headless
 * Chromium by the staff who can see it. Each payload, if it ran, would set {@code window.__xss} or open an alert;
 * the test also counts elements the payloads would inject ({@code img[onerror]}, {@code svg[onload]}, inline
 * scripts, {@code javascript:} links), so a payload that CSP happened to block still fails the test when the page
 * did not escape it. Each payload must be visible as text (or as the value of a form field on edit pages).
 */
@FullStackTest
class StoredScriptBrowserTests {

    private static final Pattern KEY = Pattern.compile("name=\"key\" value=\"([^\"]+)\"");

    /** What each payload does when it runs; every variant sets the same flag. */
    private static List<String> payloads(String m) {
        return List.of("<script>__xss=1</script>" + m + "a",
                "<img src=x onerror=__xss=1;alert(1)>" + m + "b",
                "\"><svg onload=__xss=1>" + m + "c",
                "javascript:__xss=1//" + m + "d");
    }

    private static final String DETECT = """
            return {flag: window.__xss === undefined ? 0 : 1,
                    injected: document.querySelectorAll('img[onerror],svg[onload],[onload],[onerror],a[href^="javascript:"]').length
                            + Array.from(document.scripts).filter(s => !s.src).length,
                    text: document.body.innerText + '\\n' + Array.from(document.querySelectorAll('input, textarea'))
                            .map(e => e.value).join('\\n')};""";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    record Page(String user, String path, List<String> visible) {
    }

    @Test
    void script_stored_through_any_form_never_runs_on_the_pages_that_show_it() throws Exception {
        assumeTrue(Browser.available(), "headless Chromium");
        String m = "X" + UUID.randomUUID().toString().substring(0, 6);
        List<String> p = payloads(m);
        List<Page> pages = new ArrayList<>();

        // a resident rates an officer of the handler's station with a comment and a clue
        long station = id("SELECT unit_id FROM staff_account WHERE username = 'handler'");
        var target = jdbc.sql("SELECT code, officer_id FROM evaluation_target WHERE active AND officer_id IN "
                        + "(SELECT id FROM officer WHERE unit_id = ?) ORDER BY officer_id DESC LIMIT 1").param(station)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).single();
        long officer = target.getValue();
        StaffClient resident = new StaffClient(port);
        Matcher k = KEY.matcher(resident.get("/e/" + target.getKey()).body());
        assertThat(k.find()).isTrue();
        Map<String, String> rating = new HashMap<>(Map.of("key", k.group(1), "overall", "DISSATISFIED",
                "comment", p.get(0) + " " + p.get(1), "clue", "窗口刁难 " + p.get(2) + " " + p.get(3),
                "phone", "13800138001", "consent", "yes"));
        HttpResponse<String> receipt = resident.postMultipart("/e/" + target.getKey(), rating, null, null, null, null);
        assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(200);
        pages.add(new Page("unitleader", "/evaluations", List.of(p.get(0), p.get(1))));
        pages.add(new Page(FaultAccounts.discipline(jdbc, passwords), "/evaluations/officers/" + officer, List.of()));
        long clueCase = awaitCase(p.get(2));
        pages.add(new Page("dispatcher", "/cases/" + clueCase, List.of(p.get(2), p.get(3))));

        // a county dispatcher registers a case; the handler reports findings on it
        long county1 = id("SELECT jurisdiction_id FROM staff_account WHERE username = 'dispatcher1'");
        StaffClient dispatcher = new StaffClient(port);
        dispatcher.login("dispatcher1");
        dispatcher.get("/cases/new");
        long caseId = created(dispatcher.postForm("/cases/new", Map.of("type", "DISPUTE", "channel", "WALK_IN",
                "jurisdictionId", String.valueOf(county1), "raiserName", p.get(1).substring(0, 20),
                "raiserPhone", "13611113333", "content", "纠纷 " + p.get(0) + " " + p.get(2) + " " + p.get(3),
                "category", p.get(1).substring(0, 30), "formToken", m)), "/cases/");
        ok(dispatcher.postForm("/cases/" + caseId + "/accept", Map.of("comment", p.get(1))));
        ok(dispatcher.postForm("/cases/" + caseId + "/triage", Map.of("category", "邻里纠纷", "risk", "LOW",
                "unitId", String.valueOf(station))));
        ok(dispatcher.postForm("/cases/" + caseId + "/dispatch", Map.of("unitId", String.valueOf(station))));
        StaffClient handler = new StaffClient(port);
        handler.login("handler");
        handler.get("/cases/" + caseId);
        ok(handler.postForm("/cases/" + caseId + "/sign", Map.of()));
        handler.get("/cases/" + caseId);
        ok(handler.postMultipart("/cases/" + caseId + "/report", Map.of("outcome", "RESOLVED",
                "findings", p.get(1) + " " + p.get(3), "disciplinedNames", p.get(2)), null, null, null, null));
        // the raiser rates the handling on the public tracking page with a comment of their own
        StaffClient unitLeader = new StaffClient(port);
        unitLeader.login("unitleader");
        unitLeader.get("/cases/" + caseId);
        ok(unitLeader.postForm("/cases/" + caseId + "/unit-approve", Map.of()));
        StaffClient reviewer = new StaffClient(port);
        reviewer.login("policeleader");
        reviewer.get("/cases/" + caseId);
        ok(reviewer.postForm("/cases/" + caseId + "/approve", Map.of("comment", p.get(2))));
        String tracking = text("SELECT tracking_code FROM cases WHERE id = " + caseId);
        StaffClient raiser = new StaffClient(port);
        raiser.get("/t/" + tracking);
        String ratingComment = "仍未解决 " + p.get(1).replace("X", "R");
        ok(raiser.postForm("/t/" + tracking + "/rating", Map.of("verdict", "DISSATISFIED", "comment", ratingComment)));
        pages.add(new Page("dispatcher1", "/cases/" + caseId,
                List.of(p.get(0), p.get(1), p.get(2), p.get(3), ratingComment)));
        pages.add(new Page("unitleader", "/cases/" + caseId, List.of(p.get(1))));
        pages.add(new Page("dispatcher1", "/pool?q=" + m, List.of()));

        // the city admin creates one of everything in the organisation
        StaffClient admin = new StaffClient(port);
        admin.login("admin");
        String township = text("SELECT code FROM jurisdiction WHERE parent_id = " + county1 + " ORDER BY id LIMIT 1");
        String village = text("SELECT v.code FROM jurisdiction v JOIN jurisdiction t ON t.id = v.parent_id "
                + "WHERE t.parent_id = " + county1 + " ORDER BY v.id LIMIT 1");
        admin.get("/admin/units/new");
        long unit = created(admin.postForm("/admin/units", Map.of("code", "U" + m, "name", p.get(0),
                "type", "POLICE_STATION", "jurisdictionCode", township, "address", p.get(3))), "/admin/units/");
        long newOfficer = created(admin.postForm("/admin/officers", Map.of("badgeNo", "B" + m,
                "name", p.get(1), "position", p.get(2), "unitId", String.valueOf(unit))), "/admin/officers/");
        long grid = created(admin.postForm("/admin/grids", Map.of("code", "G" + m, "name", p.get(2),
                "type", "RURAL", "villageCode", village, "households", "120")), "/admin/grids/");
        long place = created(admin.postForm("/admin/jurisdictions", Map.of("parentCode", township,
                "code", "J" + m, "name", p.get(3))), "/admin/jurisdictions/");
        long staff = created(admin.postForm("/admin/staff", Map.of("username", "xss" + m, "displayName", p.get(1),
                "roles", "DISPATCHER", "unitId", String.valueOf(unit), "jurisdictionCode", township,
                "password", "Minyi@2026x")), "/admin/staff/");
        pages.add(new Page("admin", "/admin/units/" + unit, List.of(p.get(0), p.get(3))));
        pages.add(new Page("admin", "/admin/units?q=" + m, List.of(p.get(0))));
        pages.add(new Page("admin", "/admin/officers/" + newOfficer, List.of(p.get(1), p.get(2))));
        pages.add(new Page("admin", "/admin/officers?q=" + m, List.of(p.get(1))));
        pages.add(new Page("admin", "/admin/grids/" + grid, List.of(p.get(2))));
        pages.add(new Page("admin", "/admin/grids?q=" + m, List.of(p.get(2))));
        pages.add(new Page("admin", "/admin/jurisdictions/" + place, List.of(p.get(3))));
        pages.add(new Page("admin", "/admin/jurisdictions?q=" + m, List.of(p.get(3))));
        pages.add(new Page("admin", "/admin/staff/" + staff, List.of(p.get(1))));
        pages.add(new Page("admin", "/admin/staff?q=" + m, List.of(p.get(1))));
        pages.add(new Page("admin", "/admin/audit", List.of()));

        List<String> executions = new ArrayList<>();
        List<String> hidden = new ArrayList<>();
        Map<String, List<Page>> byUser = new LinkedHashMap<>();
        pages.forEach(pg -> byUser.computeIfAbsent(pg.user(), u -> new ArrayList<>()).add(pg));
        ChromeDriver driver = Browser.start(1280, 900);
        try {
            for (var entry : byUser.entrySet()) {
                driver.manage().deleteAllCookies();
                login(driver, entry.getKey());
                for (Page page : entry.getValue()) {
                    check(driver, page, executions, hidden);
                }
            }
            login(driver, "dispatcher1");
            driver.get(base() + "/cases/" + caseId);
            Browser.screenshot(driver, "stored-script-shown-as-text");
        } finally {
            driver.quit();
        }
        assertThat(executions).as("stored scripts that ran").isEmpty();
        assertThat(hidden).as("payloads not shown as text").isEmpty();
    }

    @SuppressWarnings("unchecked")
    private void check(ChromeDriver driver, Page page, List<String> executions, List<String> hidden) {
        try {
            driver.get(base() + page.path());
            Map<String, Object> seen = (Map<String, Object>) driver.executeScript(DETECT);
            if (((Number) seen.get("flag")).intValue() != 0) {
                executions.add(page.user() + " " + page.path() + ": window.__xss set");
            }
            if (((Number) seen.get("injected")).intValue() != 0) {
                executions.add(page.user() + " " + page.path() + ": " + seen.get("injected") + " injected elements");
            }
            String text = (String) seen.get("text");
            for (String v : page.visible()) {
                if (!text.contains(v)) {
                    hidden.add(page.user() + " " + page.path() + ": " + v);
                }
            }
            driver.switchTo().alert();
            executions.add(page.user() + " " + page.path() + ": alert open");
            driver.switchTo().alert().accept();
        } catch (NoAlertPresentException expected) {
            // no dialog: nothing ran
        } catch (UnhandledAlertException e) {
            executions.add(page.user() + " " + page.path() + ": alert " + e.getAlertText());
            try {
                driver.switchTo().alert().accept();
            } catch (NoAlertPresentException gone) {
                // already dismissed by the driver
            }
        }
    }

    private void login(ChromeDriver driver, String user) {
        driver.get(base() + "/login");
        driver.findElement(By.name("username")).sendKeys(user);
        driver.findElement(By.name("password")).sendKeys(StaffClient.DEMO_PASSWORD);
        driver.findElement(By.id("login-submit")).click();
        // the click returns before the login's POST-redirect-GET has finished on a busy machine
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> !d.getCurrentUrl().contains("/login"));
    }

    private long awaitCase(String contentPart) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            var id = jdbc.sql("SELECT id FROM cases WHERE content LIKE ?").param("%" + contentPart + "%")
                    .query(Long.class).optional();
            if (id.isPresent()) {
                return id.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the clue did not reach the pool");
    }

    private static long created(HttpResponse<String> res, String prefix) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(302);
        String location = res.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains(prefix);
        return Long.parseLong(location.replaceAll(".*" + Pattern.quote(prefix) + "(\\d+).*", "$1"));
    }

    private static void ok(HttpResponse<String> res) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(302);
    }

    private long id(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private String text(String sql) {
        return jdbc.sql(sql).query(String.class).single();
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
