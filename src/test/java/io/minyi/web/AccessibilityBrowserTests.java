package io.minyi.web;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import io.minyi.support.Browser;
import io.minyi.support.FullStackTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Many residents are elderly and many grid workers read in the sun: every resident page and the grid worker's pages
 * pass axe-core's WCAG 2.1 A/AA rules with no serious or critical violation, on a 360 px phone and at 200 % zoom.
 */
@FullStackTest
class AccessibilityBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    /**
     * The pages a resident opens, from the demo city: a unit's and an officer's rating form, tracking (the look-up, an
     * unknown code, a case's code) and an unknown rating code.
     */
    static List<String> residentPages(JdbcClient jdbc) {
        String unitCode = jdbc.sql("SELECT code FROM evaluation_target WHERE active AND officer_id IS NULL ORDER BY id LIMIT 1")
                .query(String.class).single();
        String officerCode = jdbc.sql("SELECT code FROM evaluation_target WHERE active AND officer_id IS NOT NULL ORDER BY id LIMIT 1")
                .query(String.class).single();
        List<String> pages = new ArrayList<>(List.of("/e/" + unitCode, "/e/" + officerCode, "/t", "/t/ABCDEFGHJK",
                "/e/NO-SUCH-CODE"));
        jdbc.sql("SELECT tracking_code FROM cases ORDER BY id LIMIT 1").query(String.class).optional()
                .ifPresent(code -> pages.add("/t/" + code));
        return pages;
    }

    @Test
    void resident_pages_have_no_serious_or_critical_accessibility_violation() {
        assumeTrue(Browser.available(), "Debian chromium and chromedriver are installed by .ci/run");
        List<String> pages = residentPages(jdbc);
        List<String> problems = new ArrayList<>();
        ChromeDriver driver = Browser.start(360, 740);
        try {
            for (String page : pages) {
                driver.get("http://localhost:" + port + page);
                problems.addAll(serious(page, driver));
                // 200 % zoom: nothing may need sideways scrolling or disappear.
                driver.executeScript("document.body.style.zoom = '200%'");
                Long overflow = (Long) driver.executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                if (overflow != null && overflow > 360) {
                    problems.add(page + " at 200 %: " + overflow + " px sideways");
                }
            }
        } finally {
            driver.quit();
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void the_grid_workers_pages_have_no_serious_or_critical_accessibility_violation() {
        assumeTrue(Browser.available(), "Debian chromium and chromedriver are installed by .ci/run");
        List<String> problems = new ArrayList<>();
        ChromeDriver driver = Browser.start(360, 740);
        try {
            Browser.login(driver, "http://localhost:" + port, "gridworker");
            for (String page : List.of("/", "/cases/new", "/notifications")) {
                driver.get("http://localhost:" + port + page);
                problems.addAll(serious(page, driver));
            }
        } finally {
            driver.quit();
        }
        assertThat(problems).isEmpty();
    }

    private static List<String> serious(String page, ChromeDriver driver) {
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                .analyze(driver);
        List<String> out = new ArrayList<>();
        for (Rule v : results.getViolations()) {
            if ("serious".equals(v.getImpact()) || "critical".equals(v.getImpact())) {
                out.add(page + ": " + v.getId() + " (" + v.getImpact() + ") " + v.getHelp() + " — "
                        + v.getNodes().stream().limit(3).map(n -> n.getTarget().toString()).toList());
            }
        }
        return out;
    }
}
