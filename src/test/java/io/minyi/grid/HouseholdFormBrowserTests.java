package io.minyi.grid;

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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The township centre's dispatcher adds a household in the browser (decision 0058): an ID number that is not one comes
 * back beside its field with everything else as typed; corrected, the household is saved, listed in the register and
 * its ID number is only ever shown masked.
 */
@FullStackTest
class HouseholdFormBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void a_wrong_id_number_is_shown_beside_its_field_and_the_corrected_household_is_saved_and_listed() {
        Assumptions.assumeTrue(Browser.available(), "needs /usr/bin/chromium and /usr/bin/chromedriver");
        String head = "浏览器户主" + System.nanoTime() % 1_000_000;
        String base = "http://localhost:" + port;
        ChromeDriver driver = Browser.start(1280, 900);
        try {
            Browser.login(driver, base, "dispatcher1");
            driver.get(base + "/grid/centre/households/new");
            Browser.waitUntil(driver, 30, "the new household's form", d -> !d.findElements(By.name("headName")).isEmpty());
            new Select(driver.findElement(By.name("gridId"))).selectByIndex(1);
            driver.findElement(By.name("address")).sendKeys("幸福路 8 号 3 单元 201");
            driver.findElement(By.name("headName")).sendKeys(head);
            driver.findElement(By.name("idNumber")).sendKeys("12345");
            driver.findElement(By.name("members")).sendKeys("4");
            driver.findElement(By.cssSelector("form.record button[type=submit]")).click();
            Browser.waitUntil(driver, 30, "the form again with its problem",
                    d -> !d.findElements(By.cssSelector("#problems-idNumber")).isEmpty());
            Browser.screenshot(driver, "household-form-refused");

            WebElement id = driver.findElement(By.name("idNumber"));
            assertThat(id.getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(driver.findElement(By.id("problems-idNumber")).getText()).isNotBlank();
            assertThat(driver.findElement(By.name("headName")).getAttribute("value")).isEqualTo(head);
            assertThat(driver.findElement(By.name("members")).getAttribute("value")).isEqualTo("4");
            assertThat(driver.findElements(By.cssSelector("[aria-invalid=true]"))).hasSize(1);
            assertThat(count(head)).as("nothing stored while the form has a problem").isZero();

            id.clear();
            id.sendKeys("11010519491231002X");
            driver.findElement(By.cssSelector("form.record button[type=submit]")).click();
            Browser.waitUntil(driver, 30, "the saved household's page",
                    d -> d.getCurrentUrl().matches(".*/grid/centre/households/\\d+$"));
            assertThat(driver.findElements(By.cssSelector(".alert.ok"))).isNotEmpty();
            assertThat(driver.findElements(By.cssSelector(".field-problems"))).isEmpty();
            assertThat(count(head)).isEqualTo(1);
            assertThat(driver.getPageSource()).doesNotContain("11010519491231002X");

            driver.get(base + "/grid/centre/households?q=" + head);
            Browser.waitUntil(driver, 30, "the register lists the household",
                    d -> d.getPageSource().contains(head));
            assertThat(driver.getPageSource()).doesNotContain("11010519491231002X");
        } finally {
            driver.quit();
        }
    }

    private long count(String head) {
        return jdbc.sql("SELECT count(*) FROM grid_household WHERE head_name = ?").param(head).query(Long.class).single();
    }
}
