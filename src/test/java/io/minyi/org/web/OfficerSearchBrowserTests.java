package io.minyi.org.web;

import io.minyi.support.Browser;
import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@FullStackTest
class OfficerSearchBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void the_demo_admin_finds_an_officer_of_the_demo_city_by_name() {
        Assumptions.assumeTrue(Browser.available(), "needs /usr/bin/chromium and /usr/bin/chromedriver");
        // a three-character name of a police officer in the demo city, as an administrator would look one up
        String name = jdbc.sql("""
                        SELECT o.name FROM officer o JOIN unit u ON u.id = o.unit_id
                        WHERE u.code = 'U-0001-10' AND char_length(o.name) = 3 ORDER BY o.id LIMIT 1""")
                .query(String.class).single();
        String base = "http://localhost:" + port;
        ChromeDriver driver = Browser.start(1280, 900);
        try {
            Browser.login(driver, base, "admin");
            driver.findElement(By.linkText("组织机构")).click();
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/admin/officers"));
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.id("q")));
            assertThat(driver.getCurrentUrl()).endsWith("/admin/officers");

            driver.findElement(By.id("q")).sendKeys(name);
            WebElement before = driver.findElement(By.id("results"));
            driver.findElement(By.id("search")).click();
            // the search is a full page load: read rows only from the new page, never the old one being replaced
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(Browser.gone(before));
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.id("results")));

            List<WebElement> rows = driver.findElements(By.cssSelector("#results tbody tr"));
            assertThat(rows).isNotEmpty();
            assertThat(rows).allSatisfy(r -> assertThat(r.getText()).contains(name));
            assertThat(driver.findElement(By.cssSelector(".pager")).getText()).contains("共 " + rows.size() + " 条");
            Browser.screenshot(driver, "officers-search");
        } finally {
            driver.quit();
        }
    }
}
