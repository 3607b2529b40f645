package io.facefleet.scheduler.support;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A real headless Chromium (Debian's chromium and chromium-driver; scripts/browser.sh installs them), driven through
 * Selenium, with full-page screenshots at desktop or phone width.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final int DESKTOP_WIDTH = 1280;
    private static final int DESKTOP_HEIGHT = 900;
    private static final int MAX_SCREENSHOT_HEIGHT = 3000;

    private final ChromeDriver driver;
    private final Path profile;
    private final Path screenshots;
    private final String baseUrl;

    private Browser(ChromeDriver driver, Path profile, Path screenshots, String baseUrl) {
        this.driver = driver;
        this.profile = profile;
        this.screenshots = screenshots;
        this.baseUrl = baseUrl;
    }

    public static Browser start(String baseUrl, Path screenshots) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("The dashboard's browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": run scripts/browser.sh (apt-get install chromium chromium-driver)");
        }
        try {
            Path profile = Files.createTempDirectory("facefleet-chromium");
            Files.createDirectories(screenshots);
            ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments(
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    // Without these Chromium reaches out to Google's services, which are refused here.
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + profile,
                    "--window-size=" + DESKTOP_WIDTH + "," + DESKTOP_HEIGHT);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            return new Browser(new ChromeDriver(service, options), profile, screenshots, baseUrl);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens the dashboard, which sends a browser without a session to the sign-in page, and signs in there. */
    public void signIn(String user, String password) {
        driver.get(baseUrl + "/");
        waitFor(Duration.ofSeconds(15), "the sign-in page", d -> d.getCurrentUrl().endsWith("/sign-in.html"));
        find("#username").sendKeys(user);
        find("#password").sendKeys(password);
        find("#sign-in button[type=submit]").click();
        waitFor(Duration.ofSeconds(15), "the dashboard", d -> d.findElement(By.id("main")).getDomAttribute("data-ready")
                != null);
    }

    /** Opens a dashboard page by its route ("creators", "videos/3") and waits until it has rendered. */
    public void open(String route) {
        String url = baseUrl + "/#/" + route;
        String current = driver.getCurrentUrl();
        if (current != null && current.startsWith(baseUrl + "/")) {
            script("const main = document.getElementById('main'); if (main) main.removeAttribute('data-ready');");
        }
        if (url.equals(current)) {
            driver.navigate().refresh(); // the same hash again would not render the page anew
        } else {
            driver.get(url);
        }
        String page = route.replaceAll("[/?].*", "");
        String expected = route.matches("(creators|videos)/\\d+.*") ? page.replaceAll("s$", "") : page;
        waitFor(Duration.ofSeconds(15), "the " + route + " page",
                d -> expected.equals(d.findElement(By.id("main")).getDomAttribute("data-ready")));
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public <T> T waitFor(Duration timeout, String what, Function<WebDriver, T> condition) {
        // Pages redraw what they poll: an element found a moment ago may have been replaced.
        return new WebDriverWait(driver, timeout, Duration.ofMillis(150)).withMessage("waiting for " + what)
                .ignoring(StaleElementReferenceException.class).until(condition);
    }

    public Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Whether every image in the elements matching css has loaded with real pixels. */
    public boolean imagesLoaded(String css) {
        return Boolean.TRUE.equals(script("""
                const images = [...document.querySelectorAll(arguments[0])];
                return images.length > 0 && images.every(i => i.complete && i.naturalWidth > 0);""", css));
    }

    /** A phone's screen: 390 CSS pixels wide, mobile viewport rules on. */
    public void phone() {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
    }

    public void desktop() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    /**
     * The whole page (up to 3000 px down, every picture loaded, no toasts) as name.png in the screenshots folder;
     * any page, JobRunr's dashboard too.
     */
    public Path screenshot(String name) {
        script("document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager');"
                + "document.getElementById('toasts')?.replaceChildren(); window.scrollTo(0, 0);");
        waitFor(Duration.ofSeconds(10), "the pictures", d -> Boolean.TRUE.equals(
                script("return [...document.images].every(i => i.complete)")));
        Number width = (Number) script("return document.documentElement.clientWidth");
        Number height = (Number) script("return Math.max(document.documentElement.scrollHeight, window.innerHeight)");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", width.intValue(),
                "height", Math.min(MAX_SCREENSHOT_HEIGHT, height.intValue()), "scale", 1);
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        Path file = screenshots.resolve(name + ".png");
        try {
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a temporary folder left behind
            }
        }
    }
}
