package io.minyi.lists;

import io.minyi.support.Browser;
import io.minyi.support.FullStackTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A list item in a browser (issue 12): the centre issues it to a police station, the station asks for strike-off
 * with evidence and cannot approve it itself, and only the issuing level's approval strikes it off (销号).
 */
@FullStackTest
class ListsBrowserTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private String base() {
        return "http://localhost:" + port;
    }

    @Test
    void a_list_item_is_struck_off_only_after_the_issuing_level_approves() {
        assumeTrue(Browser.available(), "Debian chromium and chromedriver are installed by .ci/run");
        String title = "浏览器清单事项-" + UUID.randomUUID().toString().substring(0, 6);
        long station = jdbc.queryForObject("SELECT unit_id FROM staff_account WHERE username = 'handler'", Long.class);
        ChromeDriver driver = Browser.start(1280, 900);
        try {
            Browser.login(driver, base(), "supervisor");
            driver.get(base() + "/lists");
            WebElement form = driver.findElement(By.cssSelector("form[action='/lists'][method='post']"));
            new Select(form.findElement(By.name("kind"))).selectByValue("PROBLEM");
            form.findElement(By.name("title")).sendKeys(title);
            new Select(form.findElement(By.name("ownerUnitId"))).selectByValue(String.valueOf(station));
            form.findElement(By.name("ownerPerson")).sendKeys("李所长");
            submit(driver, form.findElement(By.cssSelector("button[type=submit]")));
            String item = driver.getCurrentUrl().replaceFirst("^https?://[^/]+", "");
            assertThat(item).matches("/lists/\\d+");
            long id = Long.parseLong(item.substring("/lists/".length()));

            driver.manage().deleteAllCookies();
            Browser.login(driver, base(), "handler");
            driver.get(base() + item);
            assertThat(driver.findElements(By.cssSelector("button[value=APPROVE]"))).as("the owner never approves").isEmpty();
            driver.findElement(By.cssSelector("form[action$='/strike-off'] textarea[name=evidence]"))
                    .sendKeys("整改方案、培训签到表、回访记录");
            submit(driver, driver.findElement(By.cssSelector("form[action$='/strike-off'] button[type=submit]")));
            assertThat(status(id)).isEqualTo("STRIKE_OFF_REQUESTED");

            driver.manage().deleteAllCookies();
            Browser.login(driver, base(), "supervisor");
            driver.get(base() + item);
            submit(driver, driver.findElement(By.cssSelector("button[value=APPROVE]")));
            assertThat(status(id)).isEqualTo("STRUCK_OFF");
            assertThat(driver.getPageSource()).contains(title, "同意销号");
            Browser.screenshot(driver, "lists-struck-off");
        } finally {
            driver.quit();
        }
    }

    private String status(long id) {
        return jdbc.queryForObject("SELECT status FROM list_item WHERE id = ?", String.class, id);
    }

    /** Clicks and waits until the next page has replaced this one (a click returns before the POST's answer). */
    private static void submit(ChromeDriver driver, WebElement button) {
        WebElement html = driver.findElement(By.tagName("html"));
        button.click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(Browser.gone(html));
    }
}
