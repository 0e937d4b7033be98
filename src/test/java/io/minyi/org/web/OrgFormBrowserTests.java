package io.minyi.org.web;

import io.minyi.support.Browser;
import io.minyi.support.FullStackTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An administrator adds a grid in the browser with a code another grid holds: the form comes back with the problem
 * beside the code, everything else as typed; with a new code it is saved.
 */
@FullStackTest
class OrgFormBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void a_taken_code_is_shown_beside_the_code_field_and_the_corrected_form_is_saved() {
        Assumptions.assumeTrue(Browser.available(), "needs /usr/bin/chromium and /usr/bin/chromedriver");
        Map<String, Object> taken = jdbc.sql("""
                        SELECT g.code AS grid, j.code AS village FROM grid g JOIN jurisdiction j ON j.id = g.village_id
                        WHERE j.active AND j.path LIKE (SELECT a.path || '%' FROM staff_account s
                              JOIN jurisdiction a ON a.id = s.jurisdiction_id WHERE s.username = 'admin')
                        ORDER BY g.id LIMIT 1""").query().singleRow();
        String name = "表单网格" + System.nanoTime() % 1_000_000;
        String base = "http://localhost:" + port;
        ChromeDriver driver = Browser.start(1280, 900);
        try {
            Browser.login(driver, base, "admin");
            driver.get(base + "/admin/grids/new");
            Browser.waitUntil(driver, 30, "the new grid's form", d -> !d.findElements(By.name("code")).isEmpty());
            driver.findElement(By.name("code")).sendKeys(String.valueOf(taken.get("grid")));
            driver.findElement(By.name("name")).sendKeys(name);
            new Select(driver.findElement(By.name("type"))).selectByValue("RURAL");
            driver.findElement(By.name("villageCode")).sendKeys(String.valueOf(taken.get("village")));
            driver.findElement(By.name("households")).sendKeys("42");
            WebElement form = driver.findElement(By.cssSelector("form.record"));
            form.findElement(By.cssSelector("button[type=submit]")).click();
            Browser.waitUntil(driver, 30, "the form again with its problem",
                    d -> !d.findElements(By.cssSelector("#problems-code")).isEmpty());
            Browser.screenshot(driver, "org-form-refused");

            WebElement code = driver.findElement(By.name("code"));
            assertThat(code.getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(code.getAttribute("aria-describedby")).isEqualTo("problems-code");
            assertThat(driver.findElement(By.id("problems-code")).getText())
                    .isEqualTo("网格编码" + taken.get("grid") + "已被使用");
            assertThat(driver.findElement(By.name("name")).getAttribute("value")).isEqualTo(name);
            assertThat(driver.findElement(By.name("households")).getAttribute("value")).isEqualTo("42");
            assertThat(new Select(driver.findElement(By.name("type"))).getFirstSelectedOption().getAttribute("value"))
                    .isEqualTo("RURAL");
            assertThat(driver.findElements(By.cssSelector("[aria-invalid=true]"))).hasSize(1);

            code.clear();
            code.sendKeys("FORM-" + System.nanoTime());
            driver.findElement(By.cssSelector("form.record button[type=submit]")).click();
            Browser.waitUntil(driver, 30, "the saved grid's page",
                    d -> d.getCurrentUrl().matches(".*/admin/grids/\\d+$"));
            assertThat(driver.findElement(By.cssSelector(".alert.ok")).getText()).isEqualTo("已新增。");
            assertThat(driver.findElements(By.cssSelector(".field-problems"))).isEmpty();
        } finally {
            driver.quit();
        }
    }
}
