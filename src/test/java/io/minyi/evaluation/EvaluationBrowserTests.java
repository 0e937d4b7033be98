package io.minyi.evaluation;

import io.minyi.support.Browser;
import io.minyi.support.FullStackTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@FullStackTest
class EvaluationBrowserTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void a_resident_rates_an_officer_on_a_small_phone_and_gets_a_receipt() {
        assumeTrue(Browser.available(), "Debian chromium and chromedriver are installed by .ci/run");
        String code = jdbc.sql("""
                SELECT t.code FROM evaluation_target t WHERE t.active AND t.officer_id IS NOT NULL
                ORDER BY t.officer_id OFFSET 100 LIMIT 1""").query(String.class).single();
        ChromeDriver driver = Browser.start(360, 740);
        try {
            driver.get("http://localhost:" + port + "/e/" + code);
            assertThat(driver.findElement(By.tagName("h1")).getText()).contains("群众评议");
            // The page must fit the phone's width: no sideways scrolling.
            Long scrollWidth = (Long) driver.executeScript("return document.documentElement.scrollWidth;");
            assertThat(scrollWidth).isLessThanOrEqualTo(360);
            Browser.screenshot(driver, "evaluation-form");

            driver.findElement(By.cssSelector("input[name=overall][value=SATISFIED]")).click();
            driver.findElement(By.cssSelector("input[name=r_lawful][value=SATISFIED]")).click();
            driver.findElement(By.cssSelector("input[name=r_conduct][value=BASICALLY_SATISFIED]")).click();
            driver.findElement(By.id("comment")).sendKeys("态度很好，解释得清楚。");
            driver.findElement(By.id("phone")).sendKeys("13700001111");
            driver.findElement(By.name("consent")).click();
            Browser.screenshot(driver, "evaluation-form-filled");
            driver.findElement(By.cssSelector("button.submit")).click();

            new WebDriverWait(driver, Duration.ofSeconds(10))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("tracking-code")));
            String tracking = driver.findElement(By.id("tracking-code")).getText();
            assertThat(tracking).as("a receipt code, decision 0062").matches("[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{3}");
            Browser.screenshot(driver, "evaluation-receipt");

            driver.findElement(By.id("tracking-link")).click();
            new WebDriverWait(driver, Duration.ofSeconds(10))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("clue-state")));
            assertThat(driver.getPageSource()).contains("您的评价已收到");
            Browser.screenshot(driver, "evaluation-tracking");
        } finally {
            driver.quit();
        }
    }
}
