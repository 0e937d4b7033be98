package io.minyi.evaluation;

import io.minyi.evaluation.internal.ClueHandover;
import io.minyi.evaluation.internal.StoredReceipts;
import io.minyi.support.Browser;
import io.minyi.support.FullStackTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@FullStackTest
class EvaluationBrowserTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationContext context;

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

    /**
     * The form with a photo as Chromium sends it (multipart, its own boundary and part headers), small enough to be
     * parsed right after the door (decision 0065): a receipt, the clue with its cleaned photo, and the case keeps that
     * very photo (decision 0066).
     */
    @Test
    void a_resident_attaches_a_photo_to_a_clue_and_the_case_keeps_it() throws Exception {
        assumeTrue(Browser.available(), "Debian chromium and chromedriver are installed by .ci/run");
        String code = jdbc.sql("""
                SELECT t.code FROM evaluation_target t WHERE t.active AND t.officer_id IS NOT NULL
                ORDER BY t.officer_id OFFSET 101 LIMIT 1""").query(String.class).single();
        BufferedImage picture = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.ORANGE, 320, 240, Color.BLUE));
        g.fillRect(0, 0, 320, 240);
        g.dispose();
        Path photo = Files.createTempFile("window-", ".jpg");
        ImageIO.write(picture, "jpg", photo.toFile());
        ChromeDriver driver = Browser.start(360, 740);
        try {
            driver.get("http://localhost:" + port + "/e/" + code);
            driver.findElement(By.cssSelector("input[name=overall][value=DISSATISFIED]")).click();
            driver.findElement(By.cssSelector("details.card summary")).click();
            driver.findElement(By.id("clue")).sendKeys("窗口工作人员让我找熟人才给办。");
            driver.findElement(By.id("photo")).sendKeys(photo.toAbsolutePath().toString());
            driver.findElement(By.cssSelector("button.submit")).click();

            new WebDriverWait(driver, Duration.ofSeconds(10))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("tracking-code")));
            String tracking = driver.findElement(By.id("tracking-code")).getText().replace("-", "");
            long id = StoredReceipts.idOf(context, tracking);
            byte[] stored = jdbc.sql("SELECT bytes FROM evaluation_photo WHERE evaluation_id = ?").param(id)
                    .query(byte[].class).single();
            assertThat(ImageIO.read(new ByteArrayInputStream(stored)).getWidth()).isEqualTo(320);
            assertThat(jdbc.sql("SELECT content FROM evaluation_clue WHERE evaluation_id = ?").param(id)
                    .query(String.class).single()).isEqualTo("窗口工作人员让我找熟人才给办。");
            context.getBean(ClueHandover.class).retryPending();
            String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(stored));
            assertThat(jdbc.sql("""
                    SELECT a.sha256 FROM case_attachment a JOIN evaluation_clue c ON c.case_id = a.case_id
                    WHERE c.evaluation_id = ?""").param(id).query(String.class).list()).containsExactly(sha256);
        } finally {
            driver.quit();
            Files.deleteIfExists(photo);
        }
    }
}
