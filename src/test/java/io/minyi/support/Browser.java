package io.minyi.support;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Debian's headless Chromium driven by its own chromedriver (no download at test time: both come from apt, installed
 * by .ci/run). Screenshots go to target/screenshots/.
 */
public final class Browser {

    private Browser() {
    }

    public static boolean available() {
        return new File("/usr/bin/chromium").canExecute() && new File("/usr/bin/chromedriver").canExecute();
    }

    public static ChromeDriver start(int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-quic", "--no-first-run", "--lang=zh-CN", "--window-size=" + width + "," + height);
        // the page's console is kept so that a wait that times out can say what the page itself reported
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
        return driver;
    }

    /**
     * Signs in through the login form and waits until the browser has left the login page, so that the next
     * navigation carries the session cookie even on a busy machine.
     */
    public static void login(ChromeDriver driver, String baseUrl, String username) {
        driver.get(baseUrl + "/login");
        driver.findElement(org.openqa.selenium.By.id("username")).sendKeys(username);
        driver.findElement(org.openqa.selenium.By.id("password")).sendKeys(StaffClient.DEMO_PASSWORD);
        driver.findElement(org.openqa.selenium.By.id("login-submit")).click();
        new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(30))
                .until(d -> !d.getCurrentUrl().contains("/login"));
    }

    /**
     * Waits until the page an element belongs to has been replaced. Chromium sometimes answers a question about an
     * element of a page being torn down with "Node … does not belong to the document" instead of "stale element":
     * both mean the old page is gone.
     */
    public static org.openqa.selenium.support.ui.ExpectedCondition<Boolean> gone(org.openqa.selenium.WebElement element) {
        return d -> {
            try {
                element.isEnabled();
                return false;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return true;
            } catch (org.openqa.selenium.WebDriverException e) {
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        };
    }

    /**
     * Waits like {@code WebDriverWait}, but a timeout says where the browser was and what the page said: its address,
     * its status lines and its console (an uncaught error of the page's own script shows there), so that a wait that
     * fails once on a busy machine can be explained from the build log alone.
     */
    public static void waitUntil(ChromeDriver driver, int seconds, String what,
                                 java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition) {
        try {
            new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(seconds)).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("waited " + seconds + " s for " + what + "; " + explain(driver), e);
        }
    }

    static String explain(ChromeDriver driver) {
        StringBuilder said = new StringBuilder("page ").append(driver.getCurrentUrl());
        try {
            driver.findElements(org.openqa.selenium.By.cssSelector("[role=status], [data-outbox-count]"))
                    .forEach(el -> said.append(" | ").append(el.getAttribute("textContent").strip()));
            said.append(" | fields refused by the browser: ").append(driver.executeScript(
                    "return Array.from(document.querySelectorAll('form :invalid')).map(e => e.name || e.id).join(',')"));
            driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER)
                    .forEach(entry -> said.append("\nconsole ").append(entry.getLevel()).append(' ')
                            .append(entry.getMessage()));
        } catch (org.openqa.selenium.WebDriverException e) {
            said.append(" (the page could not be read: ").append(e.getClass().getSimpleName()).append(')');
        }
        return said.toString();
    }

    public static Path screenshot(ChromeDriver driver, String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
