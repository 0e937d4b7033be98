package io.minyi.casework;

import io.minyi.support.Browser;
import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@FullStackTest
class DuplicateMergeBrowserTests {

    @LocalServerPort
    int port;
    @Autowired
    CaseIntake intake;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_dispatcher_screening_a_case_sees_the_earlier_report_of_the_same_problem_and_merges_it() {
        Assumptions.assumeTrue(Browser.available(), "Debian chromium + chromedriver are needed");
        long county1 = jdbc.queryForObject("SELECT jurisdiction_id FROM staff_account WHERE username = 'dispatcher1'", Long.class);
        String place = "桃园" + UUID.randomUUID().toString().substring(0, 4) + "小区";
        var first = intake.receive(new NewCase(CaseType.GRID_EVENT, SourceChannel.GRID_VISIT, county1, null, null, null,
                null, place + "三号楼门口垃圾堆放多日无人清理，臭气熏天，居民意见很大", "环境卫生", null, null));
        var second = intake.receive(new NewCase(CaseType.GRID_EVENT, SourceChannel.HOTLINE, county1, null, null, "赵大妈",
                "13700001234", place + "三号楼门口的垃圾堆放了很多天没有人清理，臭气熏天", null, null, null));

        ChromeDriver driver = Browser.start(1280, 1000);
        try {
            String base = "http://localhost:" + port;
            Browser.login(driver, base, "dispatcher1");

            driver.get(base + "/pool?q=" + place);
            assertThat(driver.findElement(By.tagName("table")).getText()).contains(second.trackingCode());
            Browser.screenshot(driver, "casework-pool");
            driver.findElement(By.linkText(second.trackingCode())).click();
            // read the case page only once it has replaced the pool (a click returns before the load on a busy machine)
            new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(20))
                    .until(d -> !d.findElements(By.id("duplicates")).isEmpty());
            WebElement suggestions = driver.findElement(By.id("duplicates"));
            assertThat(suggestions.getText()).contains("可能重复").contains(first.trackingCode());
            Browser.screenshot(driver, "casework-duplicate-suggestion");

            WebElement row = suggestions.findElements(By.cssSelector("tr.duplicate")).stream()
                    .filter(r -> r.getText().contains(first.trackingCode())).findFirst().orElseThrow();
            row.findElement(By.cssSelector("a.merge")).click();
            // a merge is confirmed on a page that says what happens to both cases and to the resident
            new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(20))
                    .until(d -> !d.findElements(By.id("confirm-merge")).isEmpty());
            assertThat(driver.findElement(By.id("merge-effects")).getText()).contains("继续跟踪");
            Browser.screenshot(driver, "casework-merge-confirm");
            driver.findElement(By.id("confirm-merge")).click();

            // the click returns before the form's POST-redirect-GET has finished on a busy machine
            new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(20))
                    .until(d -> d.getCurrentUrl().endsWith("/cases/" + first.caseId()));
            new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(20))
                    .until(d -> !d.findElements(By.cssSelector(".alert.ok")).isEmpty());
            assertThat(driver.findElement(By.cssSelector(".alert.ok")).getText()).contains("已合并");
            Browser.screenshot(driver, "casework-after-merge");
        } finally {
            driver.quit();
        }
        assertThat(jdbc.queryForObject("SELECT state FROM cases WHERE id = ?", String.class, second.caseId()))
                .isEqualTo("MERGED");
        assertThat(jdbc.queryForObject("SELECT merged_into FROM cases WHERE id = ?", Long.class, second.caseId()))
                .isEqualTo(first.caseId());
    }
}
