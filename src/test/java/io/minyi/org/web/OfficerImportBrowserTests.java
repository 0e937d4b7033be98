package io.minyi.org.web;

import io.minyi.support.Browser;
import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@FullStackTest
class OfficerImportBrowserTests {

    @LocalServerPort
    int port;

    @Test
    void the_import_page_follows_the_job_until_it_reports_the_result_without_a_reload() throws Exception {
        Assumptions.assumeTrue(Browser.available(), "needs /usr/bin/chromium and /usr/bin/chromedriver");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("警号*", "姓名*", "单位编码*", "职务"));
        for (int i = 0; i < 3000; i++) {
            rows.add(List.of("BRW-" + i, "浏览器导入" + i, "U-0004-03", "民警"));
        }
        Path file = Files.createTempFile("officers", ".xlsx");
        Files.write(file, Workbooks.xlsx(rows));
        ChromeDriver driver = Browser.start(1280, 900);
        try {
            Browser.login(driver, "http://localhost:" + port, "admin");
            driver.get("http://localhost:" + port + "/admin/officers/import");
            driver.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
            driver.findElement(By.cssSelector("button.primary[type=submit]")).click();

            new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("/admin/imports/"));
            String jobUrl = driver.getCurrentUrl();
            assertThat(jobUrl).contains("/admin/imports/");
            new WebDriverWait(driver, Duration.ofSeconds(60))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("import-done")));
            assertThat(driver.getCurrentUrl()).isEqualTo(jobUrl);
            assertThat(driver.findElement(By.id("import-done")).getText()).contains("3000");
            Browser.screenshot(driver, "officers-import");
        } finally {
            driver.quit();
            Files.deleteIfExists(file);
        }
    }
}
