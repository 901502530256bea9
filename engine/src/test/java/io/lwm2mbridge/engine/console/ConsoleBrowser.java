package io.lwm2mbridge.engine.console;

import io.lwm2mbridge.engine.testing.TestServer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver, pointed at a real {@link TestServer}'s
 * console. Without Chromium on the machine the test is skipped, unless {@code BRIDGE_REQUIRE_BROWSER=1}
 * (set by {@code .ci/run}, which installs it), so CI can never pass by skipping.
 *
 * <p>Screenshots go to {@code engine/target/screenshots/}; {@code tools/console-screenshots} copies them
 * to {@code docs/console/}, where the README shows them. At {@link #close()} the browser's console must
 * hold no error: a script error, a failed module load or a blocked resource (the content security policy)
 * fails the test that caused it.
 */
public final class ConsoleBrowser implements AutoCloseable {

    static final String CHROMIUM = env("BRIDGE_CHROMIUM", "/usr/bin/chromium");
    static final String CHROMEDRIVER = env("BRIDGE_CHROMEDRIVER", "/usr/bin/chromedriver");
    static final Duration WAIT = Duration.ofSeconds(20);

    private final TestServer server;
    private final ChromeDriver driver;
    private final Path profile;
    private final List<String> allowedErrors = new ArrayList<>();

    private ConsoleBrowser(TestServer server) throws IOException {
        this.server = server;
        this.profile = Files.createTempDirectory("console-browser-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // flags that keep Chromium from reaching out to the network, which this machine refuses
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--window-size=1400,900", "--lang=en-US",
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(WAIT);
    }

    /** Opens a browser on the server's console, or skips the test when no Chromium is installed here. */
    public static ConsoleBrowser open(TestServer server) {
        boolean present = Files.isExecutable(Paths.get(CHROMIUM)) && Files.isExecutable(Paths.get(CHROMEDRIVER));
        if (!present && "1".equals(System.getenv("BRIDGE_REQUIRE_BROWSER"))) {
            throw new AssertionError("BRIDGE_REQUIRE_BROWSER=1 but " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing (apt-get install chromium chromium-driver)");
        }
        Assumptions.assumeTrue(present, "no headless Chromium here (" + CHROMIUM + ", " + CHROMEDRIVER + ")");
        try {
            return new ConsoleBrowser(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.server().httpPort();
    }

    /** Loads the console and signs in with the server's token; answers once the first page is shown. */
    public ConsoleBrowser signIn() {
        driver.get(baseUrl() + "/");
        type(By.id("token"), TestServer.TOKEN);
        click(By.id("sign-in-button"));
        await(By.cssSelector("#page section.page"));
        return this;
    }

    /** Goes to a page of the console by its hash ({@code #/devices/dev-1}), in the signed-in tab. */
    public ConsoleBrowser go(String hash) {
        driver.get(baseUrl() + "/" + hash);
        await(By.cssSelector("#page section.page"));
        return this;
    }

    /** Waits until an element is shown and answers it. */
    public WebElement await(By by) {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Waits until an element's text contains {@code text}; answers the element. */
    public WebElement awaitText(By by, String text) {
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(by, text));
        return driver.findElement(by);
    }

    /** Waits for any condition on the page, with this browser's patience. */
    public <T> T until(Function<WebDriver, T> condition) {
        return waiting().until(condition);
    }

    public void click(By by) {
        waiting().until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    public void type(By by, String text) {
        WebElement input = await(by);
        input.clear();
        input.sendKeys(text);
    }

    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /**
     * Bytes the current page loaded over the network (compressed, as sent), from the browser's own
     * resource timing: the console promises pages of a few hundred KiB at most.
     */
    public long pageWeight() {
        Object total = script("return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
                + ".reduce((s, e) => s + (e.encodedBodySize || 0), 0)");
        return ((Number) total).longValue();
    }

    /** Saves a screenshot of the window as {@code engine/target/screenshots/<name>} and answers its path. */
    public Path screenshot(String name) {
        try {
            Path dir = Paths.get("target", "screenshots");
            Files.createDirectories(dir);
            Path file = dir.resolve(name);
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An error the test causes on purpose (say, a 400 the page shows) that the console may log. */
    public ConsoleBrowser allowError(String fragment) {
        allowedErrors.add(fragment);
        return this;
    }

    /** The browser console's errors so far (script errors, failed loads, CSP refusals), less the allowed ones. */
    public List<String> errors() {
        List<String> out = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()
                    && allowedErrors.stream().noneMatch(entry.getMessage()::contains)) {
                out.add(entry.getMessage());
            }
        }
        return out;
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(driver, WAIT);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    @Override
    public void close() {
        List<String> errors;
        try {
            errors = errors();
        } finally {
            driver.quit();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary profile: what could not be removed stays
            }
        }
        if (!errors.isEmpty()) {
            throw new AssertionError("the browser's console logged errors: " + errors);
        }
    }

    /** For assertions on JSON the page holds: {@code script("return ...")} answers maps as maps. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }
}
