package io.minyi.web;

import io.minyi.support.Browser;
import io.minyi.support.FullStackTest;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What only a browser sees: every page of each demo account's menu, and a first page of each kind it links to, opens
 * in Chromium with nothing in its console at
 * the level of an error — no script refused by the Content-Security-Policy, no asset or htmx fragment that fails to
 * load, no uncaught error of the page's own scripts, no manifest that is not one. The HTTP crawler
 * ({@link RoleCrawlerFullStackTests}) proves the links answer; this proves the pages they open work as pages.
 */
@FullStackTest
class ConsoleBrowserTests {

    /** Enough for every menu page and a first page of what each links to, in about a minute for all accounts. */
    private static final int PAGES_PER_ACCOUNT = 24;

    /** Downloads (Excel, PDF, CSV, letters, photos), the API and its documentation, signing out. */
    private static final Pattern NOT_PAGES = Pattern.compile(
            "\\.(xlsx|pdf|csv|png|jpg|svg)(\\?|$)|/(export|download|template|photo|photos|attachments?)(/|\\?|$)"
            + "|^/(api|v3|swagger-ui|logout|open311|css|js|webjars|img)(/|\\.|\\?|$)");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @TestFactory
    Stream<DynamicTest> every_menu_page_of_each_demo_account_opens_without_a_console_error() {
        return RoleCrawlerFullStackTests.DEMO_ACCOUNTS.stream()
                .map(account -> DynamicTest.dynamicTest(account, () -> visitFromTheMenu(account)));
    }

    @Test
    void the_residents_pages_open_on_a_phone_without_a_console_error() {
        assumeTrue(Browser.available(), "Debian chromium and chromedriver are installed by .ci/run");
        List<String> pages = new ArrayList<>(AccessibilityBrowserTests.residentPages(jdbc));
        pages.addAll(List.of("/login", "/public/typical", "/public/suggestions"));
        ChromeDriver driver = Browser.start(360, 740);
        List<String> problems = new ArrayList<>();
        try {
            for (String page : pages) {
                driver.get("http://localhost:" + port + page);
                problems.addAll(errors(driver, page).stream()
                        // a page that answers 404 on purpose (an unknown code) is logged by the browser as a failed load
                        .filter(e -> !e.contains("the server responded with a status of 404")).toList());
            }
        } finally {
            driver.quit();
        }
        assertThat(problems).as("console errors on the residents' pages %s", pages).isEmpty();
    }

    private void visitFromTheMenu(String account) {
        assumeTrue(Browser.available(), "Debian chromium and chromedriver are installed by .ci/run");
        RoleCrawlerFullStackTests.unlock(jdbc, account);
        String base = "http://localhost:" + port;
        // the grid worker's pages are a phone's
        ChromeDriver driver = "gridworker".equals(account) ? Browser.start(360, 740) : Browser.start(1280, 900);
        List<String> problems = new ArrayList<>();
        int visited = 0;
        try {
            Browser.login(driver, base, account);
            problems.addAll(errors(driver, "(home after sign-in)"));
            // the menu first, then what its pages link to, one page per shape of URL, breadth first
            Deque<String> queue = new ArrayDeque<>(links(driver, base, "nav a[href]"));
            assertThat(queue).as("the menu shown to %s", account).isNotEmpty();
            Set<String> seen = new HashSet<>();
            queue.forEach(page -> seen.add(RoleCrawlerFullStackTests.pattern(page)));
            while (!queue.isEmpty() && visited < PAGES_PER_ACCOUNT) {
                String page = queue.poll();
                visited++;
                driver.get(base + page);
                // htmx fragments and charts load after the page: give them the moment a person would
                Browser.waitUntil(driver, 10, "the page " + page + " to settle",
                        d -> "complete".equals(driver.executeScript("return document.readyState"))
                                && Boolean.TRUE.equals(driver.executeScript(
                                "return !document.querySelector('.htmx-request');")));
                problems.addAll(errors(driver, page));
                for (String next : links(driver, base, "main a[href]")) {
                    if (seen.add(RoleCrawlerFullStackTests.pattern(next))) {
                        queue.add(next);
                    }
                }
            }
        } finally {
            driver.quit();
        }
        assertThat(problems).as("console errors on the %d pages %s opened", visited, account).isEmpty();
    }

    /** Same-origin pages the elements link to: not files to download, not the language switch, not the API. */
    private static List<String> links(ChromeDriver driver, String base, String selector) {
        List<String> pages = new ArrayList<>();
        for (WebElement link : driver.findElements(By.cssSelector(selector))) {
            String href = link.getAttribute("href");
            if (href == null || !href.startsWith(base) || link.getDomAttribute("download") != null) {
                continue;
            }
            String page = href.substring(base.length()).replaceFirst("#.*", "");
            if (!page.isEmpty() && !page.contains("lang=") && !NOT_PAGES.matcher(page).find()) {
                pages.add(page);
            }
        }
        return pages;
    }

    /** The console's errors since the last call (reading the log empties it). */
    private static List<String> errors(ChromeDriver driver, String page) {
        List<String> found = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                found.add(page + ": " + entry.getMessage());
            }
        }
        return found;
    }
}
