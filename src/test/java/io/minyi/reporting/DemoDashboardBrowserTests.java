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

    @Test
    void the_leader_sees_a_living_city_and_drills_down_to_its_cases() {
        assumeTrue(Browser.available(), "Debian chromium and chromedriver are installed by .ci/run");
        ChromeDriver driver = Browser.start(1366, 1000);
        try {
            String base = "http://localhost:" + port;
            Browser.login(driver, base, "leader");
            driver.get(base + "/dashboard");
            List<WebElement> values = driver.findElements(By.cssSelector(".kpi-value"));
            long nonZero = values.stream().map(WebElement::getText)
                    .filter(t -> !t.isBlank() && !t.equals("0") && !t.equals("—") && !t.equals("0.0%")).count();
            assertThat(nonZero).as("dashboard figures with something to show").isGreaterThanOrEqualTo(10);
            Browser.screenshot(driver, "dashboard");

            WebElement clues = driver.findElement(By.cssSelector("a.kpi-value[href*='type=CLUE']"));
            driver.get(clues.getAttribute("href"));
            assertThat(driver.findElements(By.cssSelector("a[href^='/cases/']"))).isNotEmpty();
        } finally {
            driver.quit();
        }
    }
}
