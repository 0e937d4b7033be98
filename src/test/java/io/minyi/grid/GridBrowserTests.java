package io.minyi.grid;

import io.minyi.support.Browser;
import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The grid worker's journeys on a 360×740 phone: a report with a photo, reports without signal, 核实 on site, and
 * signing out of a shared phone.
 */
@FullStackTest
class GridBrowserTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private String base() {
        return "http://localhost:" + port;
    }

    private long count(String marker) {
        return jdbc.queryForObject("SELECT count(*) FROM grid_event WHERE description LIKE ?", Long.class,
                "%" + marker + "%");
    }

    private void fill(ChromeDriver driver, String category, String text, String disposition) {
        new Select(driver.findElement(By.id("category"))).selectByValue(category);
        driver.findElement(By.id("description")).sendKeys(text);
        new Select(driver.findElement(By.id("householdId"))).selectByIndex(1);
        driver.findElement(By.id(disposition.equals("SELF_RESOLVED") ? "disp-self" : "disp-escalate")).click();
        if (disposition.equals("SELF_RESOLVED")) {
            driver.findElement(By.id("resolution")).sendKeys("当场劝导");
        }
    }

    /**
     * Waits until the phone's storage has answered once. A fresh browser profile sets its storage up on first use,
     * which on a busy machine was seen to take longer than the form waits for a draft to be kept (8 s) before it posts
     * the form as it is. That fallback is right for a phone and has its own test; the tests of drafts start once the
     * storage is ready, so they test drafts.
     */
    private static void storageReady(ChromeDriver driver) {
        Object answer = driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "window.minyiOutbox.all().then(function () { done('ready'); }, function (e) { done('refused: ' + e); });");
        assertThat(answer).as("the phone's storage").isEqualTo("ready");
    }

    private static long outboxCount(ChromeDriver driver) {
        return Long.parseLong(driver.findElement(By.cssSelector("[data-outbox-count]")).getAttribute("textContent"));
    }

    @Test
    void an_escalated_report_with_a_photo_goes_through_the_loop_and_the_worker_confirms_it_on_site() throws Exception {
        assumeTrue(Browser.available(), "Debian chromium and chromedriver are installed by .ci/run");
        String marker = "BR" + UUID.randomUUID().toString().substring(0, 6);
        Path photo = Files.createTempFile("grid-photo", ".png");
        Files.write(photo, GridFullStackTests.png(640, 480));
        ChromeDriver driver = Browser.start(360, 740);
        try {
            Browser.login(driver, base(), "gridworker");
            driver.get(base() + "/grid");
            assertThat((Long) driver.executeScript("return document.documentElement.scrollWidth;"))
                    .isLessThanOrEqualTo(360);
            Browser.screenshot(driver, "grid-home");
            // the browser reads the app's manifest with the session (it got the login page without one)
            Map<String, Object> manifest = driver.executeCdpCommand("Page.getAppManifest", Map.of());
            assertThat((List<?>) manifest.get("errors")).as("manifest errors").isEmpty();
            assertThat((String) manifest.get("data")).contains("\"start_url\":\"/grid\"");
            driver.findElement(By.linkText("上报事件")).click();
            fill(driver, "FIRE", "楼道电动车充电 " + marker, "ESCALATED");
            driver.findElement(By.id("photos")).sendKeys(photo.toAbsolutePath().toString());
            Browser.screenshot(driver, "grid-report-filled");
            driver.findElement(By.id("event-submit")).click();
            Browser.waitUntil(driver, 30, "the report recorded", d -> count(marker) == 1);
            Browser.waitUntil(driver, 30, "0 draft(s) in the outbox", d -> outboxCount(driver) == 0);
            long eventId = jdbc.queryForObject("SELECT id FROM grid_event WHERE description LIKE ?", Long.class,
                    "%" + marker + "%");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM grid_event_photo WHERE event_id = ?", Long.class,
                    eventId)).isEqualTo(1);
            long caseId = jdbc.queryForObject("SELECT case_id FROM grid_event WHERE id = ?", Long.class, eventId);

            // the dispatcher sees it in the pool with its grid, and the loop runs
            String gridName = jdbc.queryForObject("SELECT g.name FROM grid g JOIN grid_event e ON e.grid_id = g.id WHERE e.id = ?",
                    String.class, eventId);
            StaffClient dispatcher = new StaffClient(port);
            dispatcher.login("dispatcher1");
            assertThat(dispatcher.get("/pool?type=GRID_EVENT").body()).contains(marker).contains(gridName);
            long station = jdbc.queryForObject("SELECT unit_id FROM staff_account WHERE username = 'handler'", Long.class);
            dispatcher.postForm("/cases/" + caseId + "/accept", Map.of());
            dispatcher.postForm("/cases/" + caseId + "/triage", Map.of("category", "安全隐患", "risk", "HIGH",
                    "unitId", String.valueOf(station)));
            dispatcher.postForm("/cases/" + caseId + "/dispatch", Map.of("unitId", String.valueOf(station)));
            StaffClient leader = new StaffClient(port);
            leader.login("unitleader");
            leader.get("/cases/" + caseId);
            leader.postForm("/cases/" + caseId + "/sign", Map.of());
            leader.get("/cases/" + caseId);
            leader.postForm("/cases/" + caseId + "/report", Map.of("outcome", "RESOLVED", "findings", "已安装集中充电桩"));
            StaffClient reviewer = new StaffClient(port);
            reviewer.login("policeleader");
            reviewer.get("/cases/" + caseId);
            reviewer.postForm("/cases/" + caseId + "/approve", Map.of());
            assertThat(jdbc.queryForObject("SELECT state FROM cases WHERE id = ?", String.class, caseId))
                    .isEqualTo("AWAITING_FEEDBACK");

            driver.get(base() + "/grid/events/" + eventId);
            assertThat(driver.findElement(By.id("event-state")).getText()).isEqualTo("待您现场核实");
            Browser.screenshot(driver, "grid-confirm");
            driver.findElement(By.id("confirm-resolved")).click();
            new WebDriverWait(driver, Duration.ofSeconds(30))
                    .until(d -> "CLOSED".equals(jdbc.queryForObject("SELECT state FROM cases WHERE id = ?", String.class, caseId)));
            assertThat(driver.getPageSource()).contains("已确认办结");
        } finally {
            driver.quit();
            Files.deleteIfExists(photo);
        }
    }

    @Test
    void a_report_whose_draft_the_phone_cannot_keep_is_posted_as_it_is_and_recorded_once() {
        assumeTrue(Browser.available(), "Debian chromium and chromedriver are installed by .ci/run");
        String marker = "HANG" + UUID.randomUUID().toString().substring(0, 6);
        ChromeDriver driver = Browser.start(360, 740);
        try {
            Browser.login(driver, base(), "gridworker");
            driver.get(base() + "/grid/report");
            // the phone's storage stops answering: an open request that neither succeeds nor fails
            driver.executeScript("indexedDB.open = function () { return {}; };");
            fill(driver, "SANITATION", "井盖缺失 " + marker, "SELF_RESOLVED");
            driver.findElement(By.id("event-submit")).click();
            assertThat(driver.findElement(By.cssSelector("[data-form-result]")).getText()).isEqualTo("正在保存…");
            Browser.waitUntil(driver, 30, "the report posted as it is and recorded", d -> count(marker) == 1);
            Browser.waitUntil(driver, 30, "the page the post answered with",
                    d -> !d.getCurrentUrl().endsWith("/grid/report"));
            assertThat(count(marker)).isEqualTo(1);
        } finally {
            driver.quit();
        }
    }

    @Test
    void two_reports_made_without_signal_are_sent_when_it_returns_and_recorded_exactly_once() {
        assumeTrue(Browser.available(), "Debian chromium and chromedriver are installed by .ci/run");
        String marker = "OFF" + UUID.randomUUID().toString().substring(0, 6);
        ChromeDriver driver = Browser.start(360, 740);
        try {
            Browser.login(driver, base(), "gridworker");
            driver.get(base() + "/grid/report");
            ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
            offline.setOffline(true);
            driver.setNetworkConditions(offline);
            new WebDriverWait(driver, Duration.ofSeconds(30))
                    .until(d -> Boolean.FALSE.equals(driver.executeScript("return navigator.onLine;")));
            storageReady(driver);

            fill(driver, "SANITATION", "垃圾桶满溢 " + marker + " 一", "SELF_RESOLVED");
            driver.findElement(By.id("event-submit")).click();
            Browser.waitUntil(driver, 30, "1 draft(s) in the outbox", d -> outboxCount(driver) == 1);
            fill(driver, "PUBLIC_ORDER", "夜间有人聚集喧哗 " + marker + " 二", "SELF_RESOLVED");
            driver.findElement(By.id("event-submit")).click();
            Browser.waitUntil(driver, 30, "2 draft(s) in the outbox", d -> outboxCount(driver) == 2);
            assertThat(driver.findElement(By.cssSelector("[data-outbox-panel]")).isDisplayed()).isTrue();
            Browser.screenshot(driver, "grid-offline-outbox");
            assertThat(count(marker)).isZero();

            ChromiumNetworkConditions online = new ChromiumNetworkConditions();
            online.setOffline(false);
            driver.setNetworkConditions(online);
            Browser.waitUntil(driver, 40, "both drafts sent and recorded", d -> count(marker) == 2 && outboxCount(driver) == 0);
            // the waiting bar is gone, and sending again (a retry, a second tab) finds nothing and creates nothing
            assertThat(driver.findElement(By.cssSelector("[data-outbox-panel]")).isDisplayed()).isFalse();
            driver.executeScript("return window.minyiOutbox.flush();");
            assertThat(count(marker)).isEqualTo(2);
            Browser.screenshot(driver, "grid-offline-sent");
        } finally {
            driver.quit();
        }
    }

    @Test
    void signing_out_on_a_shared_phone_warns_about_unsent_drafts_and_deletes_them() {
        assumeTrue(Browser.available(), "Debian chromium and chromedriver are installed by .ci/run");
        String marker = "SHR" + UUID.randomUUID().toString().substring(0, 6);
        ChromeDriver driver = Browser.start(360, 740);
        try {
            Browser.login(driver, base(), "gridworker");
            driver.get(base() + "/grid/report");
            driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
                    + "Promise.race([navigator.serviceWorker.ready, new Promise(function (r) { setTimeout(r, 5000); })])"
                    + ".then(function () { done(true); });");
            storageReady(driver);
            // the phone is online but the server cannot be reached: the draft stays unsent
            driver.executeCdpCommand("Network.enable", Map.of());
            driver.executeCdpCommand("Network.setBlockedURLs", Map.<String, Object>of("urls", List.of("*/grid/csrf*")));
            fill(driver, "SANITATION", "共用手机草稿 " + marker, "SELF_RESOLVED");
            driver.findElement(By.id("event-submit")).click();
            Browser.waitUntil(driver, 30, "1 draft(s) in the outbox", d -> outboxCount(driver) == 1);
            // a draft another account left on this phone
            driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
                    + "var req = indexedDB.open('minyi-grid', 1); req.onsuccess = function () {"
                    + " var tx = req.result.transaction('outbox', 'readwrite');"
                    + " tx.objectStore('outbox').put({key: 'other-" + marker + "', url: '/grid/events',"
                    + "  fields: [['description', '他人草稿 " + marker + "']], files: [], savedAt: Date.now(), label: '',"
                    + "  owner: '-42'});"
                    + " tx.oncomplete = function () { req.result.close(); done(true); }; };");
            driver.executeAsyncScript("var done = arguments[arguments.length - 1]; window.minyiOutbox.show().then(function () { done(true); });");
            assertThat(driver.findElement(By.cssSelector("[data-outbox-others]")).getText()).contains("其他账号");

            // the warning says how many would be lost; cancelling keeps everything and stays signed in
            driver.findElement(By.cssSelector("footer form[action$='/logout'] button")).click();
            Alert warning = new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.alertIsPresent());
            assertThat(warning.getText()).contains("1 条草稿未发送");
            warning.dismiss();
            assertThat(driver.getCurrentUrl()).endsWith("/grid/report");
            assertThat(outboxCount(driver)).isEqualTo(1);

            // confirmed: this account's draft and the kept pages are gone, the other account's draft stays
            driver.findElement(By.cssSelector("footer form[action$='/logout'] button")).click();
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.alertIsPresent()).accept();
            new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("/login"));
            Browser.screenshot(driver, "grid-signed-out");
            Object left = driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
                    + "var req = indexedDB.open('minyi-grid', 1); req.onsuccess = function () {"
                    + " var get = req.result.transaction('outbox').objectStore('outbox').getAll();"
                    + " get.onsuccess = function () { done(get.result.map(function (d) { return d.owner + ':' + d.key; }).join(',')); }; };");
            assertThat(String.valueOf(left)).isEqualTo("-42:other-" + marker);
            Object pages = driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
                    + "caches.keys().then(function (k) { done(k.filter(function (x) { return x.indexOf('minyi-grid') === 0; }).length); });");
            assertThat(((Number) pages).longValue()).isZero();

            // signed in again with the network back: nothing of either draft is ever recorded
            driver.executeCdpCommand("Network.setBlockedURLs", Map.<String, Object>of("urls", List.of()));
            Browser.login(driver, base(), "gridworker");
            driver.get(base() + "/grid");
            driver.executeAsyncScript("var done = arguments[arguments.length - 1]; window.minyiOutbox.flush().then(function () { done(true); });");
            assertThat(outboxCount(driver)).isZero();
            assertThat(count(marker)).isZero();
        } finally {
            driver.quit();
        }
    }
}
