package io.minyi.web;

import io.minyi.support.Browser;
import io.minyi.support.FullStackTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Handlers and leaders read their queues and cases on a 360 px phone: the page itself never scrolls sideways. */
@FullStackTest
class StaffPhoneBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void inbox_case_page_and_review_fit_a_360_px_phone() {
        assumeTrue(Browser.available(), "Debian chromium and chromedriver are installed by .ci/run");
        String base = "http://localhost:" + port;
        List<String> wide = new ArrayList<>();
        ChromeDriver driver = Browser.start(360, 740);
        try {
            Browser.login(driver, base, "unitleader");
            List<String> pages = new ArrayList<>(List.of("/", "/inbox", "/review", "/supervision/letters"));
            long unit = jdbc.sql("SELECT unit_id FROM staff_account WHERE username = 'unitleader'").query(Long.class).single();
            jdbc.sql("SELECT id FROM cases WHERE unit_id = ? ORDER BY id LIMIT 1").param(unit).query(Long.class)
                    .optional().ifPresent(id -> pages.add("/cases/" + id));
            for (String page : pages) {
                driver.get(base + page);
                Long overflow = (Long) driver.executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                if (overflow != null && overflow > 0) {
                    wide.add(page + ": " + overflow + " px");
                }
            }
            Browser.screenshot(driver, "staff-phone-last");
        } finally {
            driver.quit();
        }
        assertThat(wide).as("pages wider than the phone").isEmpty();
    }
}
