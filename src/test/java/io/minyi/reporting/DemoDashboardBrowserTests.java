package io.minyi.reporting;

import io.minyi.support.Browser;
import io.minyi.support.DemoActivityTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The leader's first look at the demo city: the dashboard's case and evaluation figures are not zero, and each case
 * figure opens the records behind it. Leaves target/screenshots/dashboard.png (the README's picture).
 */
@DemoActivityTest
class DemoDashboardBrowserTests {

    @LocalServerPort
    int port;

    private static long nonZero(List<WebElement> values) {
        return values.stream().map(WebElement::getText)
                .filter(t -> !t.isBlank() && !t.equals("0") && !t.equals("—") && !t.equals("0.0%")).count();
    }

    @Test
    void the_leader_sees_a_living_city_and_drills_down_to_its_cases() {
        assumeTrue(Browser.available(), "Debian chromium and chromedriver are installed by .ci/run");
        ChromeDriver driver = Browser.start(1366, 1000);
        try {
            String base = "http://localhost:" + port;
            Browser.login(driver, base, "leader");
            // the roll-ups of the demo's cases are counted by the drains of their events, a second or two behind the
            // demo's last record: the page is read again until they are in (or the wait gives up and says what it saw)
            List<String> seen = new java.util.ArrayList<>();
            try {
                new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(60),
                        java.time.Duration.ofSeconds(2)).until(d -> {
                    d.get(base + "/dashboard");
                    seen.clear();
                    seen.add(d.getCurrentUrl());
                    d.findElements(By.cssSelector(".kpi-value")).forEach(v -> seen.add(v.getText()));
                    return nonZero(d.findElements(By.cssSelector(".kpi-value"))) >= 10;
                });
            } catch (org.openqa.selenium.TimeoutException e) {
                org.junit.jupiter.api.Assertions.fail("dashboard figures with something to show: " + seen, e);
            }
            Browser.screenshot(driver, "dashboard");

            WebElement clues = driver.findElement(By.cssSelector("a.kpi-value[href*='type=CLUE']"));
            driver.get(clues.getAttribute("href"));
            assertThat(driver.findElements(By.cssSelector("a[href^='/cases/']"))).isNotEmpty();
        } finally {
            driver.quit();
        }
    }
}
