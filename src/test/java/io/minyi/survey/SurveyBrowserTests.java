package io.minyi.survey;

import io.minyi.support.Browser;
import io.minyi.support.FullStackTest;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
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

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The survey journey in a browser (issue 12): the survey office builds a campaign, imports a list and sends the SMS
 * invitations; a resident answers on a phone-sized screen by the personal link; a staff member records a telephone
 * interview; the campaign page shows the rates and links the PDF summary.
 */
@FullStackTest
class SurveyBrowserTests {

    private static final Pattern LINK = Pattern.compile("/public/s/([A-Za-z0-9_-]{20,64})");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private String base() {
        return "http://localhost:" + port;
    }

    @Test
    void a_campaign_invites_a_resident_answers_by_link_staff_record_a_call_and_the_rates_appear() throws Exception {
        assumeTrue(Browser.available(), "Debian chromium and chromedriver are installed by .ci/run");
        String name = "浏览器测评-" + UUID.randomUUID().toString().substring(0, 6);
        String smsPhone = "135" + digits(8);
        String callPhone = "135" + digits(8);
        Path list = Files.createTempFile("survey-list", ".xlsx");
        writeList(list, smsPhone, callPhone);
        ChromeDriver driver = Browser.start(1280, 900);
        try {
            Browser.login(driver, base(), "supervisor");
            driver.get(base() + "/surveys");
            WebElement create = driver.findElement(By.cssSelector("form[action='/surveys'][method='post']"));
            create.findElement(By.name("name")).sendKeys(name);
            new Select(create.findElement(By.name("kind"))).selectByValue("SATISFACTION");
            submit(driver, create.findElement(By.cssSelector("button[type=submit]")));
            String campaign = driver.getCurrentUrl().replaceFirst("^https?://[^/]+", "");
            assertThat(campaign).matches("/surveys/\\d+");

            WebElement question = driver.findElement(By.cssSelector("form[action$='/questions']"));
            question.findElement(By.name("text")).sendKeys("您对我们的办理是否满意？");
            new Select(question.findElement(By.name("kind"))).selectByValue("SCALE");
            new Select(question.findElement(By.name("indicator"))).selectByValue("SATISFACTION");
            submit(driver, question.findElement(By.cssSelector("button[type=submit]")));
            driver.findElement(By.cssSelector("form[action$='/import'] input[type=file]"))
                    .sendKeys(list.toAbsolutePath().toString());
            submit(driver, driver.findElement(By.cssSelector("form[action$='/import'] button[type=submit]")));
            submit(driver, driver.findElement(By.cssSelector("form[action$='/open'] button")));
            submit(driver, driver.findElement(By.cssSelector("form[action$='/sms'] button")));
            Browser.screenshot(driver, "survey-campaign-sent");

            // the resident, on a phone, by the link in the text message
            String body = jdbc.queryForObject("SELECT body FROM notification WHERE channel = 'SMS' AND address = ? "
                    + "ORDER BY id DESC LIMIT 1", String.class, smsPhone);
            Matcher m = LINK.matcher(body);
            assertThat(m.find()).isTrue();
            ChromeDriver phone = Browser.start(360, 740);
            try {
                phone.get(base() + "/public/s/" + m.group(1));
                assertThat(phone.getPageSource()).contains("您对我们的办理是否满意？");
                phone.findElement(By.cssSelector("input[type=radio][value='5']")).click();
                submit(phone, phone.findElement(By.cssSelector("button[type=submit]")));
                assertThat(phone.getPageSource()).contains("感谢您的参与");
                Browser.screenshot(phone, "survey-answered");
            } finally {
                phone.quit();
            }

            // the call-centre form for the person without a link
            driver.get(base() + campaign + "/calls");
            submit(driver, driver.findElement(By.linkText("拨打并记录")));
            assertThat(driver.getPageSource()).contains(callPhone);
            driver.findElement(By.cssSelector("input[name=outcome][value=COMPLETED]")).click();
            driver.findElement(By.cssSelector("input[type=radio][value='4']")).click();
            submit(driver, driver.findElement(By.cssSelector("form[action$='/call'] button[type=submit]")));

            driver.get(base() + campaign);
            String page = driver.getPageSource();
            assertThat(page).contains(name, "100.0%", "summary.pdf");
            Browser.screenshot(driver, "survey-results");
            long responded = jdbc.queryForObject("SELECT count(*) FROM survey_invitation WHERE campaign_id = ? "
                    + "AND status = 'RESPONDED'", Long.class, Long.parseLong(campaign.replaceAll("\\D", "")));
            assertThat(responded).isEqualTo(2);
        } finally {
            driver.quit();
            Files.deleteIfExists(list);
        }
    }

    private static void writeList(Path file, String smsPhone, String callPhone) throws Exception {
        try (var wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet s = wb.createSheet("名单");
            Row head = s.createRow(0);
            String[] cols = {"姓名", "手机号", "单位编码", "方式"};
            for (int c = 0; c < cols.length; c++) {
                head.createCell(c).setCellValue(cols[c]);
            }
            String[][] rows = {{"周一", smsPhone, "", "短信"}, {"吴二", callPhone, "", "电话"}};
            for (int r = 0; r < rows.length; r++) {
                Row row = s.createRow(r + 1);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            wb.write(out);
        }
    }

    private static String digits(int n) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < n; k++) {
            b.append(ThreadLocalRandom.current().nextInt(10));
        }
        return b.toString();
    }

    /** Clicks and waits until the next page has replaced this one (a click returns before the POST's answer). */
    private static void submit(ChromeDriver driver, WebElement button) {
        WebElement html = driver.findElement(By.tagName("html"));
        button.click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(Browser.gone(html));
    }
}
