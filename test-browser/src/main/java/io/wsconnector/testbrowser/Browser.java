package io.wsconnector.testbrowser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.remote.http.ClientConfig;

/**
 * A headless Chromium driven through chromedriver, both the system's (Debian's {@code chromium} and
 * {@code chromium-driver}): Selenium is given their paths, so its Selenium Manager downloads nothing.
 * Each browser has a profile of its own, deleted on close, and keeps its console log, which a test
 * checks for errors.
 *
 * <p>The samples' browser tests share it; a module of its own keeps Selenium out of test-support, which
 * needs nothing but the JDK.
 *
 * <p>When either is missing the test is skipped with the reason, except under {@code CI=true}
 * ({@code .ci/run} installs both), where it fails: a CI run must not pass by skipping its browser tests.
 */
public final class Browser implements AutoCloseable {
    /** The browser; {@code -Dbrowser.chromium=...} elsewhere. */
    public static final Path CHROMIUM = Path.of(System.getProperty("browser.chromium", "/usr/bin/chromium"));
    /** Its WebDriver server; {@code -Dbrowser.chromedriver=...} elsewhere. */
    public static final Path CHROMEDRIVER =
            Path.of(System.getProperty("browser.chromedriver", "/usr/bin/chromedriver"));
    /** How long a page may take to show what a test waits for (a loaded 2-core machine). */
    public static final Duration WAIT = Duration.ofSeconds(15);

    private final Path profile;
    private final ChromeDriver driver;

    private Browser() throws IOException {
        profile = Files.createTempDirectory("wsconnector-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                // nothing but the pages under test goes over the network
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile,
                // lets a page that is not on localhost (about:blank, data:) reach a localhost server at all
                "--disable-features=LocalNetworkAccessChecks");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogOutput(OutputStream.nullOutputStream())
                .build();
        ClientConfig client = ClientConfig.defaultConfig()
                .connectionTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(60));
        try {
            driver = new ChromeDriver(service, options, client);
        } catch (RuntimeException e) {
            delete(profile);
            throw e;
        }
        driver.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
    }

    /** Skips the calling test class when the browser is missing, or fails it under {@code CI=true}. */
    public static void assumeInstalled() {
        List<Path> missing = Stream.of(CHROMIUM, CHROMEDRIVER).filter(path -> !Files.isExecutable(path)).toList();
        if (missing.isEmpty()) {
            return;
        }
        String message = "No browser for the browser tests: " + missing
                + " missing (apt-get install -y chromium chromium-driver)";
        if ("true".equals(System.getenv("CI"))) {
            fail(message + "; under CI=true the browser tests must run, not be skipped");
        }
        System.err.println("Skipped: " + message); // Surefire's summary counts skips without their reasons
        Assumptions.abort(message);
    }

    /** Starts a browser on a blank page. */
    public static Browser open() throws IOException {
        return new Browser();
    }

    /** Loads a page and waits for it. */
    public void get(String url) {
        driver.get(url);
    }

    public WebElement element(String cssSelector) {
        return driver.findElement(By.cssSelector(cssSelector));
    }

    /** The text of the element, as shown. */
    public String text(String cssSelector) {
        return element(cssSelector).getText();
    }

    /** The texts of the elements matching a selector, in document order. */
    public List<String> texts(String cssSelector) {
        return driver.findElements(By.cssSelector(cssSelector)).stream().map(WebElement::getText).toList();
    }

    /** Types into a text field and submits its form, as a person pressing Enter. */
    public void type(String cssSelector, String text) {
        element(cssSelector).sendKeys(text + "\n");
    }

    /** Replaces what a text field holds. */
    public void fill(String cssSelector, String text) {
        WebElement field = element(cssSelector);
        field.clear();
        field.sendKeys(text);
    }

    public void click(String cssSelector) {
        element(cssSelector).click();
    }

    /** Runs a script in the page, as its own code would. */
    public void run(String script) {
        driver.executeScript(script);
    }

    /**
     * Waits until a value satisfies the condition, polling; on time-out, fails naming what was awaited and
     * the last value seen.
     */
    public <T> T await(String what, Supplier<T> value, Predicate<? super T> condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        T last = value.get();
        while (!condition.test(last)) {
            if (System.nanoTime() > deadline) {
                fail("waited " + WAIT.toSeconds() + " s for " + what + "; last seen: " + last);
            }
            pause(50);
            last = value.get();
        }
        return last;
    }

    /** The console's errors (failed requests included) since the last call. */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    public void assertNoConsoleErrors() {
        assertEquals(List.of(), consoleErrors(), "errors in the browser's console");
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            delete(profile);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
