package io.minyi.grid;

import io.minyi.support.Browser;
import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The grid worker's journeys on a 360×740 phone: a report with a photo, reports without signal, 核实 on site. */
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
            driver.findElement(By.linkText("上报事件")).click();
            fill(driver, "FIRE", "楼道电动车充电 " + marker, "ESCALATED");
            driver.findElement(By.id("photos")).sendKeys(photo.toAbsolutePath().toString());
            Browser.screenshot(driver, "grid-report-filled");
            driver.findElement(By.id("event-submit")).click();
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> count(marker) == 1);
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> outboxCount(driver) == 0);
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
            new WebDriverWait(driver, Duration.ofSeconds(10))
                    .until(d -> "CLOSED".equals(jdbc.queryForObject("SELECT state FROM cases WHERE id = ?", String.class, caseId)));
            assertThat(driver.getPageSource()).contains("已确认办结");
        } finally {
            driver.quit();
            Files.deleteIfExists(photo);
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
            new WebDriverWait(driver, Duration.ofSeconds(5))
                    .until(d -> Boolean.FALSE.equals(driver.executeScript("return navigator.onLine;")));

            fill(driver, "SANITATION", "垃圾桶满溢 " + marker + " 一", "SELF_RESOLVED");
            driver.findElement(By.id("event-submit")).click();
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> outboxCount(driver) == 1);
            fill(driver, "PUBLIC_ORDER", "夜间有人聚集喧哗 " + marker + " 二", "SELF_RESOLVED");
            driver.findElement(By.id("event-submit")).click();
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> outboxCount(driver) == 2);
            assertThat(driver.findElement(By.cssSelector("[data-outbox-panel]")).isDisplayed()).isTrue();
            Browser.screenshot(driver, "grid-offline-outbox");
            assertThat(count(marker)).isZero();

            ChromiumNetworkConditions online = new ChromiumNetworkConditions();
            online.setOffline(false);
            driver.setNetworkConditions(online);
            new WebDriverWait(driver, Duration.ofSeconds(40)).until(d -> count(marker) == 2 && outboxCount(driver) == 0);
            // the waiting bar is gone, and sending again (a retry, a second tab) finds nothing and creates nothing
            assertThat(driver.findElement(By.cssSelector("[data-outbox-panel]")).isDisplayed()).isFalse();
            driver.executeScript("return window.minyiOutbox.flush();");
            assertThat(count(marker)).isEqualTo(2);
            Browser.screenshot(driver, "grid-offline-sent");
        } finally {
            driver.quit();
        }
    }
}
