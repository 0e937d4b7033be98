package io.minyi.dispute;

import io.minyi.dispute.internal.DisputeIntake;
import io.minyi.dispute.internal.DisputeSource;
import io.minyi.dispute.internal.MediationDesk;
import io.minyi.dispute.internal.PartyKind;
import io.minyi.dispute.internal.PartyRole;
import io.minyi.dispute.internal.Viewer;
import io.minyi.org.Role;
import io.minyi.support.Browser;
import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mediator's journey in a real browser: a dispute assigned to them appears on the workbench → a session is
 * recorded → agreement reached, the .docx and the PDF open and the PDF carries an embedded CJK font whose text reads
 * back in Chinese → signed → joint application recorded → the tribunal's handler records the ruling → follow-up.
 */
@FullStackTest
class MediatorFlowBrowserTests {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @LocalServerPort
    int port;
    @Autowired
    DisputeIntake intake;
    @Autowired
    MediationDesk desk;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    @Test
    void a_mediator_takes_a_dispute_from_assignment_to_follow_up() throws Exception {
        Assumptions.assumeTrue(Browser.available(), "Debian chromium + chromedriver are needed");
        String tag = UUID.randomUUID().toString().substring(0, 6);
        long county = jdbc.sql("SELECT jurisdiction_id FROM staff_account WHERE username = 'dispatcher1'").query(Long.class).single();
        String countyPath = jdbc.sql("SELECT path FROM jurisdiction WHERE id = ?").param(county).query(String.class).single();
        long id = intake.register(new DisputeIntake.Registration(county, "PROPERTY_MGMT", DisputeSource.WALK_IN,
                "物业费争议 " + tag, 2, null, null, List.of(
                new DisputeIntake.PartyInput(PartyRole.APPLICANT, PartyKind.NATURAL, "业主" + tag, "11010519491231002X", null, null),
                new DisputeIntake.PartyInput(PartyRole.RESPONDENT, PartyKind.LEGAL, "某物业公司", null, null, null)),
                Set.of(), null, null), "dispatcher1").disputeId();
        long me = jdbc.sql("SELECT m.id FROM mediator m JOIN staff_account s ON s.id = m.staff_id WHERE s.username = 'mediator'")
                .query(Long.class).single();
        Viewer dispatcher = jdbc.sql("SELECT id, unit_id FROM staff_account WHERE username = 'dispatcher1'")
                .query((rs, n) -> new Viewer(rs.getLong(1), "dispatcher1", Set.of(Role.DISPATCHER), rs.getLong(2),
                        countyPath + "%", null, List.of())).single();
        desk.assign(id, dispatcher, me, null, null);
        long tribunal = jdbc.sql("SELECT id FROM unit WHERE code = 'U-0001-20'").query(Long.class).single();
        jdbc.sql("""
                INSERT INTO staff_account (username, display_name, password_hash, roles, unit_id, jurisdiction_id)
                SELECT 'dispute_court_b', '人民法庭书记员', ?, ARRAY['UNIT_HANDLER'], u.id, u.jurisdiction_id FROM unit u WHERE u.id = ?
                ON CONFLICT (username) DO NOTHING""").params(passwords.encode(StaffClient.DEMO_PASSWORD), tribunal).update();

        String base = "http://localhost:" + port;
        ChromeDriver driver = Browser.start(1280, 1200);
        try {
            Browser.login(driver, base, "mediator");
            driver.get(base + "/mediation");
            assertThat(driver.findElement(By.id("my-disputes")).getText()).contains("物业费争议 " + tag);
            Browser.screenshot(driver, "dispute-workbench");
            driver.findElement(By.cssSelector("#my-disputes a[href='/disputes/" + id + "']")).click();
            wait(driver, "/disputes/" + id);
            assertThat(driver.findElement(By.id("parties")).getText()).contains("11010519491231002X");

            LocalDateTime start = LocalDateTime.now(CHINA).withSecond(0).withNano(0).plusHours(2);
            WebElement session = driver.findElement(By.id("session-form"));
            setValue(driver, session.findElement(By.name("start")), start.toString());
            setValue(driver, session.findElement(By.name("end")), start.plusHours(1).toString());
            session.findElement(By.name("place")).sendKeys("社区调解室");
            session.findElement(By.name("attendees")).sendKeys("业主、物业公司经理");
            session.findElement(By.name("record")).sendKeys("双方就物业费减免达成一致意向。");
            session.findElement(By.cssSelector("button[type=submit]")).click();
            waitForText(driver, "已保存调解记录");

            WebElement agree = driver.findElement(By.id("agree-form"));
            agree.findElement(By.name("facts")).sendKeys("业主以服务不到位为由拒交物业费。");
            agree.findElement(By.name("terms")).sendKeys("物业公司减免三个月物业费，业主补交其余欠费。");
            agree.findElement(By.name("performanceManner")).sendKeys("转账");
            setValue(driver, agree.findElement(By.name("performanceDeadline")), LocalDate.now(CHINA).plusDays(15).toString());
            agree.findElement(By.cssSelector("button[type=submit]")).click();
            waitForText(driver, "协议书已生成");
            Browser.screenshot(driver, "dispute-agreement");

            // the documents open, as the browser would fetch them with the mediator's session
            StaffClient http = new StaffClient(port);
            http.login("mediator");
            byte[] docx = http.getBytes("/disputes/" + id + "/agreement.docx").body();
            try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx))) {
                assertThat(doc.getParagraphs().getFirst().getText()).isEqualTo("人民调解协议书");
            }
            byte[] pdf = http.getBytes("/disputes/" + id + "/agreement.pdf").body();
            try (PDDocument doc = Loader.loadPDF(pdf)) {
                assertThat(new PDFTextStripper().getText(doc)).contains("人民调解协议书").contains("减免三个月物业费");
                List<String> fonts = new ArrayList<>();
                for (var name : doc.getPage(0).getResources().getFontNames()) {
                    PDFont f = doc.getPage(0).getResources().getFont(name);
                    fonts.add(f.getName() + (f.isEmbedded() ? " embedded" : ""));
                }
                assertThat(fonts).anyMatch(f -> f.contains("CJK") || f.contains("Hei") || f.contains("Ming"))
                        .allMatch(f -> f.endsWith("embedded"));
            }

            driver.findElement(By.cssSelector("#sign-form button[type=submit]")).click();
            waitForText(driver, "协议生效");
            new org.openqa.selenium.support.ui.Select(driver.findElement(By.cssSelector("#apply-form select[name=courtUnitId]")))
                    .selectByValue(String.valueOf(tribunal));
            driver.findElement(By.cssSelector("#apply-form button[type=submit]")).click();
            waitForText(driver, "已记录司法确认申请");

            // the tribunal's handler records the ruling from the inbox
            driver.manage().deleteAllCookies();
            Browser.login(driver, base, "dispute_court_b");
            driver.get(base + "/disputes/confirmations");
            driver.findElement(By.cssSelector("#confirmation-inbox a[href='/disputes/" + id + "']")).click();
            wait(driver, "/disputes/" + id);
            assertThat(driver.findElement(By.id("parties")).getText()).doesNotContain("11010519491231002X");
            driver.findElement(By.cssSelector("#ruling-form input[name=rulingNo]")).sendKeys("（2026）调确字第" + tag + "号");
            driver.findElement(By.cssSelector("#ruling-form button[type=submit]")).click();
            waitForText(driver, "已记录法院裁定");

            // back to the mediator for the follow-up visit
            driver.manage().deleteAllCookies();
            Browser.login(driver, base, "mediator");
            driver.get(base + "/disputes/" + id);
            driver.findElements(By.cssSelector(".follow-up-form button[type=submit]")).getFirst().click();
            waitForText(driver, "已记录回访");
            Browser.screenshot(driver, "dispute-after-follow-up");
        } finally {
            driver.quit();
        }
        assertThat(jdbc.sql("SELECT status FROM judicial_confirmation WHERE dispute_id = ?").param(id)
                .query(String.class).single()).isEqualTo("CONFIRMED");
        assertThat(jdbc.sql("SELECT count(*) FROM follow_up WHERE dispute_id = ? AND performance = 'PERFORMED'")
                .param(id).query(Long.class).single()).isEqualTo(1);
    }

    private static void setValue(ChromeDriver driver, WebElement input, String value) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];", input, value);
    }

    private static void wait(ChromeDriver driver, String pathEnd) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().endsWith(pathEnd));
    }

    private static void waitForText(ChromeDriver driver, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.getPageSource().contains(text));
    }
}
