package org.dartboard.watch;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven by Selenium, for the dashboard's browser tests here and in the command line's
 * module (through this module's test jar; public for that, not an API): Debian's {@code chromium} and
 * {@code chromium-driver}, never a downloaded browser or driver. Without them a test is skipped with a
 * message saying what to install, so that {@code mvn verify} works with only Java and Maven;
 * {@code DARTBOARD_REQUIRE_BROWSER=1} (CI) makes that a failure.
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("DARTBOARD_CHROMIUM", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(System.getenv().getOrDefault("DARTBOARD_CHROMEDRIVER", "/usr/bin/chromedriver"));
    /** Where screenshots go: the test output, to look at after a run. */
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A headless Chromium, or the test skipped (failed when the browser is required) without one. */
    public static Browser start() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String missing = "Chromium and ChromeDriver are needed at " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (Debian: apt-get install chromium chromium-driver)";
            if ("1".equals(System.getenv("DARTBOARD_REQUIRE_BROWSER"))) {
                throw new AssertionError("DARTBOARD_REQUIRE_BROWSER=1, but " + missing);
            }
            Assumptions.abort(missing + "; the test is skipped");
        }
        Path profile = Files.createTempDirectory("dartboard-watch-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Headless, possibly as root, with nothing that would reach for the internet.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1700", "--force-device-scale-factor=1",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new Browser(new ChromeDriver(service, options), profile);
    }

    public WebDriver driver() {
        return driver;
    }

    /** Runs a script in the page and returns what it returns. */
    public Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** Waits at most {@code timeout} for the condition to give a value other than null or false. */
    public <T> T await(Duration timeout, String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(100))
                .withMessage(what)
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    /** Saves target/screenshots/NAME.png and prints where it is. */
    public Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Path saved = SCREENSHOTS.resolve(name + ".png");
        Files.copy(shot.toPath(), saved, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("Screenshot: " + saved.toAbsolutePath());
        return saved;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
